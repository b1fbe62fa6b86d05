import * as path from 'node:path';
import type { Connection } from 'vscode-languageserver';
import type { FileRefusal } from '../engine/file-refusal';
import { isInside, MAX_CONFIG_BYTES } from '../files/limits';
import type { BytesRead, ReadLimits, TextRead } from '../files/read';
import { imageTypeOf, MAX_IMAGE_BYTES } from '../preview/image-types';
import { MAX_GITIGNORES } from '../workspace/memo-globs';
import { excludedGlobs, GitIgnore, gitIgnoreOf, KeepFile, keptMemoFiles, listedName, MemoFileList } from '../workspace/memo-listing';
import { localPathOf, pathToUri } from './file-uris';
import { findWorkspaceFiles, FindWorkspaceFilesParams, MAX_FOUND_FILES, readWorkspaceFile, WorkspaceFileParams, WorkspaceFileResult } from './protocol';
import type { RenderHost } from './preview';
import type { ServerRuntime } from './runtime';

/** The data: URLs of images kept between renders, in characters (as preview/images.ts keeps on the desktop). */
const IMAGE_CACHE_CHARS = 32 * 1024 * 1024;

const unreadable: FileRefusal = { refused: 'unreadable', code: 'EIO' };

/**
 * The runtime of the web build: no file system, so every file the server needs (`.policy-memo/`,
 * `translation:` files, a custom schema, images, the Word template) is asked of the client, which
 * reads it through vscode.workspace.fs with the desktop's limits and only inside the workspace
 * (client/src/browser/workspace-files.ts). Paths are the web's workspace paths (file-uris.browser.ts).
 * The workspace check's listing asks the client to search for the names, and keeps them as the
 * desktop's does (workspace/memo-listing.ts). No browser to print a PDF with, and no docs folder on disk.
 */
export function browserRuntime(connection: Connection): ServerRuntime {
  async function ask(file: string, limits: ReadLimits, read: WorkspaceFileParams['read']): Promise<WorkspaceFileResult> {
    let params: WorkspaceFileParams;
    try {
      params = { uri: pathToUri(file), root: limits.root === undefined ? undefined : pathToUri(limits.root), maxBytes: limits.maxBytes, read };
    } catch {
      // Not a workspace path (an untitled memo's folder): nothing outside the workspace is read.
      return { refusal: { refused: 'outside' } };
    }
    try {
      return await connection.sendRequest(readWorkspaceFile, params);
    } catch {
      return { refusal: unreadable };
    }
  }

  /**
   * The names the client found below a folder, as paths relative to it: only strings that are URIs
   * inside the folder and names the listing keeps, each once, and no more than `max` are looked at.
   */
  async function find(folder: string, kind: FindWorkspaceFilesParams['find'], excluded: string[], max: number): Promise<{ names: string[]; more: boolean }> {
    let answer: unknown;
    try {
      answer = await connection.sendRequest(findWorkspaceFiles, { folderUri: pathToUri(folder), find: kind, exclude: excluded, max });
    } catch {
      return { names: [], more: false };
    }
    const uris = (answer as { uris?: unknown } | null)?.uris;
    if (!Array.isArray(uris)) return { names: [], more: false };
    const keep = listedName(kind, excluded);
    const names = new Set<string>();
    for (const uri of uris.slice(0, max)) {
      if (typeof uri !== 'string' || uri.length > 8192) continue;
      const file = localPathOf(uri);
      if (file === undefined || !isInside(folder, file)) continue;
      const relative = path.relative(folder, file).split(path.sep).join('/');
      if (keep(relative)) names.add(relative);
    }
    return { names: [...names], more: uris.length >= max };
  }

  async function listMemoFiles(folder: string, options: { exclude: readonly string[]; max: number; keep?: KeepFile }): Promise<MemoFileList> {
    const excluded = excludedGlobs(options.exclude);
    const max = Math.max(0, Math.min(options.max, MAX_FOUND_FILES - 1));
    // As many names as the client gives (.gitignore and `keep` may leave many out); a full answer
    // says the folder may hold more memos than are listed.
    const memos = await find(folder, 'memos', excluded, MAX_FOUND_FILES);
    const gitignores: GitIgnore[] = [];
    for (const relative of (await find(folder, 'gitignores', excluded, MAX_GITIGNORES)).names.sort()) {
      const read = await ask(path.join(folder, relative), { maxBytes: MAX_CONFIG_BYTES, root: folder }, 'text');
      if (typeof read.text === 'string') gitignores.push(gitIgnoreOf(relative, read.text));
    }
    const listed = await keptMemoFiles(folder, memos.names, gitignores, max, options.keep);
    return { files: listed.files, capped: listed.capped || memos.more };
  }

  const images = new Map<string, { stamp: string; url: string }>();
  let imageChars = 0;

  const render: RenderHost = {
    images: (folder) => (relativePath) => images.get(path.resolve(folder, relativePath))?.url,
    // Renders are synchronous: the images a render will show are read first, again only when their stamp changed.
    async prefetchImages(folder, wanted) {
      for (const relativePath of new Set(wanted)) {
        const type = imageTypeOf(relativePath);
        if (!type) continue;
        const file = path.resolve(folder, relativePath);
        const limits = { maxBytes: MAX_IMAGE_BYTES, root: folder };
        const cached = images.get(file);
        const now = await ask(file, limits, 'stamp');
        if (now.stamp !== undefined && cached?.stamp === now.stamp) continue;
        const read = now.stamp === undefined ? now : await ask(file, limits, 'bytes');
        if (cached) imageChars -= cached.url.length;
        images.delete(file);
        if (read.base64 === undefined) continue;
        const url = `data:${type};base64,${read.base64}`;
        if (imageChars + url.length > IMAGE_CACHE_CHARS) {
          images.clear();
          imageChars = 0;
        }
        images.set(file, { stamp: read.stamp ?? '', url });
        imageChars += url.length;
      }
    },
    async readBytes(file, limits): Promise<BytesRead> {
      const read = await ask(file, limits, 'bytes');
      return read.base64 !== undefined ? { bytes: Buffer.from(read.base64, 'base64'), stamp: read.stamp ?? '' } : (read.refusal ?? unreadable);
    },
    findBrowser: () => undefined,
    printPdf: () => Promise.reject(new Error('policy-memo: PDF export needs VS Code on the desktop')),
    isPrintFailure: () => false,
  };

  return {
    async readFile(file, limits): Promise<TextRead> {
      const read = await ask(file, limits, 'text');
      return read.text !== undefined ? { text: read.text, stamp: read.stamp ?? '' } : (read.refusal ?? unreadable);
    },
    async unchangedSince(file, limits, stamp) {
      const read = await ask(file, limits, 'stamp');
      return read.stamp !== undefined && read.stamp === stamp;
    },
    async isFolder(folder) {
      return (await ask(folder, { maxBytes: 0 }, 'folder')).folder === true;
    },
    listMemoFiles,
    setTimeout: (callback, ms) => setTimeout(callback, ms),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    render,
  };
}
