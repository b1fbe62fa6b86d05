import * as path from 'node:path';
import { CheckOptions, Locale, memoKindOf, t } from '../engine';
import { stampOf, writeFileSafely } from '../files/write';
import { exportMemo, exportPathFor, folderImages } from '../preview';
import { InputError } from './files';
import { readMemo, toFileError } from './lint';
import { say } from './terminal';

export interface ExportArgs {
  inputs: readonly string[];
  format?: string;
  output?: string;
}

export interface ExportIo {
  cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
}

/**
 * `policy-memo export FILE [--format html] [-o OUT]`: 0 exported clean, 1 exported with errors in
 * the memo (warned on stderr), 2 bad usage. Unreadable or unwritable files throw FileError/InputError
 * for the caller's usual exit 2.
 */
export function exportCommand(args: ExportArgs, options: CheckOptions & { locale: Locale }, io: ExportIo): number {
  const { locale } = options;
  if (args.inputs.length !== 1) {
    io.stderr(t(locale, 'cli.exportUsage'));
    return 2;
  }
  if (args.format !== undefined && args.format !== 'html') {
    io.stderr(say(locale, 'cli.exportFormat', { format: args.format }));
    return 2;
  }
  const input = args.inputs[0];
  const file = path.resolve(io.cwd, input);
  const kind = memoKindOf(file);
  if (!kind) throw new InputError('cli.notMemo', input);
  const text = readMemo(file).replace(/^\uFEFF/, '');
  const out = args.output ? path.resolve(io.cwd, args.output) : exportPathFor(file);
  // The output as it was before rendering: replaced only if nothing else wrote it meanwhile.
  let stamp;
  try {
    stamp = stampOf(out);
  } catch (error) {
    throw toFileError(error, out);
  }
  let result;
  try {
    result = exportMemo(text, kind, { ...options, resolveImage: folderImages(path.dirname(file)) });
  } catch (error) {
    // A page that cannot be made (out of memory, a renderer bug) is said in words, not as a stack trace.
    io.stderr(say(locale, 'cli.exportFailed', { path: path.relative(io.cwd, file) || file, reason: error instanceof Error ? error.message : String(error) }));
    return 2;
  }
  try {
    // Never the memo itself (also through a hard link), never through a symlink.
    writeFileSafely(out, result.html, { links: 'refuse', stamp, distinctFrom: file });
  } catch (error) {
    throw toFileError(error, out);
  }
  io.stdout(say(locale, 'cli.exported', { path: path.relative(io.cwd, out) || out }));
  const errors = result.findings.filter((f) => f.severity === 'error').length;
  if (errors === 0) return 0;
  io.stderr(say(locale, 'cli.exportedWithErrors', { path: path.relative(io.cwd, file) || file, count: errors }));
  return 1;
}
