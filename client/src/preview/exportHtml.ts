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
  let result: { errors: number; problems: number };
  try {
    const exported = await (await client()).sendRequest(exportHtml, { uri: document.uri.toString() });
    result = exported;
    await vscode.workspace.fs.writeFile(target, Buffer.from(exported.html, 'utf8'));
  } catch (error) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not export the memo: {0}', failureText(error)));
    return;
  }
  await tellExported(target, result);
}

/**
 * Says where the memo went and what is left to fix, with a button to the Problems panel. "Open in
 * Browser" only on the desktop: in VS Code for the Web and code-server the file is on the server,
 * where the writer's browser cannot open it.
 */
async function tellExported(target: vscode.Uri, { errors, problems }: { errors: number; problems: number }): Promise<void> {
  const shown = vscode.workspace.asRelativePath(target);
  const showProblems = vscode.l10n.t('Show Problems');
  const open = vscode.l10n.t('Open in Browser');
  const buttons = [...(problems > 0 ? [showProblems] : []), ...(vscode.env.uiKind === vscode.UIKind.Desktop && target.scheme === 'file' ? [open] : [])];
  const one = new Intl.PluralRules(vscode.env.language).select(problems) === 'one';
  let text: string;
  if (problems === 0) text = vscode.l10n.t('Exported to {0}.', shown);
  else if (one) text = errors > 0 ? vscode.l10n.t('Exported to {0}, with 1 problem left: an error.', shown) : vscode.l10n.t('Exported to {0}, with 1 problem left.', shown);
  else if (errors === 1) text = vscode.l10n.t('Exported to {0}, with {1} problems left, one of them an error.', shown, problems);
  else if (errors > 1) text = vscode.l10n.t('Exported to {0}, with {1} problems left, {2} of them errors.', shown, problems, errors);
  else text = vscode.l10n.t('Exported to {0}, with {1} problems left.', shown, problems);
  const choice = errors > 0 ? await vscode.window.showWarningMessage(text, ...buttons) : await vscode.window.showInformationMessage(text, ...buttons);
  if (choice === showProblems) await vscode.commands.executeCommand('workbench.actions.view.problems');
  else if (choice === open) await vscode.env.openExternal(target);
}
