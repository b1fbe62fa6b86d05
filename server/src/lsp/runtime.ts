import type { ReadLimits, TextRead } from '../files/read';
import type { RenderHost } from './preview';
import type { MemoFileList } from '../workspace/memo-files';
import type { KeepFile } from '../workspace/memo-listing';

/** What the server needs from its surroundings, injected so tests and other hosts can supply their own. */
export interface ServerRuntime {
  /** Reads a regular file as UTF-8 within the limits, never waiting on a pipe (files/read.ts `readText`). */
  readFile(file: string, limits: ReadLimits): Promise<TextRead>;
  /** Whether a file is unchanged since a read's `stamp`, found without reading it (files/read.ts `unchangedSince`). */
  unchangedSince(file: string, limits: ReadLimits, stamp: string): Promise<boolean>;
  /**
   * The memo files of a workspace folder, for the workspace check (workspace/memo-files.ts
   * `listMemoFiles`; on the web, the client searches and browser-runtime.ts keeps the same names).
   * Without it, the workspace check lists nothing.
   */
  listMemoFiles?(folder: string, options: { exclude: readonly string[]; max: number; keep?: KeepFile }): Promise<MemoFileList>;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** Whether a path is a folder (the `.policy-memo/` lookup): files/read.ts `isFolder` on the desktop, the client on the web. */
  isFolder(folder: string): Promise<boolean>;
  /** What the renderer reads or runs beside a memo: its images, the Word template, a browser for PDFs. */
  render: RenderHost;
  /** The folder holding `rules/<id>.md` docs pages, linked from each diagnostic when present. */
  docsFolder?: string;
}

/** Logs a handler's failure (the server goes on). */
export type FailureLog = (where: string, error: unknown) => void;
