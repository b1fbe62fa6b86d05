import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { WorkspaceDiagnosticRequest } from 'vscode-languageserver-protocol';
import type {
  ClientCapabilities,
  Diagnostic,
  DocumentDiagnosticReport,
  WorkspaceDiagnosticReport,
  WorkspaceDiagnosticReportPartialResult,
  WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver-protocol';
import type { CheckWorkspaceResult } from '../../server/src/lsp/protocol';
import { LspClient } from '../support/lsp';
import { fixture } from '../support/memo';
import { scratchDir } from '../support/scratch';

const GOOD = readFileSync(fixture('..', '..', 'examples', 'winter-readiness.en.memo.md'), 'utf8').replace(/^translation: .*\n/m, '');
const DATE_LINE = GOOD.split('\n').findIndex((line) => line.startsWith('date:'));
const BROKEN = GOOD.replace(/^date: .*$/m, 'date: 02/10/2026');
const uriOf = (file: string) => pathToFileURL(file).toString();
const dateProblem = (items: Diagnostic[]) => items.find((d) => d.code === 'date-format');

/** What VS Code's language client announces: pulled diagnostics, with refresh, and watched files. */
const PULLING: ClientCapabilities = {
  textDocument: { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } },
  workspace: { configuration: true, diagnostics: { refreshSupport: true }, didChangeWatchedFiles: { dynamicRegistration: true } },
};

