import { closeSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import * as path from 'node:path';
import { checkMemo, CheckOptions, Finding, Locale, memoKindOf, t } from '../engine';
import { DocxTemplate, exportPage, exportPathFor, findBrowser, folderImages, loadTemplate, PdfError, printPdf, renderDocx, renderMemo, TEMPLATE_FILE } from '../preview';
import { findConfigFolder, isFolder as isConfigFolder } from '../workspace/config-folder';
import { findMemoFiles } from './files';
import { FileError, readText } from './lint';

/** The formats `policy-memo export` writes. */
export type ExportFormat = 'html' | 'docx' | 'pdf';

export interface ExportArgs {
  inputs: readonly string[];
  format?: string;
  output?: string;
  /** `--browser PATH`: the browser that prints PDFs. */
  browser?: string;
}

export interface ExportIo {
  cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
}

/**
 * Writes an export: a temporary file created exclusively beside the target, then renamed over it,
 * so an existing export is replaced whole or not at all. The one place the CLI writes an export.
 */
export function writeExportFile(out: string, bytes: Uint8Array): void {
  const temporary = path.join(path.dirname(out), `.${path.basename(out)}.${process.pid}.${Date.now()}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(temporary, 'wx', 0o644);
    for (let written = 0; written < bytes.length; ) written += writeSync(fd, bytes, written, bytes.length - written);
    closeSync(fd);
    fd = undefined;
    renameSync(temporary, out);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(temporary);
    } catch {
      // nothing was created
    }
    throw new FileError('cli.writeFailed', out, (error as NodeJS.ErrnoException).code ?? String(error));
  }
}

function isFolder(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}

/** One memo as the bytes of its export, with its findings. */
async function render(
  file: string,
  format: ExportFormat,
  options: CheckOptions,
  browser: string | undefined,
  templateFor: (file: string) => Promise<DocxTemplate | undefined>,
): Promise<{ bytes: Uint8Array; findings: Finding[] }> {
  const kind = memoKindOf(file) ?? 'markdown';
  const text = readText(file).replace(/^\uFEFF/, '');
  const { memo, findings } = checkMemo(text, kind, options);
  const resolveImage = folderImages(path.dirname(file));
  if (format === 'docx') return { bytes: await renderDocx(memo, { resolveImage, template: await templateFor(file) }), findings };
  const html = exportPage(renderMemo(memo, { resolveImage }));
  if (format === 'html') return { bytes: Buffer.from(html, 'utf8'), findings };
  return { bytes: await printPdf(html, browser as string), findings };
}

/**
 * `policy-memo export FILE|FOLDER... [--format html|docx|pdf] [-o OUT] [--browser PATH]`: each memo is
 * exported beside itself, or to OUT (a file for one memo, an existing folder for several). 0 all
 * exported clean, 1 exported with errors in a memo (warned on stderr), 2 bad usage, no browser for a
 * PDF, or a memo that could not be read or written (the others are still exported; nothing is
 * written for that one).
 */
export async function exportCommand(args: ExportArgs, options: CheckOptions & { locale: Locale }, io: ExportIo, report: (error: unknown) => number): Promise<number> {
  const { locale } = options;
  if (args.inputs.length === 0) {
    io.stderr(t(locale, 'cli.exportUsage'));
    return 2;
  }
  const format = args.format ?? 'html';
  if (format !== 'html' && format !== 'docx' && format !== 'pdf') {
    io.stderr(t(locale, 'cli.exportFormat', { format }));
    return 2;
  }
  let files: string[];
  try {
    files = findMemoFiles(args.inputs, io.cwd);
  } catch (error) {
    return report(error);
  }
  if (files.length === 0) {
    io.stderr(t(locale, 'cli.noFiles'));
    return 2;
  }
  const output = args.output === undefined ? undefined : path.resolve(io.cwd, args.output);
  const intoFolder = output !== undefined && isFolder(output);
  if (output !== undefined && files.length > 1 && !intoFolder) {
    io.stderr(t(locale, 'cli.exportOutputFolder'));
    return 2;
  }
  let browser: string | undefined;
  if (format === 'pdf') {
    browser = findBrowser({ explicit: args.browser === undefined ? undefined : path.resolve(io.cwd, args.browser) });
    if (!browser) {
      io.stderr(args.browser === undefined ? t(locale, 'cli.noBrowser') : t(locale, 'cli.browserMissing', { path: args.browser }));
      return 2;
    }
  }
  // A ministry's template applies to the memos under its .policy-memo/ folder; a refused one is said once.
  const templates = new Map<string, Promise<DocxTemplate | undefined>>();
  const templateFor = (file: string): Promise<DocxTemplate | undefined> => {
    const folder = findConfigFolder(file, isConfigFolder);
    if (!folder) return Promise.resolve(undefined);
    let template = templates.get(folder);
    if (!template) {
      template = loadTemplate(folder).then((loaded) => {
        if (typeof loaded !== 'string') return loaded;
        const shown = path.relative(io.cwd, path.join(folder, TEMPLATE_FILE)) || TEMPLATE_FILE;
        io.stderr(t(locale, 'export.templateRefused', { path: shown, reason: t(locale, loaded) }));
        return undefined;
      });
      templates.set(folder, template);
    }
    return template;
  };
  let code = 0;
  for (const file of files) {
    const beside = exportPathFor(file, format);
    const out = output === undefined ? beside : intoFolder ? path.join(output, path.basename(beside)) : output;
    const shownFile = path.relative(io.cwd, file) || file;
    // A writer's memo is never overwritten by an export of it (or of another memo).
    if (memoKindOf(out)) {
      io.stderr(t(locale, 'cli.exportOverMemo', { path: path.relative(io.cwd, out) || out }));
      code = 2;
      continue;
    }
    try {
      const { bytes, findings } = await render(file, format, options, browser, templateFor);
      writeExportFile(out, bytes);
      io.stdout(t(locale, 'cli.exported', { path: path.relative(io.cwd, out) || out }));
      const errors = findings.filter((f) => f.severity === 'error').length;
      if (errors > 0) {
        io.stderr(t(locale, 'cli.exportedWithErrors', { path: shownFile, count: errors }));
        code = Math.max(code, 1);
      }
    } catch (error) {
      if (error instanceof PdfError) {
        io.stderr(t(locale, 'cli.pdfFailed', { path: shownFile, reason: error.message }));
        code = 2;
      } else code = Math.max(code, report(error));
    }
  }
  return code;
}
