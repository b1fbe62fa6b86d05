import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { memoUri, openMemo, within, workspaceFolder } from '../helpers';

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

/** Resolves once a workspace file is created or rewritten (VS Code reports its own writes too). */
function nextWrite(name: string): Promise<void> {
  const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(workspaceFolder(), name));
  const written = new Promise<void>((resolve) => {
    watcher.onDidCreate(() => resolve());
    watcher.onDidChange(() => resolve());
  });
  return within(written, `${name} to be written`).finally(() => watcher.dispose());
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

  it('"Export to HTML" writes the memo beside it, rendered by the language server', async () => {
    await openMemo('reference.memo.md');
    const written = nextWrite('reference.memo.html');
    // Not awaited: the command ends with a notification that waits for the writer.
    void vscode.commands.executeCommand('policyMemo.exportHtml');
    await written;
    const html = new TextDecoder().decode(await vscode.workspace.fs.readFile(memoUri('reference.memo.html')));
    assert.match(html, /^<!DOCTYPE html>/);
    assert.match(html, /NOTE DE SERVICE/);
    assert.match(html, /Content-Security-Policy" content="default-src &#39;none&#39;/);
    assert.doesNotMatch(html, /<script/);
  });

  it('"Export to Word" writes the .docx beside the memo, rendered by the language server', async () => {
    await openMemo('reference.memo.md');
    const written = nextWrite('reference.memo.docx');
    // Not awaited: the command ends with a notification that waits for the writer.
    void vscode.commands.executeCommand('policyMemo.exportWord');
    await written;
    const bytes = await vscode.workspace.fs.readFile(memoUri('reference.memo.docx'));
    assert.equal(new TextDecoder().decode(bytes.subarray(0, 2)), 'PK', 'a .docx is a zip');
    assert.ok(new TextDecoder('latin1').decode(bytes).includes('word/document.xml'));
  });
});
