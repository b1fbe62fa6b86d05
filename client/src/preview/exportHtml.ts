import * as path from 'node:path';
import * as vscode from 'vscode';
import { exportHtml } from '../../../server/src/lsp/protocol';
import { exportPathFor } from '../../../server/src/preview/export-path';
import { failureText, RunningClient } from '../memoServer';

/**
 * "Policy Memo: Export to HTML": one standalone file beside the memo (or where the writer chooses, for
 * an untitled memo). The language server renders it and counts its errors with the memo's own checks.
 */
export async function exportToHtml(document: vscode.TextDocument, client: RunningClient): Promise<void> {
  const local = document.uri.scheme === 'file';
  let target: vscode.Uri | undefined = local ? vscode.Uri.file(exportPathFor(document.uri.fsPath)) : undefined;
  if (!target) {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const name = exportPathFor(path.basename(document.uri.path));
    target = await vscode.window.showSaveDialog({
      defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
      filters: { HTML: ['html'] },
    });
    if (!target) return;
  }
  let errors: number;
  try {
    const result = await (await client()).sendRequest(exportHtml, { uri: document.uri.toString() });
    errors = result.errors;
    await vscode.workspace.fs.writeFile(target, Buffer.from(result.html, 'utf8'));
  } catch (error) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not export the memo: {0}', failureText(error)));
    return;
  }
  const open = vscode.l10n.t('Open in Browser');
  const shown = vscode.workspace.asRelativePath(target);
  const choice =
    errors > 0
      ? await vscode.window.showWarningMessage(vscode.l10n.t('The memo has {0} error(s); it was exported anyway to {1}.', errors, shown), open)
      : await vscode.window.showInformationMessage(vscode.l10n.t('Exported to {0}.', shown), open);
  if (choice === open) await vscode.env.openExternal(target);
}
