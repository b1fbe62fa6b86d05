/**
 * The memo files of a workspace folder, for the workspace check: every `*.memo.md|yaml|yml` below
 * the folder, minus `node_modules`, `.git`, the editor's excluded globs and what `.gitignore` files
 * ignore, at most `max` of them (which names are kept: memo-listing.ts, shared with the web).
 */
import * as path from 'node:path';
import { glob } from 'tinyglobby';
import { MAX_CONFIG_BYTES } from '../files/limits';
import { readText } from '../files/read';
import { GITIGNORE_GLOB, MAX_GITIGNORES, MEMO_GLOB } from './memo-globs';
import { excludedGlobs, GitIgnore, gitIgnoreOf, KeepFile, keptMemoFiles, MemoFileList } from './memo-listing';

export { ALWAYS_SKIPPED, MEMO_GLOB } from './memo-globs';
export type { MemoFileList } from './memo-listing';

/**
 * Lists a folder's memo files. `exclude` holds globs relative to the folder (VS Code's `files.exclude`
 * keys whose value is true). Symbolic links are not followed, so nothing outside the folder is listed.
 */
export async function listMemoFiles(folder: string, options: { exclude: readonly string[]; max: number; keep?: KeepFile }): Promise<MemoFileList> {
  const excluded = excludedGlobs(options.exclude);
  const found = await glob(MEMO_GLOB, { cwd: folder, ignore: excluded, onlyFiles: true, followSymbolicLinks: false, dot: false });
  const ignored = await gitignoreOf(folder, excluded);
  return keptMemoFiles(folder, found.map(slashed), ignored, options.max, options.keep);
}

const slashed = (relative: string) => relative.split(path.sep).join('/');

/** The folder's `.gitignore` files (the top one and nested ones), each with the folder its patterns are relative to. */
async function gitignoreOf(folder: string, excluded: readonly string[]): Promise<GitIgnore[]> {
  const files = await glob(GITIGNORE_GLOB, { cwd: folder, ignore: [...excluded], onlyFiles: true, followSymbolicLinks: false, dot: true });
  const out: GitIgnore[] = [];
  for (const relative of files.map(slashed).sort().slice(0, MAX_GITIGNORES)) {
    const read = await readText(path.join(folder, relative), { maxBytes: MAX_CONFIG_BYTES, root: folder });
    if ('text' in read) out.push(gitIgnoreOf(relative, read.text));
  }
  return out;
}
