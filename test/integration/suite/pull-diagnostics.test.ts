import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { diagnosticsWhen, memoUri, policyMemo, PolicyMemoApi, rulesOf } from '../helpers';

describe('Diagnostics in VS Code', () => {
  it('are pulled (LSP 3.17), so the rest of this suite runs on pulled diagnostics, the workspace check included', async () => {
    // A memo open makes the server start.
    const document = await vscode.workspace.openTextDocument(memoUri('broken.memo.md'));
    await vscode.window.showTextDocument(document);
    await diagnosticsWhen(document.uri, (ds) => rulesOf(ds).length > 0, 'the broken memo checked');
    assert.equal(await (policyMemo().exports as PolicyMemoApi).pullsDiagnostics(), true);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('keep the problems shown while the writer types faster than a large memo is checked', async () => {
    // A pull cancelled by a newer edit came back empty from vscode-languageclient 9, blanking the problems until the next answer.
    const good = new TextDecoder().decode(await vscode.workspace.fs.readFile(memoUri('on-type.memo.md')));
    const uri = memoUri('typing-fast.memo.md');
    const body = 'A paragraph of the body that makes the memo long enough to take a while to check.\n\n'.repeat(5000);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(good.replace('2021-06-11', 'June 11, 2021') + '\n' + body));
    try {
      const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      await diagnosticsWhen(uri, (ds) => rulesOf(ds).includes('date-format'), 'the date problem of the large memo');
      let blanked = 0;
      const watch = vscode.languages.onDidChangeDiagnostics((event) => {
        if (event.uris.some((u) => u.toString() === uri.toString()) && !rulesOf(vscode.languages.getDiagnostics(uri)).includes('date-format')) blanked++;
      });
      try {
        const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
        for (let i = 0; i < 30; i++) await editor.edit((edit) => edit.insert(end, 'x'));
        // The last edit adds a problem of its own: its diagnostics are the last version's.
        await editor.edit((edit) => edit.insert(end, '\n\nTODO\n'));
        await diagnosticsWhen(uri, (ds) => rulesOf(ds).includes('date-format') && rulesOf(ds).includes('placeholder-text'), 'the last version checked');
      } finally {
        watch.dispose();
      }
      assert.equal(blanked, 0, 'the date problem was never taken away while the writer typed');
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      await vscode.workspace.fs.delete(uri);
    }
  });
});
