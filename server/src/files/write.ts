import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Why a write was refused. The CLI says each in words from the engine's catalogue
 * (`writeRefused.<reason>`); the VS Code client from its own l10n bundle.
 */
export type WriteRefusal = 'symlink' | 'sameAsInput' | 'changed' | 'readOnly' | 'hardLinked' | 'notFile';

/** A write that was refused, or failed (`reason: 'failed'`, with the system's error code). Nothing was changed. */
export class WriteError extends Error {
  constructor(
    readonly reason: WriteRefusal | 'failed',
    readonly file: string,
    readonly code = '',
  ) {
    super(`${reason}: ${file}${code ? ` (${code})` : ''}`);
  }
}

/** A file as first seen, to tell whether it was created, removed or replaced since. `null`: it did not exist. */
export interface FileStamp {
  dev: number;
  ino: number;
  size: number;
  mtimeMs: number;
}

export interface WriteOptions {
  /**
   * `resolve`: a symlinked target is followed and its real file updated (`--fix`: the writer's memo is
   * the link's target). `refuse`: a symlink at the target is refused (export outputs).
   */
  links: 'resolve' | 'refuse';
  /** The bytes the new content was made from: the write is refused if the file now holds anything else. */
  basedOn?: string | Uint8Array;
  /** The target as first seen (see `stampOf`): the write is refused if it was created, removed, replaced or touched since. */
  stamp?: FileStamp | null;
  /** A file the target must not be (the memo an export is made from): compared by real path and by device and inode. */
  distinctFrom?: string;
  /** Refuse a target with other hard links, which a rename would break (`--fix`). Otherwise the link is replaced, not written through. */
  keepHardLinks?: boolean;
}

/** For tests: runs just before the final check and the rename, to simulate a change made meanwhile. */
export const writeHooks: { beforeRename?: (target: string) => void } = {};

/** The target's stamp now (not following a symlink at it), or null when nothing is there. */
export function stampOf(file: string): FileStamp | null {
  try {
    const st = fs.lstatSync(file);
    return { dev: st.dev, ino: st.ino, size: st.size, mtimeMs: st.mtimeMs };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new WriteError('failed', file, (error as NodeJS.ErrnoException).code ?? String(error));
  }
}

const sameStamp = (a: FileStamp | null, b: FileStamp | null) =>
  a === b || (a !== null && b !== null && a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs);

/**
 * Writes `data` to `target` by way of a temporary file created exclusively (unpredictable name) in the
 * target's own folder, with the target's mode (and owner, where this user may set it), renamed over the target
 * only if the target did not change meanwhile. Returns the path written (the real file for a resolved
 * link). Throws WriteError, leaving the target as it was, when the write is refused or fails.
 *
 * Between the last check and the rename there remains a window of a few system calls: a change made
 * in it is not seen (only a lock every editor honoured could close it).
 */
export function writeFileSafely(target: string, data: string | Uint8Array, options: WriteOptions): string {
  const file = destination(target, options.links);
  const before = statOrNull(file);
  if (before) {
    if (options.distinctFrom !== undefined && sameFile(file, before, options.distinctFrom)) throw new WriteError('sameAsInput', target);
    if (!before.isFile()) throw new WriteError('notFile', target);
    if (isReadOnly(file, before)) throw new WriteError('readOnly', target);
    if (options.keepHardLinks && before.nlink > 1) throw new WriteError('hardLinked', target);
  }
  const temp = createTemp(file, before);
  try {
    writeAll(temp.fd, data);
    fs.fsyncSync(temp.fd);
    fs.closeSync(temp.fd);
    temp.fd = -1;
    writeHooks.beforeRename?.(file);
    unchangedOrThrow(target, file, before, options);
    fs.renameSync(temp.path, file);
  } catch (error) {
    if (temp.fd >= 0) fs.closeSync(temp.fd);
    fs.rmSync(temp.path, { force: true });
    if (error instanceof WriteError) throw error;
    throw new WriteError('failed', target, (error as NodeJS.ErrnoException).code ?? String(error));
  }
  return file;
}

