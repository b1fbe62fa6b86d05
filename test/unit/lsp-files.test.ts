import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { readText } from '../../server/src/files/read';
import { inMemoryServer } from '../support/in-memory-server';
import { LspClient } from '../support/lsp';
import { fixture } from '../support/memo';
import { scratchDir } from '../support/scratch';

const EN = readFileSync(fixture('..', '..', 'examples', 'winter-readiness.en.memo.md'), 'utf8');
const FR = readFileSync(fixture('..', '..', 'examples', 'winter-readiness.fr.memo.md'), 'utf8');
const uriOf = (file: string) => pathToFileURL(file).toString();
const withTranslation = (target: string) => EN.replace(/^translation: .*$/m, `translation: ${target}`);
const translationMessages = (d: Diagnostic[]) => d.filter((x) => x.code === 'parity' && /translation/i.test(x.message)).map((x) => x.message);
const OUTSIDE = 'it is outside the workspace, and nothing outside the workspace is read.';
const NOT_FILE = 'it is not a regular file (it is a folder, a device, a pipe or a socket).';

describe('the language server and the files it reads (over stdio)', () => {
  let client: LspClient;
  let dir: string;
  let ws: string;
  let version = 1;
  beforeEach(async () => {
    dir = scratchDir('policy-memo-lsp-files');
    ws = path.join(dir, 'ws');
    mkdirSync(ws);
    mkdirSync(path.join(dir, 'outside'));
    client = new LspClient();
    await client.initialize({ workspaceFolders: [{ uri: uriOf(ws), name: 'ws' }], rootUri: uriOf(ws) });
  });
  afterEach(async () => {
    await client.stop();
  });

  const check = async (name: string, text: string) => (await client.open(uriOf(path.join(ws, name)), text, version++)).diagnostics;

  it('says why a translation was not read (FIFO, /dev/zero by a link, over the cap), and four FIFOs block nothing', async () => {
    for (let i = 0; i < 4; i++) execFileSync('mkfifo', [path.join(ws, `pipe${i}.fr.memo.md`)]);
    symlinkSync('/dev/zero', path.join(ws, 'zero.fr.memo.md'));
    writeFileSync(path.join(ws, 'big.fr.memo.md'), '');
    truncateSync(path.join(ws, 'big.fr.memo.md'), 150 * 1024 * 1024);
    for (let i = 0; i < 4; i++) {
      assert.deepEqual(translationMessages(await check(`p${i}.memo.md`, withTranslation(`pipe${i}.fr.memo.md`))), [`The translation "pipe${i}.fr.memo.md" was not read: ${NOT_FILE}`]);
    }
    // With the I/O threads free, a memo with a readable translation is still checked.
    writeFileSync(path.join(ws, 'winter-readiness.fr.memo.md'), FR.replace(/^translation: .*$/m, 'translation: ok.memo.md'));
    assert.deepEqual(translationMessages(await check('ok.memo.md', withTranslation('winter-readiness.fr.memo.md'))), []);
    assert.deepEqual(translationMessages(await check('z.memo.md', withTranslation('zero.fr.memo.md'))), [`The translation "zero.fr.memo.md" was not read: ${OUTSIDE}`]);
    assert.deepEqual(translationMessages(await check('b.memo.md', withTranslation('big.fr.memo.md'))), ['The translation "big.fr.memo.md" was not read: it is larger than 2 MB.']);
  });

  it('reads no translation outside the workspace folder, saying the same whether it exists or not', async () => {
    writeFileSync(path.join(dir, 'outside', 'real.fr.memo.md'), FR);
    symlinkSync('../outside/real.fr.memo.md', path.join(ws, 'link.fr.memo.md'));
    symlinkSync('../outside/none.fr.memo.md', path.join(ws, 'dangling.fr.memo.md'));
    for (const link of ['../outside/real.fr.memo.md', '../outside/none.fr.memo.md', 'link.fr.memo.md', 'dangling.fr.memo.md', '/etc/hostname']) {
      assert.deepEqual(translationMessages(await check(`m${version}.memo.md`, withTranslation(link))), [`The translation "${link}" was not read: ${OUTSIDE}`], link);
    }
  });

  it('says why a .policy-memo file was not read (a FIFO glossary), and still checks the memo', async () => {
    mkdirSync(path.join(ws, '.policy-memo'));
    const glossary = path.join(ws, '.policy-memo', 'glossary.yaml');
    execFileSync('mkfifo', [glossary]);
    const shown = client.diagnostics(uriOf(glossary), (p) => p.diagnostics.length > 0);
    await check('a.memo.md', EN);
    const [diagnostic] = (await shown).diagnostics;
    assert.match(diagnostic.message, /^This file was not read: it is not a regular file .* This file is ignored until it is fixed/);
  });

  it('keeps checking memos with a translation while a file://host/… (UNC) document is open', async () => {
    const unc = 'file://fileserver/share/notes.memo.md';
    await client.open(unc, EN, version++);
    writeFileSync(path.join(ws, 'winter-readiness.fr.memo.md'), FR.replace(/^translation: .*$/m, 'translation: en.memo.md'));
    const diagnostics = await check('en.memo.md', withTranslation('winter-readiness.fr.memo.md'));
    assert.deepEqual(translationMessages(diagnostics), []);
    assert.ok(!client.logs.some((l) => /failed/.test(l)), client.logs.join('\n'));
  });
});

