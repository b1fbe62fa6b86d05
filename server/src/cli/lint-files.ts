import { lstatSync } from 'node:fs';
import * as path from 'node:path';
import { CheckOptions, configProblemFinding, FileRefusal, Locale, MemoConfig } from '../engine';
import { isFolder, isInside, MAX_CONFIG_BYTES, MAX_TRANSLATION_BYTES, readTextSync } from '../files/read';
import { findConfigFolder, loadConfigSync, memoFiles } from '../workspace/config-folder';
import type { FileReport } from './format';
import { ignoreMatcher } from '../workspace/ignore';
import { lintFile } from './lint';

/**
 * Lints files in order, each with the configuration of its nearest `.policy-memo/` folder, skipping
 * those its `ignore:` globs match. Shared by the CLI's own thread and its worker threads.
 */
export function lintFiles(files: readonly string[], cwd: string, options: CheckOptions, fix: boolean, locale: Locale): FileReport[] {
  const configs = new Map<string, FolderConfig>();
  const roots = new Map<string, string>();
  // Whether each place a `.policy-memo/` could be is one, asked of the disk once per run: memos of one folder share the answers.
  const folders = new Map<string, boolean>();
  const isFolderOnce = (candidate: string) => {
    let answer = folders.get(candidate);
    if (answer === undefined) folders.set(candidate, (answer = isFolder(candidate)));
    return answer;
  };
  const reports: FileReport[] = [];
  for (const file of files) {
    const root = workspaceRootOf(file, cwd, roots);
    const { config, ignored } = configFor(file, root, configs, locale, cwd, reports, isFolderOnce);
    if (ignored(file)) continue;
    const read = (other: string) => readInside(other, root, MAX_TRANSLATION_BYTES);
    const own: CheckOptions = { ...options, config, files: memoFiles(file, read) };
    // A memo that is a link to a file outside its repository is not read, as its translation would not be.
    reports.push(lintFile(file, cwd, own, fix, root));
  }
  return reports;
}

/** A file's text if it is a regular file inside `root` of at most `maxBytes`; undefined if it does not exist; else why not. */
function readInside(file: string, root: string, maxBytes: number): string | FileRefusal | undefined {
  const read = readTextSync(file, { maxBytes, root });
  if ('text' in read) return read.text;
  return read.refused === 'notFound' ? undefined : read;
}

/**
 * What the CLI treats as a memo's workspace, which nothing is read outside of and no `.policy-memo/`
 * is looked for above: the repository holding it (the nearest folder above with a `.git`), else the
 * current folder when the memo is in it, else the memo's own folder.
 */
export function workspaceRootOf(file: string, cwd: string, cache = new Map<string, string>()): string {
  const folder = path.dirname(path.resolve(file));
  let root = cache.get(folder);
  if (root === undefined) {
    root = repositoryOf(folder) ?? (isInside(path.resolve(cwd), folder) ? path.resolve(cwd) : folder);
    cache.set(folder, root);
  }
  return root;
}

/** The folder a CLI run checks: the repository holding the current folder, else the current folder. */
export function checkedRoot(cwd: string): string {
  const folder = path.resolve(cwd);
  return repositoryOf(folder) ?? folder;
}

function repositoryOf(folder: string): string | undefined {
  for (let dir = folder; ; dir = path.dirname(dir)) {
    try {
      // A folder in a clone, a file in a worktree or submodule.
      lstatSync(path.join(dir, '.git'));
      return dir;
    } catch {
      // not here: look above
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** A `.policy-memo/` folder's configuration, and whether its `ignore:` globs match a file. */
interface FolderConfig {
  config: MemoConfig;
  ignored: (file: string) => boolean;
}

/**
 * The configuration of the nearest `.policy-memo/` folder above a memo (up to its workspace root),
 * loaded once per folder. A broken config file is reported once, as a finding in that file, and the
 * defaults stand in for it.
 */
function configFor(
  file: string,
  root: string,
  cache: Map<string, FolderConfig>,
  locale: Locale,
  cwd: string,
  reports: FileReport[],
  isFolderOnce: (candidate: string) => boolean,
): FolderConfig {
  const folder = findConfigFolder(file, isFolderOnce, root) ?? '';
  let found = cache.get(folder);
  if (!found) {
    const config = loadConfigSync(folder || undefined, (f) => readInside(f, root, MAX_CONFIG_BYTES));
    // The globs are relative to the folder holding `.policy-memo/`, as .gitignore's are to its own.
    found = { config, ignored: folder ? ignoreMatcher(config.ignore, path.dirname(folder)) : () => false };
    cache.set(folder, found);
    for (const problem of config.problems) {
      const shown = path.relative(cwd, problem.file.path).split(path.sep).join('/') || problem.file.path;
      reports.push({ file: shown, findings: [configProblemFinding(problem, locale)] });
    }
  }
  return found;
}
