/**
 * The one way the hosts read a file they are handed (a memo, its translation, a `.policy-memo/`
 * file, an image): regular files only, at most a given size, never blocking on a FIFO, and, given a
 * root, never outside it. A file that is not read comes back as a refusal with its reason.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, promises as fsp, readlinkSync, readSync, realpathSync, Stats, statSync } from 'node:fs';
import * as path from 'node:path';
import type { FileRefusal } from '../engine/file-refusal';
import { isInside } from './limits';

export { isInside, MAX_CONFIG_BYTES, MAX_MEMO_BYTES, MAX_TRANSLATION_BYTES } from './limits';

export interface ReadLimits {
  /** The most bytes accepted; a larger file is refused as `tooLarge`. */
  maxBytes: number;
  /**
   * A folder the file must be in once symbolic links are followed. Links are followed one step at a
   * time and nothing outside the root is ever looked at, so the refusal reads the same whether a
   * path outside exists or not.
   */
  root?: string;
}

/** What a read gives: the bytes and when they were last changed, or the refusal. */
export type BytesRead = { bytes: Buffer; stamp: string } | FileRefusal;
export type TextRead = { text: string; stamp: string } | FileRefusal;

// ignoreBOM keeps a BOM in the text, so --fix can write it back.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

// O_NONBLOCK: opening a FIFO does not wait for a writer (and fstat then refuses it). Windows has neither flag.
const NONBLOCK = constants.O_NONBLOCK ?? 0;
const NOFOLLOW = constants.O_NOFOLLOW ?? 0;

/** Reads a regular file's bytes within the limits (synchronously: the CLI). */
export function readBytesSync(file: string, limits: ReadLimits): BytesRead {
  const where = locate(file, limits.root);
  if (typeof where !== 'string') return where;
  let fd: number;
  try {
    // Looked at before it is opened, so a device is never opened; fstat below closes the race.
    const refused = refuseStats(statSync(where), limits.maxBytes);
    if (refused) return refused;
    fd = openSync(where, constants.O_RDONLY | NONBLOCK | (limits.root ? NOFOLLOW : 0));
  } catch (error) {
    return refusalOf(error);
  }
  try {
    const stats = fstatSync(fd);
    const refused = refuseStats(stats, limits.maxBytes);
    if (refused) return refused;
    const reader = new BoundedBuffer(stats.size, limits.maxBytes);
    for (;;) {
      const n = readSync(fd, reader.buffer, reader.length, reader.room, null);
      if (n === 0) break;
      if (!reader.add(n)) return tooLarge(limits.maxBytes);
    }
    return { bytes: reader.bytes(), stamp: stampOf(stats) };
  } catch (error) {
    return refusalOf(error);
  } finally {
    closeSync(fd);
  }
}

/** Reads a regular file's bytes within the limits, without holding one of Node's I/O threads on a pipe (the server). */
export async function readBytes(file: string, limits: ReadLimits): Promise<BytesRead> {
  const where = locate(file, limits.root);
  if (typeof where !== 'string') return where;
  let handle: fsp.FileHandle;
  try {
    const refused = refuseStats(await fsp.stat(where), limits.maxBytes);
    if (refused) return refused;
    handle = await fsp.open(where, constants.O_RDONLY | NONBLOCK | (limits.root ? NOFOLLOW : 0));
  } catch (error) {
    return refusalOf(error);
  }
  try {
    const stats = await handle.stat();
    const refused = refuseStats(stats, limits.maxBytes);
    if (refused) return refused;
    const reader = new BoundedBuffer(stats.size, limits.maxBytes);
    for (;;) {
      const { bytesRead } = await handle.read(reader.buffer, reader.length, reader.room, null);
      if (bytesRead === 0) break;
      if (!reader.add(bytesRead)) return tooLarge(limits.maxBytes);
    }
    return { bytes: reader.bytes(), stamp: stampOf(stats) };
  } catch (error) {
    return refusalOf(error);
  } finally {
    await handle.close();
  }
}

