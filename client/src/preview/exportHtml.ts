import * as path from 'node:path';
import * as vscode from 'vscode';
import { memoKindOf } from '../../../server/src/engine';
import { exportMemo, exportPathFor, folderImages } from '../../../server/src/preview';

/** "Policy Memo: Export to HTML": one standalone file beside the memo (or where the writer chooses, for an untitled memo). */
export async function exportToHtml(document: vscode.TextDocument): Promise<void> {
  const kind = memoKindOf(document.uri.path) ?? 'markdown';
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
  const result = exportMemo(document.getText(), kind, { resolveImage: local ? folderImages(path.dirname(document.uri.fsPath)) : undefined });
  try {
    await vscode.workspace.fs.writeFile(target, Buffer.from(result.html, 'utf8'));
  } catch (error) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not export the memo: {0}', error instanceof Error ? error.message : String(error)));
    return;
  }
  const errors = result.findings.filter((f) => f.severity === 'error').length;
  const open = vscode.l10n.t('Open in Browser');
  const shown = vscode.workspace.asRelativePath(target);
  const choice =
    errors > 0
      ? await vscode.window.showWarningMessage(vscode.l10n.t('The memo has {0} error(s); it was exported anyway to {1}.', errors, shown), open)
      : await vscode.window.showInformationMessage(vscode.l10n.t('Exported to {0}.', shown), open);
  if (choice === open) await vscode.env.openExternal(target);
}
