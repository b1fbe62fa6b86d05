import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Hover } from 'vscode-languageserver-protocol';
import type { CheckWorkspaceResult, MemoSummary } from '../../server/src/lsp/protocol';
import { LspClient } from '../support/lsp';
import { fixture } from '../support/memo';
import { scratchDir } from '../support/scratch';

const GOOD = readFileSync(fixture('..', '..', 'examples', 'winter-readiness.en.memo.md'), 'utf8').replace(/^translation: .*\n/m, '');
const BROKEN = GOOD.replace(/^date: .*$/m, 'date: 02/10/2026');
const uriOf = (file: string) => pathToFileURL(file).toString();
const hasDateProblem = (p: { diagnostics: { code?: unknown }[] }) => p.diagnostics.some((d) => d.code === 'date-format');

describe('the language server: every memo of the workspace, and what applied to a memo', () => {
  let client: LspClient;
  let ws: string;
  const file = (name: string) => path.join(ws, name);
  const write = (name: string, text: string) => {
    mkdirSync(path.dirname(file(name)), { recursive: true });
    writeFileSync(file(name), text);
  };
  const checkWorkspace = (exclude: string[] = []) => client.connection.sendRequest('policyMemo/checkWorkspace', { exclude }) as Promise<CheckWorkspaceResult>;
  const summary = (uri: string) => client.connection.sendRequest('policyMemo/memoSummary', { uri }) as Promise<MemoSummary>;
  const published = (name: string) => client.published.filter((p) => p.uri === uriOf(file(name)));

  beforeEach(async () => {
    ws = scratchDir('policy-memo-workspace');
    client = new LspClient();
  });
  afterEach(async () => {
    await client.stop();
  });

  const start = (trusted = true) =>
    client.initialize({
      workspaceFolders: [{ uri: uriOf(ws), name: 'ws' }],
      rootUri: uriOf(ws),
      initializationOptions: { trusted },
      capabilities: { workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } } },
    });

  it('checks the memos that are not open, leaving out node_modules, .gitignore and the excluded globs', async () => {
    write('good.memo.md', GOOD);
    write('sub/broken.memo.md', BROKEN);
    write('node_modules/pkg/dep.memo.md', BROKEN);
    write('build/out.memo.md', BROKEN);
    write('.gitignore', 'build/\n');
    write('drafts/old.memo.md', BROKEN);
    write('sub/.gitignore', 'local.memo.md\n');
    write('sub/local.memo.md', BROKEN);
    write('notes.md', BROKEN);
    await start();
    const brokenShown = client.diagnostics(uriOf(file('sub/broken.memo.md')), hasDateProblem);
    const result = await checkWorkspace(['drafts/**']);
    await brokenShown;
    assert.equal(result.files, 2);
    assert.equal(result.capped, false);
    assert.equal(result.cancelled, false);
    assert.ok(result.problems >= 1);
    assert.deepEqual(
      [...new Set(client.published.map((p) => path.relative(ws, new URL(p.uri).pathname)))].sort(),
      ['good.memo.md', 'sub/broken.memo.md'],
      'only the listed memos get diagnostics',
    );
    assert.equal(published('good.memo.md').at(-1)?.diagnostics.length, 0);
  });

  it('leaves out the memos the ignore: globs of their .policy-memo/config.yaml match (the nearest one, as the CLI), but an open one keeps its own check', async () => {
    write('.policy-memo/config.yaml', 'ignore:\n  - drafts/**\n');
    write('top.memo.md', BROKEN);
    write('drafts/old.memo.md', BROKEN);
    write('drafts/open.memo.md', BROKEN);
    // A nested config folder replaces the outer one for its memos; its globs are relative to team/.
    write('team/.policy-memo/config.yaml', 'ignore:\n  - "*.template.memo.md"\n');
    write('team/letter.template.memo.md', BROKEN);
    write('team/drafts/kept.memo.md', BROKEN);
    await start();
    const openShown = client.diagnostics(uriOf(file('drafts/open.memo.md')), hasDateProblem);
    await client.open(uriOf(file('drafts/open.memo.md')), BROKEN, 1);
    await openShown;
    const result = await checkWorkspace();
    assert.equal(result.files, 2);
    assert.deepEqual(
      [...new Set(client.published.map((p) => path.relative(ws, new URL(p.uri).pathname)))].sort(),
      ['drafts/open.memo.md', 'team/drafts/kept.memo.md', 'top.memo.md'],
      'the ignored memos get no diagnostics; the open one keeps its own',
    );
    assert.ok(published('top.memo.md').at(-1)?.diagnostics.some((d) => d.code === 'date-format'));
    assert.ok(published('team/drafts/kept.memo.md').at(-1)?.diagnostics.some((d) => d.code === 'date-format'));
    // Closed, the ignored memo goes with the editor: it is not checked from disk as the listed ones are.
    await client.close(uriOf(file('drafts/open.memo.md')));
    await client.hover({ textDocument: { uri: uriOf(file('top.memo.md')) }, position: { line: 0, character: 0 } }).catch(() => null);
    assert.deepEqual(published('drafts/open.memo.md').at(-1)?.diagnostics, [], 'an ignored memo closed in the editor keeps no diagnostics');
  });

  it('follows the files after a check: a file broken on disk shows it, a deleted one loses its diagnostics, an unchanged one is not sent again', async () => {
    write('a.memo.md', GOOD);
    write('b.memo.md', BROKEN);
    await start();
    await checkWorkspace();
    const sentBefore = published('a.memo.md').length;
    // Checked again with nothing changed: nothing is sent again.
    await checkWorkspace();
    assert.equal(published('a.memo.md').length, sentBefore);

    const aBroken = client.diagnostics(uriOf(file('a.memo.md')), hasDateProblem);
    write('a.memo.md', BROKEN);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(file('a.memo.md')), type: 2 }] });
    await aBroken;

    const bCleared = client.diagnostics(uriOf(file('b.memo.md')), (p) => p.diagnostics.length === 0);
    rmSync(file('b.memo.md'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(file('b.memo.md')), type: 3 }] });
    await bCleared;

    // A memo opened then closed keeps its file's diagnostics (instead of losing them as it closes).
    await client.open(uriOf(file('a.memo.md')), GOOD, 1);
    const backFromDisk = client.diagnostics(uriOf(file('a.memo.md')), hasDateProblem);
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: uriOf(file('a.memo.md')) } });
    await backFromDisk;
  });

  it('checks a memo twice at once (the command, and the watcher telling of the file) and still shows its problems', async () => {
    for (let i = 0; i < 6; i++) write(`m${i}.memo.md`, GOOD);
    await start();
    await checkWorkspace();
    // New files arrive while two workspace checks run: each file is checked by both at the same time,
    // and by the watched-files event.
    const names = ['n0.memo.md', 'n1.memo.md', 'n2.memo.md', 'n3.memo.md'];
    for (const name of names) write(name, BROKEN);
    const shown = names.map((name) => client.diagnostics(uriOf(file(name)), hasDateProblem));
    const changes = names.map((name) => ({ uri: uriOf(file(name)), type: 1 }));
    const [first, second] = await Promise.all([
      checkWorkspace(),
      checkWorkspace(),
      client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes }),
    ]);
    await Promise.all(shown);
    for (const name of names) assert.ok(published(name).at(-1)?.diagnostics.some((d) => d.code === 'date-format'), `${name}: its last diagnostics`);
    for (const result of [first, second]) {
      assert.equal(result.files, 10);
      assert.ok(result.problems >= names.length, `problems counted: ${result.problems}`);
    }
  });

  it('checks the closed memos again when the settings change, in the new language', async () => {
    write('a.memo.md', BROKEN);
    await start();
    await checkWorkspace();
    const english = published('a.memo.md').at(-1)?.diagnostics.find((d) => d.code === 'date-format')?.message ?? '';
    assert.match(english, /^The date/);
    const french = client.diagnostics(uriOf(file('a.memo.md')), (p) => p.diagnostics.some((d) => d.code === 'date-format' && /^La date/.test(d.message)));
    client.settings = { policyMemo: { locale: 'fr' } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { policyMemo: { locale: 'fr' } } });
    await french;
  });

  it('says on its first line why a memo file could not be checked, and clears that once the file is gone', async () => {
    write('latin1.memo.md', '');
    writeFileSync(file('latin1.memo.md'), Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0x74, 0x6f, 0x3a, 0x20, 0xe9, 0x0a]));
    await start();
    const told = client.diagnostics(uriOf(file('latin1.memo.md')), (p) => p.diagnostics.length === 1);
    const result = await checkWorkspace();
    const [warning] = (await told).diagnostics;
    assert.equal(warning.message, 'This memo could not be checked: it is not UTF-8 text.');
    assert.deepEqual(warning.range.start, { line: 0, character: 0 });
    assert.equal(result.problems, 1);
    const cleared = client.diagnostics(uriOf(file('latin1.memo.md')), (p) => p.diagnostics.length === 0);
    rmSync(file('latin1.memo.md'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(file('latin1.memo.md')), type: 3 }] });
    await cleared;
  });

  it('without a workspace check, a closed memo loses its diagnostics as before', async () => {
    write('a.memo.md', BROKEN);
    await start();
    await client.open(uriOf(file('a.memo.md')), BROKEN, 1);
    await client.close(uriOf(file('a.memo.md')));
  });

  it('says what applied: the built-in schema, no config folder, Canadian typography, English, as you type', async () => {
    write('a.memo.md', GOOD);
    await start();
    await client.open(uriOf(file('a.memo.md')), GOOD, 1);
    const s = await summary(uriOf(file('a.memo.md')));
    assert.equal(s.run, 'onType');
    assert.equal(s.configFolder, undefined);
    assert.equal(s.newConfigFolder, path.join(ws, '.policy-memo'));
    assert.equal(s.configFolderUri, uriOf(path.join(ws, '.policy-memo')));
    assert.match(s.markdown, /Schema: the built-in memo schema\./);
    assert.match(s.markdown, /Workspace lists: none/);
    assert.match(s.markdown, /Typography: Canadian French/);
    assert.match(s.markdown, /Messages: in English \(setting policyMemo\.locale: auto\)/);
    assert.match(s.markdown, /Checked as you type/);
  });

  it('says the custom schema is ignored in an untrusted workspace, names the config folder and its typography, in French', async () => {
    write('.policy-memo/config.yaml', 'typography: france\n');
    write('schema.json', '{}');
    write('a.memo.md', GOOD);
    client.settings = { policyMemo: { schema: 'schema.json', locale: 'fr' } };
    await start(false);
    await client.open(uriOf(file('a.memo.md')), GOOD, 1);
    const s = await summary(uriOf(file('a.memo.md')));
    assert.equal(s.locale, 'fr');
    assert.equal(s.configFolder, path.join(ws, '.policy-memo'));
    assert.equal(s.configFolderUri, uriOf(path.join(ws, '.policy-memo')));
    assert.match(s.markdown, /Le schéma personnalisé `schema\.json` est ignoré, car cet espace de travail n’est pas approuvé/);
    assert.match(s.markdown, /Typographie\u00a0: française de France/);
    assert.ok(s.markdown.includes('`' + path.join(ws, '.policy-memo') + '`'));
  });

  it('says a custom schema only the client sees (VS Code hides it in Restricted Mode) is ignored', async () => {
    write('a.memo.md', GOOD);
    write('schema.json', JSON.stringify({ type: 'object', required: ['budget'] }));
    await start(false);
    await client.open(uriOf(file('a.memo.md')), GOOD, 1);
    const ask = (params: object) => client.connection.sendRequest('policyMemo/memoSummary', { uri: uriOf(file('a.memo.md')), ...params }) as Promise<MemoSummary>;
    const s = await ask({ ignoredSchema: 'schema.json' });
    assert.match(s.markdown, /Schema: the built-in one\. The custom schema `schema\.json` is ignored: this workspace is not trusted\./);
    // The hover on the opening --- says the same, from what the client last told with the summary.
    const hover = (await client.hover({ textDocument: { uri: uriOf(file('a.memo.md')) }, position: { line: 0, character: 1 } })) as Hover;
    assert.deepEqual(hover.contents, { kind: 'markdown', value: s.markdown });
    assert.match((await ask({ ignoredSchema: 42 })).markdown, /Schema: the built-in memo schema\./);
  });

  it('does not take a trusted workspace\'s schema from the summary request', async () => {
    write('a.memo.md', GOOD);
    await start(true);
    await client.open(uriOf(file('a.memo.md')), GOOD, 1);
    const s = (await client.connection.sendRequest('policyMemo/memoSummary', { uri: uriOf(file('a.memo.md')), ignoredSchema: 'schema.json' })) as MemoSummary;
    assert.match(s.markdown, /Schema: the built-in memo schema\./);
  });

  it('says a custom schema applies in a trusted workspace, and that a large memo is checked on open and save only', async () => {
    write('schema.json', JSON.stringify({ type: 'object', required: ['subject'] }));
    client.settings = { policyMemo: { schema: 'schema.json', maxFileSize: 0.1 } };
    await start(true);
    const big = GOOD + '\nA paragraph of the body.\n'.repeat(6000);
    await client.open(uriOf(file('big.memo.md')), big, 1);
    const s = await summary(uriOf(file('big.memo.md')));
    assert.equal(s.run, 'onSave');
    assert.equal(s.maxLiveLength, 0.1 * 1024 * 1024);
    assert.match(s.markdown, /Schema: the custom schema `schema\.json`/);
    assert.match(s.markdown, /Checked on open and save only: the memo is larger than policyMemo\.maxFileSize \(0\.1 MB\)/);
  });

  it('shows the same summary when hovering the front matter’s opening ---', async () => {
    await start();
    await client.open(uriOf(file('a.memo.md')), GOOD, 1);
    const hover = (await client.hover({ textDocument: { uri: uriOf(file('a.memo.md')) }, position: { line: 0, character: 1 } })) as Hover;
    const s = await summary(uriOf(file('a.memo.md')));
    assert.deepEqual(hover.contents, { kind: 'markdown', value: s.markdown });
  });
});
