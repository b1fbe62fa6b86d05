import { closeSync, constants, lstatSync, openSync, readSync } from 'node:fs';
import { FileStamp, stampOf, WriteError, WriteRefusal, writeFileSafely } from '../../../server/src/files/write';

/**
 * Exports to local files on the desktop, through the one safe write helper: never over the memo,
 * never through a symlink, replaced only if nothing else wrote the file meanwhile. The web build has
 * no local files (local-export.browser.ts): there, exports go through vscode.workspace.fs.
 */
export interface LocalExports {
  /** The file as it is before rendering (null when absent); throws a WriteError for one that cannot be written. */
  stamp(file: string): FileStamp | null;
  /** Writes the export if the file still has `stamp`; returns its new stamp. */
  write(file: string, bytes: Uint8Array, stamp: FileStamp | null | undefined, memo: string | undefined): FileStamp | null;
  /** The first 4 KB of a regular file, '' for a non-HTML format; undefined when it is not a regular file (the writer refuses it without asking). */
  head(file: string, html: boolean): string | undefined;
  /** Why a write was refused, when `error` is the write helper's refusal. */
  refusal(error: unknown): { reason: WriteRefusal | 'failed'; code: string } | undefined;
}

export const localExports: LocalExports | undefined = {
  stamp: stampOf,
  write(file, bytes, stamp, memo) {
    writeFileSafely(file, bytes, { links: 'refuse', stamp, distinctFrom: memo });
    return stampOf(file);
  },
  head(file, html) {
    let fd: number | undefined;
    try {
      // Only a regular file is read (a FIFO would block); the write helper refuses the rest without asking.
      if (!lstatSync(file).isFile()) return undefined;
      if (!html) return '';
      fd = openSync(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
      const buffer = Buffer.alloc(4096);
      return buffer.toString('utf8', 0, readSync(fd, buffer, 0, buffer.length, 0));
    } catch {
      // Gone meanwhile, or unreadable: the write helper says why when it refuses.
      return undefined;
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  },
  refusal: (error) => (error instanceof WriteError ? { reason: error.reason, code: error.code } : undefined),
};
