import { statSync } from 'node:fs';
import * as path from 'node:path';
import { checkMemo, CheckOptions, Finding, Locale, memoKindOf, t } from '../engine';
import { stampOf, writeFileSafely } from '../files/write';
import { DocxTemplate, exportPage, exportPathFor, findBrowser, folderImages, loadTemplate, PdfError, printPdf, renderDocx, renderMemo, TEMPLATE_FILE } from '../preview';
import { findConfigFolder, isFolder as isConfigFolder } from '../workspace/config-folder';
import { findMemoFiles } from './files';
import { FileError, readMemo, toFileError } from './lint';
import { workspaceRootOf } from './lint-files';
import { say, sayCounted } from './terminal';

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
  cwd: string,
): Promise<{ bytes: Uint8Array; findings: Finding[] } | { failure: string }> {
  const kind = memoKindOf(file) ?? 'markdown';
  const text = readMemo(file, workspaceRootOf(file, cwd)).replace(/^\uFEFF/, '');
  const { memo, findings } = checkMemo(text, kind, options);
  const resolveImage = folderImages(path.dirname(file));
  let html: string;
  try {
    if (format === 'docx') return { bytes: await renderDocx(memo, { resolveImage, template: await templateFor(file) }), findings };
    html = exportPage(renderMemo(memo, { resolveImage }));
  } catch (error) {
    return { failure: error instanceof Error ? error.message : String(error) };
  }
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
    io.stderr(say(locale, 'cli.exportFormat', { format }));
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
      io.stderr(args.browser === undefined ? t(locale, 'cli.noBrowser') : say(locale, 'cli.browserMissing', { path: args.browser }));
      return 2;
    }
  }
  // A ministry's template applies to the memos under its .policy-memo/ folder; a refused one is said once.
  const templates = new Map<string, Promise<DocxTemplate | undefined>>();
  const templateFor = (file: string): Promise<DocxTemplate | undefined> => {
    const folder = findConfigFolder(file, isConfigFolder, workspaceRootOf(file, io.cwd));
    if (!folder) return Promise.resolve(undefined);
    let template = templates.get(folder);
    if (!template) {
      template = loadTemplate(folder).then((loaded) => {
        if (typeof loaded !== 'string') return loaded;
        const shown = path.relative(io.cwd, path.join(folder, TEMPLATE_FILE)) || TEMPLATE_FILE;
        io.stderr(say(locale, 'export.templateRefused', { path: shown, reason: t(locale, loaded) }));
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
      io.stderr(say(locale, 'cli.exportOverMemo', { path: path.relative(io.cwd, out) || out }));
      code = 2;
      continue;
    }
    try {
      // The output as it was before rendering: replaced only if nothing else wrote it meanwhile.
      const stamp = stampOf(out);
      const rendered = await render(file, format, options, browser, templateFor, io.cwd);
      if ('failure' in rendered) {
        // A page that cannot be made (out of memory, a renderer bug) is said in words, not as a stack trace.
        io.stderr(say(locale, 'cli.exportFailed', { path: shownFile, reason: rendered.failure }));
        code = 2;
        continue;
      }
      const { bytes, findings } = rendered;
      // Never the memo itself (also through a hard link), never through a symlink.
      writeFileSafely(out, bytes, { links: 'refuse', stamp, distinctFrom: file });
      io.stdout(say(locale, 'cli.exported', { path: path.relative(io.cwd, out) || out }));
      const errors = findings.filter((f) => f.severity === 'error').length;
      if (errors > 0) {
        io.stderr(sayCounted(locale, 'cli.exportedWithErrors', errors, { path: shownFile }));
        code = Math.max(code, 1);
      }
    } catch (error) {
      if (error instanceof PdfError) {
        io.stderr(say(locale, 'cli.pdfFailed', { path: shownFile, reason: error.message }));
        code = 2;
      } else code = Math.max(code, report(error instanceof FileError ? error : toFileError(error, out)));
    }
  }
  return code;
}
