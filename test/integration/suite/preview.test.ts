import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openMemo, within } from '../helpers';

/** Resolves with the first webview tab that opens from now on. */
function nextWebviewTab(): Promise<vscode.Tab> {
  let subscription: vscode.Disposable | undefined;
  const opened = new Promise<vscode.Tab>((resolve) => {
    subscription = vscode.window.tabGroups.onDidChangeTabs((event) => {
      const tab = event.opened.find((t) => t.input instanceof vscode.TabInputWebview);
      if (tab) resolve(tab);
    });
  });
  return within(opened, 'a webview tab').finally(() => subscription?.dispose());
}

describe('Preview', () => {
  it('"Open Preview to the Side" opens a webview beside the memo', async () => {
    const editor = await openMemo('reference.memo.md');
    const opened = nextWebviewTab();
    await vscode.commands.executeCommand('policyMemo.openPreviewToSide');
    const tab = await opened;
    assert.notEqual(tab.group.viewColumn, editor.viewColumn, 'the preview is beside the memo, not over it');
    assert.match(tab.label, /reference\.memo\.md/, 'the preview is titled with the memo it shows');
  });
});
