import * as path from 'node:path';
import { checkMemo, CheckOptions, FileRefusal, fixMemo, memoKindOf } from '../engine';
import { MAX_MEMO_BYTES, readTextSync } from '../files/read';
import { WriteError, writeFileSafely, WriteRefusal } from '../files/write';
import type { FileReport } from './format';

/** A file that could not be read or written: the CLI says so and exits 2. */
export class FileError extends Error {
  constructor(
    readonly id: 'cli.unreadable' | 'cli.notUtf8' | 'cli.writeFailed',
    readonly file: string,
    readonly reason = '',
    /** Why the file was not read, said in the writer's language when reported. */
    readonly refusal?: FileRefusal,
    /** Why a write was refused, said from the catalogue (`writeRefused.<refusal>`) instead of `reason`. */
    readonly writeRefusal?: WriteRefusal,
  ) {
    super(`${id}: ${file} ${reason}`);
  }
}

/**
 * Reads a memo named or found on the command line: a regular file of at most MAX_MEMO_BYTES, in
 * UTF-8 (a FIFO, a device or a folder is refused, never waited on), and, given a `root`, a file
 * that is inside it once links are followed.
 */
export function readMemo(file: string, root?: string): string {
  const read = readTextSync(file, { maxBytes: MAX_MEMO_BYTES, root });
  if ('text' in read) return read.text;
  if (read.refused === 'notUtf8') throw new FileError('cli.notUtf8', file);
  throw new FileError('cli.unreadable', file, read.refused, read);
}

/**
 * Lints one file (inside `root`, when given); with `fix`, applies the safe fixes and writes the file (only if it changed). The
 * BOM, which editors hide, is set aside so positions match the editor's, and kept on write.
 */
export function lintFile(file: string, cwd: string, options: CheckOptions, fix: boolean, root?: string): FileReport {
  const kind = memoKindOf(file) ?? 'markdown';
  const raw = readMemo(file, root);
  const bom = raw.startsWith('\uFEFF') ? '\uFEFF' : '';
  const text = raw.slice(bom.length);
  const shown = path.relative(cwd, file).split(path.sep).join('/') || file;
  if (!fix) return { file: shown, findings: checkMemo(text, kind, options).findings };
  const fixed = fixMemo(text, kind, options);
  if (fixed.text !== text) writeFixed(file, bom + fixed.text, raw);
  return { file: shown, findings: fixed.findings };
}

/**
 * Writes a fixed memo over its real file (a symlinked memo's target), keeping its mode and owner,
 * and only if it still holds the text the fixes were made from. A read-only memo, or one with other
 * hard links (which replacing it would break), is left as it is.
 */
function writeFixed(file: string, text: string, basedOn: string): void {
  try {
    writeFileSafely(file, text, { links: 'resolve', basedOn, keepHardLinks: true });
  } catch (error) {
    throw toFileError(error, file);
  }
}

/** A write helper's error as the CLI's FileError (exit 2, said in the writer's language). */
export function toFileError(error: unknown, file: string): FileError {
  if (error instanceof WriteError) {
    return error.reason === 'failed' ? new FileError('cli.writeFailed', file, error.code) : new FileError('cli.writeFailed', file, '', undefined, error.reason);
  }
  return new FileError('cli.writeFailed', file, String(error));
}