describe('the language server and a custom schema that is not a file', () => {
  it('says why the schema was not read (a FIFO), and checks with the built-in schema', async () => {
    const dir = scratchDir('policy-memo-lsp-schema');
    execFileSync('mkfifo', [path.join(dir, 'pipe.schema.json')]);
    const client = new LspClient();
    try {
      client.settings.policyMemo = { schema: 'pipe.schema.json' };
      await client.initialize({ initializationOptions: { trusted: true }, workspaceFolders: [{ uri: uriOf(dir), name: 'ws' }] });
      const { diagnostics } = await client.open(uriOf(path.join(dir, 'a.memo.md')), EN);
      assert.equal(diagnostics[0].message, `The custom schema "pipe.schema.json" cannot be used (${NOT_FILE.slice(0, -1)}). The built-in memo schema is used instead.`);
    } finally {
      await client.stop();
    }
  });
});

describe('the language server keeps a translation between keystrokes', () => {
  it('reads the translation once while it is unchanged, and again when it changes on disk', async () => {
    const dir = scratchDir('policy-memo-lsp-cache');
    const fr = path.join(dir, 'winter-readiness.fr.memo.md');
    const en = path.join(dir, 'en.memo.md');
    writeFileSync(fr, FR.replace(/^translation: .*$/m, 'translation: en.memo.md'));
    const reads: string[] = [];
    const client = inMemoryServer({
      readFile: (file, limits) => {
        reads.push(file);
        return readText(file, limits);
      },
    });
    const waiters: { version: number; resolve: (d: Diagnostic[]) => void }[] = [];
    client.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number; diagnostics: Diagnostic[] }) => {
      for (const w of waiters.filter((x) => p.uri === uriOf(en) && x.version === p.version)) w.resolve(p.diagnostics);
    });
    client.listen();
    const published = (v: number) => new Promise<Diagnostic[]>((resolve) => waiters.push({ version: v, resolve }));
    try {
      await client.sendRequest('initialize', { processId: null, rootUri: uriOf(dir), workspaceFolders: [{ uri: uriOf(dir), name: 'ws' }], capabilities: {} });
      await client.sendNotification('initialized', {});
      const text = withTranslation('winter-readiness.fr.memo.md');
      let next = published(1);
      void client.sendNotification('textDocument/didOpen', { textDocument: { uri: uriOf(en), languageId: 'markdown', version: 1, text } });
      assert.deepEqual(translationMessages(await next), []);
      for (let v = 2; v <= 5; v++) {
        next = published(v);
        void client.sendNotification('textDocument/didChange', { textDocument: { uri: uriOf(en), version: v }, contentChanges: [{ text: text + ' '.repeat(v) }] });
        await next;
      }
      assert.equal(reads.filter((f) => f === fr).length, 1, reads.join('\n'));
      // Changed on disk, with no watcher to say so: its size and time differ, so it is read again.
      writeFileSync(fr, FR.replace(/^translation: .*$/m, 'translation: other.memo.md'));
      next = published(6);
      void client.sendNotification('textDocument/didChange', { textDocument: { uri: uriOf(en), version: 6 }, contentChanges: [{ text }] });
      assert.equal(translationMessages(await next).length, 1);
      assert.equal(reads.filter((f) => f === fr).length, 2);
    } finally {
      client.dispose();
    }
  });
});
