/**
 * Which of a workspace folder's files the workspace check lists, whoever found their names: the
 * desktop's glob (memo-files.ts) or, on the web, the client's search (lsp/browser-runtime.ts). The
 * rules are the same on both: memo files by name, not in dot folders, never under node_modules or
 * .git, minus the excluded globs and what the folder's `.gitignore` files ignore. No file access here.
 */
import * as path from 'node:path';
import ignore, { Ignore } from 'ignore';
import picomatch from 'picomatch';
import { ignoreMatcher } from './ignore';
import { ALWAYS_SKIPPED, GITIGNORE_GLOB, MAX_EXCLUDED_GLOBS, MAX_GLOB_LENGTH, MEMO_GLOB } from './memo-globs';

export interface MemoFileList {
  /** Absolute paths, sorted. */
  files: string[];
  /** True when the folder holds more memo files than the cap: only the first `max` (sorted) are listed. */
  capped: boolean;
}

/** The globs a listing leaves out: node_modules and .git, and the editor's excluded globs (strings only, bounded). */
export function excludedGlobs(exclude: readonly unknown[]): string[] {
  const own = exclude.filter((g): g is string => typeof g === 'string' && g.length > 0 && g.length <= MAX_GLOB_LENGTH);
  return [...ALWAYS_SKIPPED, ...own.slice(0, MAX_EXCLUDED_GLOBS)];
}

/**
 * Whether a name found below `folder` (a path relative to it, with '/') is one a listing keeps before
 * `.gitignore` applies: a memo file (outside dot folders, as the desktop's glob finds them) or a
 * `.gitignore`, that no excluded glob matches (nor one of its folders).
 */
export function listedName(kind: 'memos' | 'gitignores', excluded: readonly string[]): (relative: string) => boolean {
  const named = kind === 'memos' ? picomatch(MEMO_GLOB, { dot: false }) : picomatch(GITIGNORE_GLOB, { dot: true });
  const skipped = ignoreMatcher(excluded, '/');
  return (relative) => {
    if (relative === '' || relative.startsWith('/') || relative.split('/').some((part) => part === '' || part === '.' || part === '..')) return false;
    return named(relative) && !skipped(`/${relative}`);
  };
}

/** A `.gitignore` file's rules, with the folder its patterns are relative to. */
export interface GitIgnore {
  /** The folder of the `.gitignore`, relative to the workspace folder ('' at the top), with '/' separators. */
  base: string;
  rules: Ignore;
}

/** The rules of a `.gitignore`, from its path relative to the workspace folder ('/' separators) and its text. */
export function gitIgnoreOf(relative: string, text: string): GitIgnore {
  const base = path.posix.dirname(relative);
  return { base: base === '.' ? '' : base, rules: ignore().add(text) };
}

/** What a listing may also leave out, file by file (the workspace check: the `ignore:` globs of each memo's configuration). */
export type KeepFile = (file: string) => boolean | Promise<boolean>;

/**
 * The memo files kept of those found below `folder` (relative paths, '/' separators): `.gitignore`
 * applied, then `keep`, sorted, at most `max`. The cap counts only what is kept, so a folder whose
 * memos are mostly ignored still lists up to `max` of the others.
 */
export async function keptMemoFiles(folder: string, found: readonly string[], gitignores: readonly GitIgnore[], max: number, keep?: KeepFile): Promise<MemoFileList> {
  const kept = found.filter((relative) => !gitignores.some(({ base, rules }) => isIgnoredBelow(rules, base, relative))).sort();
  const files: string[] = [];
  for (const relative of kept) {
    const file = path.join(folder, relative);
    if (keep && !(await keep(file))) continue;
    if (files.length === max) return { files, capped: true };
    files.push(file);
  }
  return { files, capped: false };
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