/**
 * A buffer that never holds more than `maxBytes + 1` bytes, whatever the file's size said (a file
 * may grow while it is read): sized from fstat, grown only while still under the limit.
 */
class BoundedBuffer {
  buffer: Buffer;
  length = 0;

  constructor(
    size: number,
    private readonly maxBytes: number,
  ) {
    this.buffer = Buffer.alloc(Math.min(size, maxBytes) + 1);
  }

  get room(): number {
    return this.buffer.length - this.length;
  }

  /** Counts `n` bytes read; false once the file is over the limit. */
  add(n: number): boolean {
    this.length += n;
    if (this.length > this.maxBytes) return false;
    if (this.room === 0) {
      const bigger = Buffer.alloc(Math.min(this.buffer.length * 2, this.maxBytes + 1));
      this.buffer.copy(bigger, 0, 0, this.length);
      this.buffer = bigger;
    }
    return true;
  }

  bytes(): Buffer {
    return this.buffer.subarray(0, this.length);
  }
}

/** Reads a regular file as UTF-8 text (refusing bytes that are not UTF-8 rather than guessing), synchronously. */
export function readTextSync(file: string, limits: ReadLimits): TextRead {
  return decode(readBytesSync(file, limits));
}

/** Reads a regular file as UTF-8 text, asynchronously. */
export async function readText(file: string, limits: ReadLimits): Promise<TextRead> {
  return decode(await readBytes(file, limits));
}

/**
 * Reads a file named on the command line (a `--schema`): a regular file within the limits, or a pipe
 * (`/dev/stdin`, `<(cat s.json)`: what the user pipes in, read once to its end, and not confined to
 * the root, as it is no file of the workspace). A FIFO with no writer is refused at once (it sends
 * nothing), and so is a pipe whose writer stays silent for PIPE_WAIT_MS: nothing waits forever.
 */
export function readNamedTextSync(file: string, limits: ReadLimits): TextRead {
  let pipe = false;
  try {
    pipe = statSync(file).isFIFO();
  } catch {
    // refused below, the same way whether or not it exists outside the root
  }
  return pipe ? decode(readPipeSync(file, limits.maxBytes)) : readTextSync(file, limits);
}

/** How long a pipe's writer may stay silent before the read gives up. */
export const PIPE_WAIT_MS = 10_000;

const SLEEPER = new Int32Array(new SharedArrayBuffer(4));

function readPipeSync(file: string, maxBytes: number): BytesRead {
  let fd: number;
  try {
    // O_NONBLOCK: the open does not wait for a writer, and a read with none gives the end at once.
    fd = openSync(file, constants.O_RDONLY | NONBLOCK);
  } catch (error) {
    return refusalOf(error);
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFIFO()) return { refused: 'notFile' };
    const reader = new BoundedBuffer(64 * 1024, maxBytes);
    let silent = 0;
    for (;;) {
      let n: number;
      try {
        n = readSync(fd, reader.buffer, reader.length, reader.room, null);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
        if (silent >= PIPE_WAIT_MS) return { refused: 'unreadable', code: 'ETIMEDOUT' };
        // The writer has not written yet: wait a little (a synchronous read has no event to wait on).
        Atomics.wait(SLEEPER, 0, 0, 10);
        silent += 10;
        continue;
      }
      if (n === 0) break;
      silent = 0;
      if (!reader.add(n)) return tooLarge(maxBytes);
    }
    // Nothing came: most likely a FIFO that nobody writes to, which is no file to read.
    if (reader.length === 0) return { refused: 'notFile' };
    return { bytes: reader.bytes(), stamp: stampOf(stats) };
  } catch (error) {
    return refusalOf(error);
  } finally {
    closeSync(fd);
  }
}

/**
 * Whether a file is unchanged since `stamp`, found without reading it (open and fstat only, with
 * the same limits), so a cached text can be used again.
 */
