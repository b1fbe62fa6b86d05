import { closeSync, constants, lstatSync, openSync, readSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import * as l10n from '../l10n';
import { FileStamp, stampOf, WriteError, writeFileSafely } from '../../../server/src/files/write';
import { exportFile, exportHtml } from '../../../server/src/lsp/protocol';
import { exportPathFor, isPolicyMemoExport } from '../../../server/src/preview/export-path';
import { failureText, RunningClient } from '../memoServer';

export type ExportFormat = 'html' | 'docx' | 'pdf';

/** What the server rendered: the file's bytes and the memo's error count, or undefined when the writer was told why not. */
type Rendered = { bytes: Uint8Array; errors: number; problems: number; warning?: string } | undefined;

const FILTERS: Record<ExportFormat, Record<string, string[]>> = { html: { HTML: ['html'] }, docx: { Word: ['docx'] }, pdf: { PDF: ['pdf'] } };

/**
 * The Word and PDF files this window wrote, with their stamp: replacing one of them again needs no
 * question (an HTML export is recognised by the generator mark it carries instead).
 */
const written = new Map<string, string>();
const stampKey = (stamp: FileStamp) => `${stamp.dev}:${stamp.ino}:${stamp.size}:${stamp.mtimeMs}`;

/**
 * "Policy Memo: Export to HTML / Word / PDF": one file beside the memo (or where the writer chooses,
 * for an untitled memo). The language server renders it and counts its errors with the memo's own
 * checks. The file is written through the one write helper: never over the memo, never through a
 * symlink, and a file that is not an earlier export is replaced only when the writer says so.
 */
export async function exportMemoFile(document: vscode.TextDocument, client: RunningClient, format: ExportFormat): Promise<void> {
  const local = document.uri.scheme === 'file';
  let target: vscode.Uri | undefined = local ? vscode.Uri.file(exportPathFor(document.uri.fsPath, format)) : undefined;
  // The save dialog asks before replacing a file itself; the file beside the memo is checked here.
  let chosen = false;
  if (!target) {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const name = exportPathFor(path.basename(document.uri.path), format);
    target = await vscode.window.showSaveDialog({ defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined, filters: FILTERS[format] });
    if (!target) return;
    chosen = true;
  }
  const shown = vscode.workspace.asRelativePath(target);
  const fail = (error: unknown) => void vscode.window.showErrorMessage(l10n.t('Could not export the memo: {0}', refusalText(error, shown)));
  // The output as it was before rendering: replaced only if nothing else wrote it meanwhile.
  let stamp: FileStamp | null | undefined;
  if (target.scheme === 'file') {
    try {
      stamp = stampOf(target.fsPath);
    } catch (error) {
      return fail(error);
    }
    if (stamp && !chosen && written.get(target.fsPath) !== stampKey(stamp) && !(await mayReplace(target.fsPath, shown, format))) return;
  }
  let rendered: Rendered;
  try {
    rendered = await render(document, client, format);
    if (!rendered) return;
    if (target.scheme === 'file') {
      writeFileSafely(target.fsPath, rendered.bytes, { links: 'refuse', stamp, distinctFrom: local ? document.uri.fsPath : undefined });
      const now = stampOf(target.fsPath);
      if (now) written.set(target.fsPath, stampKey(now));
    } else {
      await vscode.workspace.fs.writeFile(target, rendered.bytes);
    }
  } catch (error) {
    return fail(error);
  }
  if (rendered.warning) void vscode.window.showWarningMessage(rendered.warning);
  await tellExported(target, shown, rendered, format);
}

/** Asks the server for the export's bytes; says itself why there are none (no browser, a failed print). */
async function render(document: vscode.TextDocument, client: RunningClient, format: ExportFormat): Promise<Rendered> {
  const uri = document.uri.toString();
  if (format === 'html') {
    const result = await (await client()).sendRequest(exportHtml, { uri });
    return { bytes: Buffer.from(result.html, 'utf8'), errors: result.errors, problems: result.problems };
  }
  const browserPath = vscode.workspace.getConfiguration('policyMemo', document.uri).get<string>('export.browserPath', '');
  const ask = async () => (await client()).sendRequest(exportFile, { uri, format, browserPath });
  const result =
    format === 'pdf' ? await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: l10n.t('Printing the memo to PDF…') }, ask) : await ask();
  if (result.noBrowser) {
    const settings = l10n.t('Open Settings');
    const choice = await vscode.window.showErrorMessage(
      browserPath
        ? l10n.t('The browser set in policyMemo.export.browserPath was not found: {0}. Nothing was written.', browserPath)
        : l10n.t('No Chrome, Edge or Chromium was found to print the PDF. Set its path in policyMemo.export.browserPath. Nothing was written.'),
      settings,
    );
    if (choice === settings) await vscode.commands.executeCommand('workbench.action.openSettings', 'policyMemo.export.browserPath');
    return undefined;
  }
  if (result.failure !== undefined || result.data === undefined) {
    void vscode.window.showErrorMessage(l10n.t('Could not export the memo: {0}', result.failure ?? ''));
    return undefined;
  }
  return { bytes: Buffer.from(result.data, 'base64'), errors: result.errors, problems: result.problems, warning: result.templateRefused };
}

