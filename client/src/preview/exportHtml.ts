import { closeSync, constants, lstatSync, openSync, readSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { FileStamp, stampOf, WriteError, writeFileSafely } from '../../../server/src/files/write';
import { exportHtml } from '../../../server/src/lsp/protocol';
import { exportPathFor, isPolicyMemoExport } from '../../../server/src/preview/export-path';
import { failureText, RunningClient } from '../memoServer';

/**
 * "Policy Memo: Export to HTML": one standalone file beside the memo (or where the writer chooses, for
 * an untitled memo). The language server renders it and counts its errors with the memo's own checks.
 * The file is written through the one write helper: never over the memo, never through a symlink, and
 * a file that is not an earlier export is replaced only when the writer says so.
 */
export async function exportToHtml(document: vscode.TextDocument, client: RunningClient): Promise<void> {
  const local = document.uri.scheme === 'file';
  let target: vscode.Uri | undefined = local ? vscode.Uri.file(exportPathFor(document.uri.fsPath)) : undefined;
  // The save dialog asks before replacing a file itself; the file beside the memo is checked here.
  let chosen = false;
  if (!target) {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const name = exportPathFor(path.basename(document.uri.path));
    target = await vscode.window.showSaveDialog({
      defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
      filters: { HTML: ['html'] },
    });
    if (!target) return;
    chosen = true;
  }
  const shown = vscode.workspace.asRelativePath(target);
  // The output as it was before rendering: replaced only if nothing else wrote it meanwhile.
  let stamp: FileStamp | null | undefined;
  if (target.scheme === 'file') {
    try {
      stamp = stampOf(target.fsPath);
    } catch (error) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not export the memo: {0}', refusalText(error, shown)));
      return;
    }
    if (stamp && !chosen && !(await mayReplace(target.fsPath, shown))) return;
  }
  let errors: number;
  try {
    const result = await (await client()).sendRequest(exportHtml, { uri: document.uri.toString() });
    errors = result.errors;
    if (target.scheme === 'file') {
      writeFileSafely(target.fsPath, result.html, { links: 'refuse', stamp, distinctFrom: local ? document.uri.fsPath : undefined });
    } else {
      await vscode.workspace.fs.writeFile(target, Buffer.from(result.html, 'utf8'));
    }
  } catch (error) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not export the memo: {0}', refusalText(error, shown)));
    return;
  }
  const open = vscode.l10n.t('Open in Browser');
  const choice =
    errors > 0
      ? await vscode.window.showWarningMessage(vscode.l10n.t('The memo has {0} error(s); it was exported anyway to {1}.', errors, shown), open)
      : await vscode.window.showInformationMessage(vscode.l10n.t('Exported to {0}.', shown), open);
  if (choice === open) await vscode.env.openExternal(target);
}

/**
 * Whether an existing file may be replaced: an earlier export (it carries the generator mark) may; a
 * symlink is left for the write helper to refuse; any other file only if the writer says so.
 */
async function mayReplace(file: string, shown: string): Promise<boolean> {
  let head = '';
  let fd: number | undefined;
  try {
    // Only a regular file is read (a FIFO would block); the write helper refuses the rest without asking.
    if (!lstatSync(file).isFile()) return true;
    fd = openSync(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
    const buffer = Buffer.alloc(4096);
    head = buffer.toString('utf8', 0, readSync(fd, buffer, 0, buffer.length, 0));
  } catch {
    // Gone meanwhile, or unreadable: the write helper says why when it refuses.
    return true;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  if (isPolicyMemoExport(head)) return true;
  const replace = vscode.l10n.t('Replace');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('{0} already exists and is not an earlier export of a memo. Replace it?', shown),
    { modal: true },
    replace,
  );
  return answer === replace;
}

/** A refused or failed write said in the writer's language. */
function refusalText(error: unknown, shown: string): string {
  if (!(error instanceof WriteError)) return failureText(error);
  switch (error.reason) {
    case 'symlink':
      return vscode.l10n.t('{0} is a symbolic link, which Policy Memo does not write through: remove the link and export again.', shown);
    case 'sameAsInput':
      return vscode.l10n.t('{0} is the memo itself: choose another file for the export.', shown);
    case 'changed':
      return vscode.l10n.t('{0} changed while the memo was being exported, so nothing was written: export again.', shown);
    case 'readOnly':
      return vscode.l10n.t('{0} is read-only, so it was left as it is.', shown);
    case 'notFile':
      return vscode.l10n.t('{0} is not a regular file, so nothing was written.', shown);
    case 'hardLinked':
      return vscode.l10n.t('{0} has other hard links, so it was left as it is.', shown);
    case 'failed':
      return error.code || failureText(error);
  }
}
