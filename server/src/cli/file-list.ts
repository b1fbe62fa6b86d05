/**
 * `policy-memo lint -`: the files to lint, one path per line on standard input (as
 * `git diff --name-only` prints them). Bounded: so many lines of so many bytes at most, read as they
 * come, and the reading stops at the first line past a limit.
 */
import type { MessageId, MessageParams } from '../engine';

/** The most lines read: a whole repository's memos, listed. */
export const MAX_LIST_LINES = 100_000;
/** The longest line (a path): Linux's PATH_MAX. */
export const MAX_LIST_LINE_BYTES = 4096;
/** The most bytes read in all. */
export const MAX_LIST_BYTES = 16 * 1024 * 1024;

/** A file list that cannot be used: the CLI says why (exit 2). */
export class FileListError extends Error {
  constructor(
    readonly id: MessageId,
    readonly params: MessageParams,
  ) {
    super(`${id}: ${JSON.stringify(params)}`);
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The non-empty lines of the list (a CR before the LF is dropped; nothing else is trimmed, as a path
 * may end with a space), a line in double quotes read as git quotes a path (see `unquoteGitPath`).
 * Throws FileListError past a limit or for a line that is not UTF-8.
 */
export async function readFileList(input: AsyncIterable<Buffer | string>): Promise<string[]> {
  const lines: string[] = [];
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let total = 0;
  let count = 0;
  const tooLong = () => new FileListError('cli.listTooLong', { lines: MAX_LIST_LINES, size: MAX_LIST_BYTES / (1024 * 1024) });
  const endLine = (bytes: Buffer) => {
    count++;
    if (count > MAX_LIST_LINES) throw tooLong();
    let line: string;
    try {
      line = utf8.decode(bytes);
    } catch {
      throw new FileListError('cli.listNotUtf8', { line: count });
    }
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line.length >= 2 && line.startsWith('"') && line.endsWith('"')) {
      const unquoted = unquoteGitPath(line.slice(1, -1));
      if (unquoted === undefined) throw new FileListError('cli.listNotUtf8', { line: count });
      line = unquoted;
    }
    if (line !== '') lines.push(line);
  };
  const add = (part: Buffer, line: number) => {
    pendingBytes += part.length;
    if (pendingBytes > MAX_LIST_LINE_BYTES + 1) throw new FileListError('cli.listLineTooLong', { line, limit: MAX_LIST_LINE_BYTES });
    pending.push(part);
  };
  for await (const chunk of input) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    total += bytes.length;
    if (total > MAX_LIST_BYTES) throw tooLong();
    let from = 0;
    for (let nl = bytes.indexOf(10); nl >= 0; nl = bytes.indexOf(10, from)) {
      add(bytes.subarray(from, nl), count + 1);
      endLine(Buffer.concat(pending));
      pending = [];
      pendingBytes = 0;
      from = nl + 1;
    }
    if (from < bytes.length) add(bytes.subarray(from), count + 1);
  }
  if (pendingBytes > 0) endLine(Buffer.concat(pending));
  return lines;
}

const C_ESCAPES: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };

/**
 * A path as git prints it between double quotes (`git diff --name-only` with the default
 * core.quotePath: every byte past ASCII as `\ooo`, so `"\303\251t\303\251.memo.md"` is été.memo.md),
 * C escapes included; undefined when the bytes it names are not UTF-8.
 */
export function unquoteGitPath(quoted: string): string | undefined {
  const bytes: number[] = [];
  for (let i = 0; i < quoted.length; i++) {
    const c = String.fromCodePoint(quoted.codePointAt(i) ?? 0);
    if (c.length === 2) i++;
    if (c !== '\\' || i + 1 === quoted.length) {
      bytes.push(...Buffer.from(c, 'utf8'));
      continue;
    }
    const octal = /^[0-3][0-7]{2}/.exec(quoted.slice(i + 1, i + 4));
    if (octal) {
      bytes.push(parseInt(octal[0], 8));
      i += 3;
    } else if (C_ESCAPES[quoted[i + 1]] !== undefined) {
      bytes.push(C_ESCAPES[quoted[i + 1]]);
      i++;
    } else {
      bytes.push(92);
    }
  }
  try {
    return utf8.decode(Uint8Array.from(bytes));
  } catch {
    return undefined;
  }
}
