import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { diagnosticsWhen, memoUri, rulesOf, setWorkspaceSetting, statusBarWhen } from '../helpers';

const encoder = new TextEncoder();

/** What "Check All Memos in the Workspace" returns (server/src/lsp/protocol.ts `CheckWorkspaceResult`). */
interface CheckWorkspaceResult {
  files: number;
  problems: number;
  cancelled: boolean;
}
const hasDateProblem = (ds: vscode.Diagnostic[]) => rulesOf(ds).includes('date-format');

describe('the workspace check and the status bar', () => {
  const folder = memoUri('workspace-check');
  const memo = (i: number) => vscode.Uri.joinPath(folder, `memo-${i}.memo.md`);
  const broken = vscode.Uri.joinPath(folder, 'broken.memo.md');
  const opened = vscode.Uri.joinPath(folder, 'opened.memo.md');
  let good = '';

  before(async () => {
    good = new TextDecoder().decode(await vscode.workspace.fs.readFile(memoUri('on-type.memo.md')));
    await vscode.workspace.fs.createDirectory(folder);
    for (let i = 0; i < 30; i++) await vscode.workspace.fs.writeFile(memo(i), encoder.encode(good));
    await vscode.workspace.fs.writeFile(broken, encoder.encode(good.replace('2021-06-11', 'June 11, 2021')));
    await vscode.workspace.fs.writeFile(opened, encoder.encode(good.replace('2021-06-11', 'June 11, 2021')));
  });
  after(async () => {
    await vscode.workspace.fs.delete(folder, { recursive: true });
  });

  it('shows the problems of memos that are not open, and follows their files on disk', async () => {
    const result = await vscode.commands.executeCommand<CheckWorkspaceResult>('policyMemo.checkWorkspace');
    assert.ok(result, 'the command returns what it checked');
    assert.ok(result.files >= 31, `checked ${result.files} files`);
    assert.equal(result.cancelled, false);
    await diagnosticsWhen(broken, hasDateProblem, 'the date problem of a memo that was never opened');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === broken.toString()), 'the broken memo was not opened');

    // Broken on disk after the check: its problem appears without opening it.
    const shown = diagnosticsWhen(memo(3), hasDateProblem, 'the problem of a memo broken on disk');
    await vscode.workspace.fs.writeFile(memo(3), encoder.encode(good.replace('2021-06-11', '11/06/2021')));
    await shown;

    // Deleted: its diagnostics go.
    const gone = diagnosticsWhen(broken, (ds) => ds.length === 0, 'no diagnostics for a deleted memo');
    await vscode.workspace.fs.delete(broken);
    await gone;
  });

  it('says in the status bar how many problems the memo has and what applied to it', async () => {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(opened));
    await diagnosticsWhen(opened, hasDateProblem, 'the date problem');
    const { text, tooltip } = await statusBarWhen((t, tip) => /Policy Memo: \d+/.test(t) && tip.includes('Schema:'), 'a problem count and the summary');
    assert.match(text, /^\$\(warning\) Policy Memo: [1-9]\d*$/);
    assert.match(tooltip, /Schema: the built-in memo schema\./);
    assert.match(tooltip, /Workspace lists: none/);
    assert.match(tooltip, /Checked as you type/);

    await setWorkspaceSetting('policyMemo.run', 'onSave');
    try {
      await statusBarWhen((_, tip) => tip.includes('Checked on open and save only (setting policyMemo.run: onSave)'), 'the on-save setting');
    } finally {
      await setWorkspaceSetting('policyMemo.run', undefined);
    }
  });
});