/** The path to write: the link's real file, or the target itself after refusing a link. */
function destination(target: string, links: WriteOptions['links']): string {
  let st: fs.Stats;
  try {
    st = fs.lstatSync(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return target;
    throw new WriteError('failed', target, (error as NodeJS.ErrnoException).code ?? String(error));
  }
  if (!st.isSymbolicLink()) return target;
  if (links === 'refuse') throw new WriteError('symlink', target);
  try {
    return fs.realpathSync(target);
  } catch (error) {
    // A dangling link: nothing to update, and creating its target would write where the link points.
    throw new WriteError('failed', target, (error as NodeJS.ErrnoException).code ?? String(error));
  }
}

function statOrNull(file: string): fs.Stats | null {
  try {
    return fs.lstatSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new WriteError('failed', file, (error as NodeJS.ErrnoException).code ?? String(error));
  }
}

/** Read-only for this user, or with no write permission for anyone (which root would otherwise ignore). */
function isReadOnly(file: string, st: fs.Stats): boolean {
  if (process.platform !== 'win32' && (st.mode & 0o222) === 0) return true;
  try {
    fs.accessSync(file, fs.constants.W_OK);
    return false;
  } catch {
    return true;
  }
}

function sameFile(file: string, st: fs.Stats, other: string): boolean {
  let otherStat: fs.Stats;
  try {
    otherStat = fs.statSync(other);
  } catch {
    return false;
  }
  if (otherStat.dev === st.dev && otherStat.ino === st.ino) return true;
  try {
    return fs.realpathSync(other) === fs.realpathSync(file);
  } catch {
    return false;
  }
}

/** A new file beside `file`, created exclusively and never through a link, with the target's mode and owner. */
function createTemp(file: string, before: fs.Stats | null): { path: string; fd: number } {
  const dir = path.dirname(file);
  const base = path.basename(file);
  const flags = fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | (fs.constants.O_NOFOLLOW ?? 0);
  for (let attempt = 0; ; attempt++) {
    const temp = path.join(dir, `.${base}.${randomBytes(12).toString('hex')}.tmp`);
    let fd: number;
    try {
      // Private until it has the target's mode; a new file gets the usual mode (0666 less the umask).
      fd = fs.openSync(temp, flags, before ? 0o600 : 0o666);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST' && attempt < 5) continue;
      throw new WriteError('failed', file, code ?? String(error));
    }
    try {
      // The owner first (changing it clears set-id bits), then the target's own mode: 0600 stays 0600.
      if (before) keepOwner(fd, before);
      if (before) fs.fchmodSync(fd, before.mode & 0o7777);
    } catch (error) {
      fs.closeSync(fd);
      fs.rmSync(temp, { force: true });
      throw new WriteError('failed', file, (error as NodeJS.ErrnoException).code ?? String(error));
    }
    return { path: temp, fd };
  }
}

/** The target's owner and group where this user may set them (root: both; others: a group they belong to). */
function keepOwner(fd: number, before: fs.Stats): void {
  const now = fs.fstatSync(fd);
  if (now.uid === before.uid && now.gid === before.gid) return;
  try {
    fs.fchownSync(fd, before.uid, before.gid);
    return;
  } catch {
    // Not root: only the group may be kept.
  }
  if (now.gid === before.gid) return;
  try {
    fs.fchownSync(fd, now.uid, before.gid);
  } catch {
    // Not a member of that group: the file keeps this user's group, and the target's mode.
  }
}

function writeAll(fd: number, data: string | Uint8Array): void {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let written = 0;
  while (written < bytes.length) written += fs.writeSync(fd, bytes, written, bytes.length - written);
}

/** Refuses when the target is no longer what the caller's new content was made from. */
function unchangedOrThrow(target: string, file: string, before: fs.Stats | null, options: WriteOptions): void {
  const now = stampOf(file);
  const first: FileStamp | null = before ? { dev: before.dev, ino: before.ino, size: before.size, mtimeMs: before.mtimeMs } : null;
  if (!sameStamp(first, now)) throw new WriteError('changed', target);
  if (options.stamp !== undefined && !sameStamp(options.stamp, now)) throw new WriteError('changed', target);
  if (options.basedOn !== undefined) {
    const expected = typeof options.basedOn === 'string' ? Buffer.from(options.basedOn, 'utf8') : options.basedOn;
    let current: Buffer;
    try {
      current = fs.readFileSync(file);
    } catch {
      throw new WriteError('changed', target);
    }
    if (!current.equals(expected)) throw new WriteError('changed', target);
  }
}
