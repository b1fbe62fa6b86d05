import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic, MessageConnection } from 'vscode-languageserver-protocol/node';
import { inMemoryServer } from '../support/in-memory-server';
import { fixtures } from '../support/fixtures';
import { scratchDir } from '../support/scratch';

const reference = readFileSync(path.join(fixtures, 'reference', 'reference.memo.md'), 'utf8');
const uriOf = (file: string) => pathToFileURL(file).toString();

/** A language server on in-memory streams, driven like an editor would; waits on published diagnostics, never on time. */
class Editor {
  readonly client: MessageConnection;
  private readonly latest = new Map<string, Diagnostic[]>();
  private waiters: { uri: string; test: (d: Diagnostic[]) => boolean; resolve: (d: Diagnostic[]) => void }[] = [];
  private version = 1;

  constructor() {
    this.client = inMemoryServer();
    this.client.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: Diagnostic[] }) => {
      this.latest.set(p.uri, p.diagnostics);
      this.waiters = this.waiters.filter((w) => (w.uri === p.uri && w.test(p.diagnostics) ? (w.resolve(p.diagnostics), false) : true));
    });
    this.client.onRequest('client/registerCapability', () => null);
    this.client.listen();
  }

  async start(folder: string): Promise<void> {
    await this.client.sendRequest('initialize', {
      processId: null,
      rootUri: uriOf(folder),
      workspaceFolders: [{ uri: uriOf(folder), name: 'ws' }],
      capabilities: {
        workspace: { didChangeWatchedFiles: { dynamicRegistration: true }, workspaceEdit: { documentChanges: true, resourceOperations: ['create'] } },
        textDocument: { codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } } } },
      },
    });
    await this.client.sendNotification('initialized', {});
  }

  /** The next diagnostics published for `uri` that pass `test` (or the current ones, if they already do). */
  diagnostics(uri: string, test: (d: Diagnostic[]) => boolean): Promise<Diagnostic[]> {
    const now = this.latest.get(uri);
    if (now && test(now)) return Promise.resolve(now);
    return new Promise((resolve) => this.waiters.push({ uri, test, resolve }));
  }

  open(file: string, text: string): void {
    void this.client.sendNotification('textDocument/didOpen', { textDocument: { uri: uriOf(file), languageId: 'markdown', version: this.version++, text } });
  }

  changed(...files: string[]): void {
    void this.client.sendNotification('workspace/didChangeWatchedFiles', { changes: files.map((f) => ({ uri: uriOf(f), type: 2 })) });
  }

  stop(): void {
    this.client.dispose();
  }
}

const rules = (d: Diagnostic[]) => d.map((x) => String(x.code));

describe('language server: the config folder and translations', () => {
  let dir: string;
  let editor: Editor;
  beforeEach(async () => {
    dir = scratchDir('policy-memo-server');
    mkdirSync(path.join(dir, '.policy-memo'));
    editor = new Editor();
  });
  afterEach(() => {
    editor.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows a broken config file as one diagnostic in it, keeps checking with the defaults, and re-checks when it is fixed', async () => {
    const config = path.join(dir, '.policy-memo', 'config.yaml');
    writeFileSync(config, 'rules:\n  placeholder-link: [off\n');
    await editor.start(dir);
    const memo = path.join(dir, 'a.memo.md');
    editor.open(memo, reference);
    assert.deepEqual(rules(await editor.diagnostics(uriOf(config), (d) => d.length > 0)), ['config']);
    assert.deepEqual(rules(await editor.diagnostics(uriOf(memo), (d) => d.length > 0)), ['placeholder-link', 'placeholder-link']);
    writeFileSync(config, 'rules:\n  placeholder-link: off\n');
    editor.changed(config);
    assert.deepEqual(await editor.diagnostics(uriOf(config), (d) => d.length === 0), []);
    assert.deepEqual(await editor.diagnostics(uriOf(memo), (d) => d.length === 0), []);
  });

  it('offers "Add to glossary" as an edit creating .policy-memo/glossary.yaml', async () => {
    await editor.start(dir);
    const memo = path.join(dir, 'a.memo.md');
    editor.open(memo, reference.replace(' (MTFDC)', ''));
    const diagnostics = await editor.diagnostics(uriOf(memo), (d) => rules(d).includes('acronym'));
    const acronym = diagnostics.find((d) => d.code === 'acronym') as Diagnostic;
    const actions = (await editor.client.sendRequest('textDocument/codeAction', {
      textDocument: { uri: uriOf(memo) },
      range: acronym.range,
      context: { diagnostics: [acronym] },
    })) as { title: string; edit: { documentChanges: { kind?: string; uri?: string; textDocument?: { uri: string }; edits?: { newText: string }[] }[] } }[];
    const add = actions.find((a) => a.title === 'Add "MTFDC" to the glossary');
    assert.ok(add, JSON.stringify(actions.map((a) => a.title)));
    const glossary = uriOf(path.join(dir, '.policy-memo', 'glossary.yaml'));
    assert.deepEqual(add.edit.documentChanges.map((c) => c.kind ?? c.textDocument?.uri), ['create', glossary]);
    assert.match(add.edit.documentChanges[1].edits?.[0].newText ?? '', /\n- fr: MTFDC\n$/);
  });

  it('re-checks a memo when its translation changes on disk, with related places in that file', async () => {
    await editor.start(dir);
    const en = path.join(dir, 'r.en.memo.md');
    const fr = path.join(dir, 'r.fr.memo.md');
    const lonely = readFileSync(path.join(fixtures, 'rules', 'parity', 'files', 'lonely.fr.memo.md'), 'utf8');
    writeFileSync(fr, lonely.replace('---\nLes', 'translation: r.en.memo.md\n---\nLes').replace('17 h', '18 h'));
    editor.open(en, lonely.replace('---\nLes', 'translation: r.fr.memo.md\n---\nLes'));
    const before = await editor.diagnostics(uriOf(en), (d) => d.length > 0);
    assert.deepEqual(rules(before), ['parity'], '17 h here and 18 h there, in the same paragraph: one finding');
    assert.equal(before[0].relatedInformation?.[0].location.uri, uriOf(fr));
    writeFileSync(fr, lonely.replace('---\nLes', 'translation: r.en.memo.md\n---\nLes'));
    editor.changed(fr);
    assert.deepEqual(await editor.diagnostics(uriOf(en), (d) => d.length === 0), []);
  });
});
