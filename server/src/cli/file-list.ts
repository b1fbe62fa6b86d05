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
 * may end with a space). Throws FileListError past a limit or for a line that is not UTF-8.
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
