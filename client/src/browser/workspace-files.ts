import * as path from 'node:path';
import type { FileRefusal } from '../../../server/src/engine/file-refusal';
import { FindWorkspaceFilesParams, FindWorkspaceFilesResult, MAX_FOUND_FILES, WorkspaceFileParams, WorkspaceFileResult } from '../../../server/src/lsp/protocol';
import { ALWAYS_SKIPPED, GITIGNORE_GLOB, MAX_EXCLUDED_GLOBS, MAX_GLOB_LENGTH, MEMO_GLOB } from '../../../server/src/workspace/memo-globs';

/** A URI as far as confinement needs it (vscode.Uri has these). */
export interface FileUri {
  scheme: string;
  authority: string;
  path: string;
  toString(): string;
}

/** The part of vscode.workspace.fs (and vscode.FileType's bits) the reader needs, so tests can give their own. */
export interface FileAccess {
  parse(uri: string): FileUri;
  stat(uri: FileUri): Promise<{ type: number; size: number; mtime: number }>;
  readFile(uri: FileUri): Promise<Uint8Array>;
  /** The workspace folders: the only roots a file is read under. */
  folders(): readonly FileUri[];
  /** vscode.FileType.File, Directory and SymbolicLink. */
  types: { file: number; directory: number; symbolicLink: number };
  /** Whether an error of stat or readFile says the file does not exist (vscode.FileSystemError.FileNotFound). */
  isNotFound(error: unknown): boolean;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Whether `uri` is `root` or inside it: same scheme and authority, and a path under the root's once `..` is resolved. */
export function isInsideFolder(root: FileUri, uri: FileUri): boolean {
  if (uri.scheme !== root.scheme || uri.authority !== root.authority) return false;
  const base = path.posix.normalize(`${root.path}/`);
  const wanted = path.posix.normalize(uri.path);
  return wanted === base.slice(0, -1) || wanted.startsWith(base);
}

const refused = (refusal: FileRefusal): WorkspaceFileResult => ({ refusal });

/**
 * Reads a workspace file for the web server with the desktop's rules (files/read.ts): regular files
 * only, at most `maxBytes`, UTF-8 or refused, and nothing outside a workspace folder, which `root`
 * must be. A symbolic link is refused as `outside`: through vscode.workspace.fs the client cannot
 * tell where it leads.
 */
export async function readWorkspaceFileFor(params: WorkspaceFileParams, fs: FileAccess): Promise<WorkspaceFileResult> {
  if (!params || typeof params.uri !== 'string' || (params.root !== undefined && typeof params.root !== 'string') || typeof params.maxBytes !== 'number') return refused({ refused: 'outside' });
  let uri: FileUri;
  let root: FileUri | undefined;
  try {
    uri = fs.parse(params.uri);
    root = params.root === undefined ? undefined : fs.parse(params.root);
  } catch {
    return refused({ refused: 'outside' });
  }
  const folders = fs.folders();
  root ??= folders.find((folder) => isInsideFolder(folder, uri));
  const confined = root !== undefined && isInsideFolder(root, uri) && folders.some((folder) => isInsideFolder(folder, root as FileUri));
  if (!confined) return refused({ refused: 'outside' });
  let stat: { type: number; size: number; mtime: number };
  try {
    stat = await fs.stat(uri);
  } catch (error) {
    return fs.isNotFound(error) ? refused({ refused: 'notFound' }) : refused({ refused: 'unreadable', code: codeOf(error) });
  }
  if ((stat.type & fs.types.symbolicLink) !== 0) return refused({ refused: 'outside' });
  if (params.read === 'folder') return { folder: (stat.type & fs.types.directory) !== 0 };
  if ((stat.type & fs.types.file) === 0) return refused({ refused: 'notFile' });
  const tooLarge = (): WorkspaceFileResult => refused({ refused: 'tooLarge', limitMb: Math.round((params.maxBytes / (1024 * 1024)) * 10) / 10 });
  if (stat.size > params.maxBytes) return tooLarge();
  if (params.read === 'stamp') return { stamp: `${stat.size}:${stat.mtime}` };
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(uri);
  } catch (error) {
    return fs.isNotFound(error) ? refused({ refused: 'notFound' }) : refused({ refused: 'unreadable', code: codeOf(error) });
  }
  // The file may have grown between stat and read.
  if (bytes.length > params.maxBytes) return tooLarge();
  const stamp = `${stat.size}:${stat.mtime}`;
  if (params.read === 'bytes') return { base64: Buffer.from(bytes).toString('base64'), stamp };
  try {
    return { text: utf8.decode(bytes), stamp };
  } catch {
    return refused({ refused: 'notUtf8' });
  }
}

/**
 * vscode.workspace.findFiles, as the search needs it: the files below `base` whose path matches
 * `include`, minus those `exclude` matches (relative to their workspace folder), at most `max`.
 */
export type FindFiles = (base: FileUri, include: string, exclude: string, max: number) => Promise<readonly FileUri[]>;

/**
 * Searches a workspace folder for the web server's workspace check (the server keeps only the names
 * it would list itself, and applies `.gitignore`): only a folder inside a workspace folder, never
 * node_modules or .git, at most MAX_FOUND_FILES names. A malformed request finds nothing.
 */
export async function findWorkspaceFilesFor(params: FindWorkspaceFilesParams, fs: FileAccess, findFiles: FindFiles): Promise<FindWorkspaceFilesResult> {
  const none: FindWorkspaceFilesResult = { uris: [] };
  if (!params || typeof params.folderUri !== 'string' || typeof params.max !== 'number' || !Number.isFinite(params.max)) return none;
  const include = params.find === 'memos' ? MEMO_GLOB : params.find === 'gitignores' ? GITIGNORE_GLOB : undefined;
  if (include === undefined) return none;
  let folder: FileUri;
  try {
    folder = fs.parse(params.folderUri);
  } catch {
    return none;
  }
  if (!fs.folders().some((root) => isInsideFolder(root, folder))) return none;
  const max = Math.min(Math.max(0, Math.floor(params.max)), MAX_FOUND_FILES);
  if (max === 0) return none;
  // One glob of alternatives: VS Code's globs do not nest braces, so a glob with braces or commas is
  // left to the server, which applies every excluded glob again.
  const own = (Array.isArray(params.exclude) ? params.exclude : []).filter((g): g is string => typeof g === 'string' && g !== '' && g.length <= MAX_GLOB_LENGTH && !/[{},]/.test(g));
  const exclude = `{${[...ALWAYS_SKIPPED, ...own.slice(0, MAX_EXCLUDED_GLOBS)].join(',')}}`;
  const found = await findFiles(folder, include, exclude, max);
  return { uris: found.filter((uri) => isInsideFolder(folder, uri)).slice(0, max).map((uri) => uri.toString()) };
}

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && code !== '' ? code : 'EIO';
}