describe('the language server: diagnostics the client pulls (LSP 3.17)', () => {
  let client: LspClient;
  let ws: string;
  /** Every `workspace/diagnostic/refresh` the server sent, and who waits for the next. */
  let refreshes: number;
  let onRefresh: (() => void)[];
  /** Every report received on the workspace request, in order, and who waits for which. */
  let reports: WorkspaceDocumentDiagnosticReport[];
  let reportWaiters: { test: (r: WorkspaceDocumentDiagnosticReport) => boolean; resolve: (r: WorkspaceDocumentDiagnosticReport) => void }[];

  const file = (name: string) => path.join(ws, name);
  const write = (name: string, text: string) => {
    mkdirSync(path.dirname(file(name)), { recursive: true });
    writeFileSync(file(name), text);
  };
  const pull = (uri: string, previousResultId?: string) =>
    client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri }, previousResultId }) as Promise<DocumentDiagnosticReport>;
  const full = (report: DocumentDiagnosticReport): Diagnostic[] => {
    assert.equal(report.kind, 'full', `a full report, not ${JSON.stringify(report)}`);
    return report.kind === 'full' ? report.items : [];
  };
  const open = (uri: string, text: string) =>
    client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  const replaceText = (uri: string, version: number, text: string) =>
    client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  const nextRefresh = () => new Promise<void>((resolve) => onRefresh.push(resolve));
  const checkWorkspace = () => client.connection.sendRequest('policyMemo/checkWorkspace', { exclude: [] }) as Promise<CheckWorkspaceResult>;
  const reportsOf = (name: string) => reports.filter((r) => r.uri === uriOf(file(name)));
  /** The next report for a file that passes `test`, from the workspace request. */
  const report = (name: string, test: (items: Diagnostic[]) => boolean) =>
    new Promise<WorkspaceDocumentDiagnosticReport>((resolve) => {
      const waiter = { test: (r: WorkspaceDocumentDiagnosticReport) => r.uri === uriOf(file(name)) && r.kind === 'full' && test(r.items), resolve };
      const seen = reports.find(waiter.test);
      if (seen) resolve(seen);
      else reportWaiters.push(waiter);
    });
  const received = (items: WorkspaceDocumentDiagnosticReport[]) => {
    for (const item of items) {
      reports.push(item);
      for (const waiter of [...reportWaiters]) {
        if (!waiter.test(item)) continue;
        reportWaiters.splice(reportWaiters.indexOf(waiter), 1);
        waiter.resolve(item);
      }
    }
  };
  /** Opens the workspace request as VS Code does, with a partial result token: it stays open, and reports stream in. */
  const openWorkspaceRequest = () => {
    const token = 'workspace-pull';
    client.connection.onProgress(WorkspaceDiagnosticRequest.partialResult, token, (partial: WorkspaceDiagnosticReportPartialResult) => received(partial.items));
    return client.connection.sendRequest('workspace/diagnostic', { previousResultIds: [], partialResultToken: token }) as Promise<WorkspaceDiagnosticReport>;
  };

  beforeEach(() => {
    ws = scratchDir('policy-memo-pull');
    client = new LspClient();
    refreshes = 0;
    onRefresh = [];
    reports = [];
    reportWaiters = [];
    client.connection.onRequest('workspace/diagnostic/refresh', () => {
      refreshes++;
      for (const resolve of onRefresh.splice(0)) resolve();
      return null;
    });
  });
  afterEach(async () => {
    await client.stop();
  });

  const start = (capabilities: ClientCapabilities = PULLING) =>
    client.initialize({ workspaceFolders: [{ uri: uriOf(ws), name: 'ws' }], rootUri: uriOf(ws), initializationOptions: { trusted: true }, capabilities });

  it('announces a diagnostic provider with workspace diagnostics to a client that pulls, and none to one that does not', async () => {
    const pulling = await start();
    assert.deepEqual(pulling.capabilities.diagnosticProvider, { identifier: 'policy-memo', interFileDependencies: true, workspaceDiagnostics: true });
    await client.stop();
    client = new LspClient();
    const pushed = await start({ workspace: { configuration: true } });
    assert.equal(pushed.capabilities.diagnosticProvider, undefined);
  });

  it('checks an open memo when asked, says "unchanged" when nothing changed, checks each change, and publishes nothing', async () => {
    await start();
    const uri = uriOf(file('open.memo.md'));
    await open(uri, BROKEN);
    const first = await pull(uri);
    const problem = dateProblem(full(first));
    assert.ok(problem, 'the date problem is given');
    assert.equal(problem.range.start.line, DATE_LINE);
    assert.ok(first.resultId);
    assert.deepEqual(await pull(uri, first.resultId), { kind: 'unchanged', resultId: first.resultId });

    await replaceText(uri, 2, GOOD);
    const second = await pull(uri, first.resultId);
    assert.equal(dateProblem(full(second)), undefined, 'the fixed date is checked as typed');
    assert.notEqual(second.resultId, first.resultId);
    // A request answered after the checks: anything pushed meanwhile would have arrived before it.
    await client.hover({ textDocument: { uri }, position: { line: 0, character: 0 } });
    assert.deepEqual(client.published.filter((p) => p.uri === uri), [], 'a client that pulls is not also pushed diagnostics');
  });

  it('with run: onSave, keeps the last diagnostics while the writer types and asks the client to pull again on save', async () => {
    client.settings = { policyMemo: { run: 'onSave' } };
    await start();
    const uri = uriOf(file('saved.memo.md'));
    await open(uri, BROKEN);
    const first = await pull(uri);
    assert.ok(dateProblem(full(first)), 'a memo is checked on open');

    await replaceText(uri, 2, GOOD);
    assert.deepEqual(await pull(uri, first.resultId), { kind: 'unchanged', resultId: first.resultId }, 'typing is not checked on save only');
    const refreshed = nextRefresh();
    await client.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
    await refreshed;
    assert.equal(dateProblem(full(await pull(uri, first.resultId))), undefined, 'the saved text is checked');
  });

  it('checks a memo larger than maxFileSize on open and save only, even with run: onType', async () => {
    client.settings = { policyMemo: { maxFileSize: 0.001 } };
    await start();
    const uri = uriOf(file('large.memo.md'));
    assert.ok(BROKEN.length > 1024, 'the memo is over the 1 KB limit');
    await open(uri, BROKEN);
    const first = await pull(uri);
    assert.ok(dateProblem(full(first)), 'a large memo is checked on open');
    await replaceText(uri, 2, GOOD);
    assert.deepEqual(await pull(uri, first.resultId), { kind: 'unchanged', resultId: first.resultId });
    const refreshed = nextRefresh();
    await client.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
    await refreshed;
    assert.equal(dateProblem(full(await pull(uri, first.resultId))), undefined, 'the saved text is checked');
  });

  it('asks the client to pull again when settings change, and the memo is checked again in the new language', async () => {
    await start();
    const uri = uriOf(file('fr.memo.md'));
    await open(uri, BROKEN);
    const first = await pull(uri);
    const english = dateProblem(full(first))?.message ?? '';
    client.settings = { policyMemo: { locale: 'fr' } };
    const refreshed = nextRefresh();
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { policyMemo: { locale: 'fr' } } });
    await refreshed;
    const french = dateProblem(full(await pull(uri, first.resultId)))?.message ?? '';
    assert.notEqual(french, english);
    assert.match(french, /date/i);
    assert.ok(refreshes >= 1);
  });

  it('streams the closed memos on the workspace request as they are checked, each once, and follows changes and deletes', async () => {
    write('a.memo.md', GOOD);
    write('sub/b.memo.md', BROKEN);
    await start();
    const stillOpen = openWorkspaceRequest();
    let answered = false;
    void stillOpen.then(() => (answered = true));

    const bShown = report('sub/b.memo.md', (items) => dateProblem(items) !== undefined);
    const aShown = report('a.memo.md', (items) => items.length === 0);
    const result = await checkWorkspace();
    assert.equal(result.files, 2);
    const b = await bShown;
    await aShown;
    assert.equal(b.version, null, 'a closed file has no version');
    assert.ok(b.resultId);

    // Checked again with nothing changed: nothing is sent again.
    await checkWorkspace();
    write('a.memo.md', BROKEN);
    const aBroken = report('a.memo.md', (items) => dateProblem(items) !== undefined);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(file('a.memo.md')), type: 2 }] });
    await aBroken;
    assert.equal(reportsOf('sub/b.memo.md').length, 1, 'the unchanged file was reported once');

    rmSync(file('sub/b.memo.md'));
    const bGone = report('sub/b.memo.md', (items) => items.length === 0);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(file('sub/b.memo.md')), type: 3 }] });
    await bGone;
    assert.equal(answered, false, 'the workspace request stays open while the client keeps it');
    assert.deepEqual(client.published, [], 'nothing is pushed to a client that pulls');
  });

  it('answers the workspace request once reports wait, for a client that takes no partial results', async () => {
    write('a.memo.md', BROKEN);
    await start();
    const answer = client.connection.sendRequest('workspace/diagnostic', { previousResultIds: [] }) as Promise<WorkspaceDiagnosticReport>;
    await checkWorkspace();
    const { items } = await answer;
    assert.deepEqual(
      items.map((item) => item.uri),
      [uriOf(file('a.memo.md'))],
    );
    assert.ok(items[0].kind === 'full' && dateProblem(items[0].items));
  });

  it('pushes the closed memos to a client that pulls open memos but makes no workspace request (as Neovim 0.10)', async () => {
    write('a.memo.md', BROKEN);
    await start();
    const pushed = client.diagnostics(uriOf(file('a.memo.md')), (p) => dateProblem(p.diagnostics) !== undefined);
    await checkWorkspace();
    await pushed;
  });

  it("gives a memo closed in the editor what its file holds (nothing, when the workspace is not followed) on the workspace request", async () => {
    write('kept.memo.md', BROKEN);
    await start();
    void openWorkspaceRequest();
    const unfollowed = uriOf(file('unfollowed.memo.md'));
    await open(unfollowed, BROKEN);
    assert.ok(dateProblem(full(await pull(unfollowed))));
    const cleared = report('unfollowed.memo.md', (items) => items.length === 0);
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: unfollowed } });
    await cleared;

    await checkWorkspace();
    const kept = uriOf(file('kept.memo.md'));
    await open(kept, GOOD);
    assert.equal(dateProblem(full(await pull(kept))), undefined, 'the open memo is checked from the editor text');
    const before = reportsOf('kept.memo.md').length;
    const fromDisk = new Promise<WorkspaceDocumentDiagnosticReport>((resolve) =>
      reportWaiters.push({ test: (r) => r.uri === kept && reports.filter((x) => x.uri === kept).length > before, resolve }),
    );
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: kept } });
    const closed = await fromDisk;
    assert.ok(closed.kind === 'full' && dateProblem(closed.items), 'closed without saving: the file on disk is what counts again');
  });
});
