import * as vscode from 'vscode';
import * as l10n from '../l10n';
import { isMemoDocument } from '../memoFiles';
import type { RunningClient } from '../memoServer';
import { exportMemoFile } from './export';
import { MemoPreview } from './panel';

/** The memo to act on: the one in the active editor, else the one the preview shows. */
function activeMemo(uri?: vscode.Uri): vscode.TextDocument | undefined {
  if (uri) {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open && isMemoDocument(open)) return open;
  }
  const editor = vscode.window.activeTextEditor;
  if (editor && isMemoDocument(editor.document)) return editor.document;
  return MemoPreview.document;
}

async function withMemo(uri: vscode.Uri | undefined, action: (document: vscode.TextDocument) => unknown): Promise<void> {
  let document = activeMemo(uri);
  if (!document && uri) {
    const opened = await vscode.workspace.openTextDocument(uri);
    if (isMemoDocument(opened)) document = opened;
  }
  if (!document) {
    void vscode.window.showInformationMessage(l10n.t('Open a memo file (*.memo.md, *.memo.yaml or *.memo.yml) first.'));
    return;
  }
  await action(document);
}

/** The preview and export commands (the editor title button passes the file's URI); the language server renders. */
export function registerPreviewCommands(context: vscode.ExtensionContext, client: RunningClient): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('policyMemo.openPreviewToSide', (uri?: vscode.Uri) =>
      withMemo(uri, (document) => MemoPreview.show(context, client, document, vscode.ViewColumn.Beside, true)),
    ),
    vscode.commands.registerCommand('policyMemo.openPreview', (uri?: vscode.Uri) =>
      withMemo(uri, (document) => MemoPreview.show(context, client, document, vscode.ViewColumn.Active, false)),
    ),
    vscode.commands.registerCommand('policyMemo.exportHtml', (uri?: vscode.Uri) => withMemo(uri, (document) => exportMemoFile(document, client, 'html'))),
    vscode.commands.registerCommand('policyMemo.exportWord', (uri?: vscode.Uri) => withMemo(uri, (document) => exportMemoFile(document, client, 'docx'))),
    vscode.commands.registerCommand('policyMemo.exportPdf', (uri?: vscode.Uri) => withMemo(uri, (document) => exportMemoFile(document, client, 'pdf'))),
    // The preview's title-bar button: back to the memo the focused preview shows.
    vscode.commands.registerCommand('policyMemo.showSource', () =>
      withMemo(undefined, async (document) => {
        await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One, preview: false });
      }),
    ),
  ];
}
