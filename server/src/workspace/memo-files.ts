/**
 * The memo files of a workspace folder, for the workspace check: every `*.memo.md|yaml|yml` below
 * the folder, minus `node_modules`, `.git`, the editor's excluded globs and what `.gitignore` files
 * ignore, at most `max` of them.
 */
import * as path from 'node:path';
import ignore, { Ignore } from 'ignore';
import { glob } from 'tinyglobby';
import { MAX_CONFIG_BYTES } from '../files/limits';
import { readText } from '../files/read';

/** Every memo file below a folder, by name. */
export const MEMO_GLOB = '**/*.memo.{md,yaml,yml}';
/** Never searched for memos: packages and git's own folder. */
export const ALWAYS_SKIPPED = ['**/node_modules/**', '**/.git/**'];
/** The most `.gitignore` files honoured in one folder (each is read, within the config size cap). */
const MAX_GITIGNORES = 200;

export interface MemoFileList {
  /** Absolute paths, sorted. */
  files: string[];
  /** True when the folder holds more memo files than the cap: only the first `max` (sorted) are listed. */
  capped: boolean;
}

/**
 * Lists a folder's memo files. `exclude` holds globs relative to the folder (VS Code's `files.exclude`
 * keys whose value is true). Symbolic links are not followed, so nothing outside the folder is listed.
 */
export async function listMemoFiles(folder: string, options: { exclude: readonly string[]; max: number }): Promise<MemoFileList> {
  const excluded = [...ALWAYS_SKIPPED, ...options.exclude.filter((g) => typeof g === 'string' && g.length <= 1000)];
  const found = await glob(MEMO_GLOB, { cwd: folder, ignore: excluded, onlyFiles: true, followSymbolicLinks: false, dot: false });
  const ignored = await gitignoreOf(folder, excluded);
  const kept = found
    .map((relative) => relative.split(path.sep).join('/'))
    .filter((relative) => !ignored.some(({ base, rules }) => isIgnoredBelow(rules, base, relative)))
    .sort();
  return { files: kept.slice(0, options.max).map((relative) => path.join(folder, relative)), capped: kept.length > options.max };
}

interface GitIgnore {
  /** The folder of the `.gitignore`, relative to the workspace folder ('' at the top), with '/' separators. */
  base: string;
  rules: Ignore;
}

/** The folder's `.gitignore` files (the top one and nested ones), each with the folder its patterns are relative to. */
async function gitignoreOf(folder: string, excluded: readonly string[]): Promise<GitIgnore[]> {
  const files = await glob('**/.gitignore', { cwd: folder, ignore: [...excluded], onlyFiles: true, followSymbolicLinks: false, dot: true });
  const out: GitIgnore[] = [];
  for (const relative of files.sort().slice(0, MAX_GITIGNORES)) {
    const read = await readText(path.join(folder, relative), { maxBytes: MAX_CONFIG_BYTES, root: folder });
    if (!('text' in read)) continue;
    const base = path.posix.dirname(relative.split(path.sep).join('/'));
    out.push({ base: base === '.' ? '' : base, rules: ignore().add(read.text) });
  }
  return out;
}

/** Whether `relative` (from the workspace folder) is ignored by a `.gitignore` in `base`, or by a rule on one of its parent folders. */
function isIgnoredBelow(rules: Ignore, base: string, relative: string): boolean {
  if (base !== '' && !relative.startsWith(base + '/')) return false;
  const inside = base === '' ? relative : relative.slice(base.length + 1);
  // Git ignores a file when one of its folders is ignored ("build/" ignores build/a/b.memo.md).
  const parts = inside.split('/');
  for (let i = 1; i < parts.length; i++) {
    if (rules.ignores(parts.slice(0, i).join('/') + '/')) return true;
  }
  return rules.ignores(inside);
}
