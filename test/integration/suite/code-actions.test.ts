import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { diagnosticsExactly, memoUri, openMemo } from '../helpers';

describe('Quick fixes', () => {
  it('offers to rewrite a hand-written date, and applying the fix clears the diagnostic', async () => {
    const uri = memoUri('bad-date.memo.md');
    const editor = await openMemo('bad-date.memo.md');
    const before = editor.document.getText();
    const [diagnostic] = await diagnosticsExactly(uri, ['date-format']);

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      diagnostic.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    // The command's results do not carry their diagnostics: a fix for this one is an edit of its range.
    const fixes = actions.filter((a) => a.edit?.get(uri).some((e) => e.range.isEqual(diagnostic.range)));
    assert.equal(fixes.length, 1, `expected one date fix, got: ${actions.map((a) => a.title).join(' | ')}`);
    const [fix] = fixes;
    assert.equal(fix.kind?.value, vscode.CodeActionKind.QuickFix.value);
    assert.equal(fix.isPreferred, true);

    const cleared = diagnosticsExactly(uri, []);
    assert.equal(await vscode.workspace.applyEdit(fix.edit as vscode.WorkspaceEdit), true);
    await cleared;
    // The fix touched only the date: the writer's other text is as it was.
    assert.equal(editor.document.getText(), before.replace('date: June 11, 2021', 'date: 2021-06-11'));
    assert.equal(await editor.document.save(), true);
  });
});