/**
 * Says where the memo went and what is left to fix, with a button to the Problems panel. "Open" only
 * on the desktop: in VS Code for the Web and code-server the file is on the server, where the
 * writer's browser cannot open it; "Reveal in Folder" for Word and PDF files there too.
 */
async function tellExported(target: vscode.Uri, shown: string, { errors, problems }: { errors: number; problems: number }, format: ExportFormat): Promise<void> {
  const showProblems = l10n.t('Show Problems');
  const open = format === 'html' ? l10n.t('Open in Browser') : l10n.t('Open');
  const reveal = l10n.t('Reveal in Folder');
  const onDesktop = vscode.env.uiKind === vscode.UIKind.Desktop && target.scheme === 'file';
  const buttons = [...(problems > 0 ? [showProblems] : []), ...(onDesktop ? [open] : []), ...(onDesktop && format !== 'html' ? [reveal] : [])];
  let text: string;
  if (problems === 0) text = l10n.t('Exported to {0}.', shown);
  else if (problems === errors)
    text = l10n.plural(problems, l10n.t('Exported to {0}, with {1} problem left: an error.', shown, problems), l10n.t('Exported to {0}, with {1} problems left, all of them errors.', shown, problems));
  else if (errors === 0) text = l10n.plural(problems, l10n.t('Exported to {0}, with {1} problem left.', shown, problems), l10n.t('Exported to {0}, with {1} problems left.', shown, problems));
  // Here there are at least two problems, and one error or more.
  else
    text = l10n.plural(
      errors,
      l10n.t('Exported to {0}, with {1} problems left, {2} of them an error.', shown, problems, errors),
      l10n.t('Exported to {0}, with {1} problems left, {2} of them errors.', shown, problems, errors),
    );
  const choice = errors > 0 ? await vscode.window.showWarningMessage(text, ...buttons) : await vscode.window.showInformationMessage(text, ...buttons);
  if (choice === showProblems) await vscode.commands.executeCommand('workbench.actions.view.problems');
  else if (choice === open) await vscode.env.openExternal(target);
  else if (choice === reveal) await vscode.commands.executeCommand('revealFileInOS', target);
}

/**
 * Whether an existing file may be replaced: an earlier HTML export (it carries the generator mark)
 * may; a symlink is left for the write helper to refuse; any other file only if the writer says so.
 */
async function mayReplace(file: string, shown: string, format: ExportFormat): Promise<boolean> {
  let head = '';
  let fd: number | undefined;
  try {
    // Only a regular file is read (a FIFO would block); the write helper refuses the rest without asking.
    if (!lstatSync(file).isFile()) return true;
    if (format === 'html') {
      fd = openSync(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
      const buffer = Buffer.alloc(4096);
      head = buffer.toString('utf8', 0, readSync(fd, buffer, 0, buffer.length, 0));
    }
  } catch {
    // Gone meanwhile, or unreadable: the write helper says why when it refuses.
    return true;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  if (format === 'html' && isPolicyMemoExport(head)) return true;
  const replace = l10n.t('Replace');
  const answer = await vscode.window.showWarningMessage(
    l10n.t('{0} already exists and is not an earlier export of a memo. Replace it?', shown),
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
      return l10n.t('{0} is a symbolic link, which Policy Memo does not write through: remove the link and export again.', shown);
    case 'sameAsInput':
      return l10n.t('{0} is the memo itself: choose another file for the export.', shown);
    case 'changed':
      return l10n.t('{0} changed while the memo was being exported, so nothing was written: export again.', shown);
    case 'readOnly':
      return l10n.t('{0} is read-only, so it was left as it is.', shown);
    case 'notFile':
      return l10n.t('{0} is not a regular file, so nothing was written.', shown);
    case 'hardLinked':
      return l10n.t('{0} has other hard links, so it was left as it is.', shown);
    case 'failed':
      return error.code || failureText(error);
  }
}
