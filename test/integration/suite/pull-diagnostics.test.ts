import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { diagnosticsWhen, memoUri, policyMemo, rulesOf } from '../helpers';

/** The part of the extension's API this test reads (client/src/extension.ts `PolicyMemoApi`). */
interface PolicyMemoApi {
  pullsDiagnostics(): Promise<boolean>;
}

describe('Diagnostics in VS Code', () => {
  it('are pulled (LSP 3.17), so the rest of this suite runs on pulled diagnostics, the workspace check included', async () => {
    // A memo open makes the server start.
    const document = await vscode.workspace.openTextDocument(memoUri('broken.memo.md'));
    await vscode.window.showTextDocument(document);
    await diagnosticsWhen(document.uri, (ds) => rulesOf(ds).length > 0, 'the broken memo checked');
    assert.equal(await (policyMemo().exports as PolicyMemoApi).pullsDiagnostics(), true);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