export async function unchangedSince(file: string, limits: ReadLimits, stamp: string): Promise<boolean> {
  const where = locate(file, limits.root);
  if (typeof where !== 'string') return false;
  try {
    if (refuseStats(await fsp.stat(where), limits.maxBytes)) return false;
    const handle = await fsp.open(where, constants.O_RDONLY | NONBLOCK | (limits.root ? NOFOLLOW : 0));
    try {
      const stats = await handle.stat();
      return refuseStats(stats, limits.maxBytes) === undefined && stampOf(stats) === stamp;
    } finally {
      await handle.close();
    }
  } catch {
    return false;
  }
}

/** Whether a path is an existing folder (links followed). */
export function isFolder(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** A regular file's stamp (as a read gives it) within the limits, found without opening it; or why it would not be read. */
export function stampSync(file: string, limits: ReadLimits): { stamp: string } | FileRefusal {
  const where = locate(file, limits.root);
  if (typeof where !== 'string') return where;
  try {
    const stats = statSync(where);
    return refuseStats(stats, limits.maxBytes) ?? { stamp: stampOf(stats) };
  } catch (error) {
    return refusalOf(error);
  }
}

function decode(read: BytesRead): TextRead {
  if (!('bytes' in read)) return read;
  try {
    return { text: utf8.decode(read.bytes), stamp: read.stamp };
  } catch {
    return { refused: 'notUtf8' };
  }
}

function refuseStats(stats: Stats, maxBytes: number): FileRefusal | undefined {
  if (!stats.isFile()) return { refused: 'notFile' };
  if (stats.size > maxBytes) return tooLarge(maxBytes);
  return undefined;
}

function tooLarge(maxBytes: number): FileRefusal {
  return { refused: 'tooLarge', limitMb: Math.round((maxBytes / (1024 * 1024)) * 10) / 10 };
}

function stampOf(stats: Stats): string {
  return `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeMs}:${stats.ctimeMs}`;
}

function refusalOf(error: unknown): FileRefusal {
  const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
  if (code === 'ENOENT' || code === 'ENOTDIR') return { refused: 'notFound' };
  if (code === 'EISDIR') return { refused: 'notFile' };
  return { refused: 'unreadable', code };
}

/** Most links followed before giving up, as the system does (ELOOP). */
const MAX_LINKS = 40;

/**
 * The real path to open, or a refusal. Without a root, the path as given (the system follows links).
 * With one, each part of the path is resolved in turn from the root's real path, following symbolic
 * links by reading them: a link (or a `..`) that leads outside is refused before anything there is
 * looked at.
 */
function locate(file: string, root: string | undefined): string | FileRefusal {
  if (root === undefined) return file;
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch (error) {
    return refusalOf(error);
  }
  const wanted = path.resolve(root, file);
  if (!isInside(path.resolve(root), wanted)) return { refused: 'outside' };
  const pending = path.relative(path.resolve(root), wanted).split(path.sep).filter((part) => part !== '' && part !== '.');
  let current = realRoot;
  let links = 0;
  while (pending.length > 0) {
    const part = pending.shift() as string;
    const next = path.join(current, part);
    if (!isInside(realRoot, next)) return { refused: 'outside' };
    let stats: Stats;
    try {
      stats = lstatSync(next);
    } catch (error) {
      return refusalOf(error);
    }
    if (!stats.isSymbolicLink()) {
      current = next;
      continue;
    }
    if (++links > MAX_LINKS) return { refused: 'unreadable', code: 'ELOOP' };
    let target: string;
    try {
      target = readlinkSync(next);
    } catch (error) {
      return refusalOf(error);
    }
    const resolved = path.resolve(current, target);
    if (!isInside(realRoot, resolved)) return { refused: 'outside' };
    pending.unshift(...path.relative(realRoot, resolved).split(path.sep).filter((p) => p !== '' && p !== '.'));
    current = realRoot;
  }
  return current;
}
