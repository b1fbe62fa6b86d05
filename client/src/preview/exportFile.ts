import * as path from 'node:path';
import * as vscode from 'vscode';
import { exportFile, ExportFileResult } from '../../../server/src/lsp/protocol';
import { exportPathFor } from '../../../server/src/preview/export-path';
import { failureText, RunningClient } from '../memoServer';

/**
 * "Policy Memo: Export to Word" and "Export to PDF": the file beside the memo (or where the writer
 * chooses, for an untitled memo). The language server renders the bytes with the memo's own checks;
 * the client writes them and offers to open the file or show it in its folder.
 */
export async function exportToFile(document: vscode.TextDocument, client: RunningClient, format: 'docx' | 'pdf'): Promise<void> {
  let target: vscode.Uri | undefined = document.uri.scheme === 'file' ? vscode.Uri.file(exportPathFor(document.uri.fsPath, format)) : undefined;
  if (!target) {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const name = exportPathFor(path.basename(document.uri.path), format);
    target = await vscode.window.showSaveDialog({
      defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
      filters: format === 'docx' ? { Word: ['docx'] } : { PDF: ['pdf'] },
    });
    if (!target) return;
  }
  const browserPath = vscode.workspace.getConfiguration('policyMemo', document.uri).get<string>('export.browserPath', '');
  const render = async (): Promise<ExportFileResult> => (await client()).sendRequest(exportFile, { uri: document.uri.toString(), format, browserPath });
  let result: ExportFileResult;
  try {
    result =
      format === 'pdf'
        ? await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Printing the memo to PDF…') }, render)
        : await render();
    if (result.noBrowser) {
      const settings = vscode.l10n.t('Open Settings');
      const choice = await vscode.window.showErrorMessage(
        browserPath
          ? vscode.l10n.t('The browser set in policyMemo.export.browserPath was not found: {0}. Nothing was written.', browserPath)
          : vscode.l10n.t('No Chrome, Edge or Chromium was found to print the PDF. Set its path in policyMemo.export.browserPath. Nothing was written.'),
        settings,
      );
      if (choice === settings) await vscode.commands.executeCommand('workbench.action.openSettings', 'policyMemo.export.browserPath');
      return;
    }
    if (result.failure !== undefined || result.data === undefined) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not export the memo: {0}', result.failure ?? ''));
      return;
    }
    await vscode.workspace.fs.writeFile(target, Buffer.from(result.data, 'base64'));
    if (result.templateRefused) void vscode.window.showWarningMessage(result.templateRefused);
  } catch (error) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not export the memo: {0}', failureText(error)));
    return;
  }
  const open = vscode.l10n.t('Open');
  const reveal = vscode.l10n.t('Reveal in Folder');
  const shown = vscode.workspace.asRelativePath(target);
  const choice =
    result.errors > 0
      ? await vscode.window.showWarningMessage(vscode.l10n.t('The memo has {0} error(s); it was exported anyway to {1}.', result.errors, shown), open, reveal)
      : await vscode.window.showInformationMessage(vscode.l10n.t('Exported to {0}.', shown), open, reveal);
  if (choice === open) await vscode.env.openExternal(target);
  else if (choice === reveal) await vscode.commands.executeCommand('revealFileInOS', target);
}
