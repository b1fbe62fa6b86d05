import { statSync } from 'node:fs';
import * as path from 'node:path';
import { globSync, isDynamicPattern } from 'tinyglobby';
import { memoKindOf } from '../engine';
import { ALWAYS_SKIPPED as IGNORE, MEMO_GLOB } from '../workspace/memo-files';

/** A command-line argument that names nothing to lint. */
export class InputError extends Error {
  constructor(
    readonly id: 'cli.notFound' | 'cli.noMatch' | 'cli.notMemo',
    readonly target: string,
  ) {
    super(`${id}: ${target}`);
  }
}

/**
 * Expands files, folders and globs into a sorted list of memo files. A file named explicitly must be
 * a memo file; a folder is searched for them; a glob keeps only the memo files it matches.
 */
export function findMemoFiles(inputs: readonly string[], cwd: string): string[] {
  const found = new Set<string>();
  for (const input of inputs) {
    if (isDynamicPattern(input)) {
      const matches = globSync(input, { cwd, ignore: IGNORE, onlyFiles: true, dot: false }).filter((f) => memoKindOf(f));
      if (matches.length === 0) throw new InputError('cli.noMatch', input);
      matches.forEach((f) => found.add(path.resolve(cwd, f)));
      continue;
    }
    const absolute = path.resolve(cwd, input);
    let stats;
    try {
      stats = statSync(absolute);
    } catch {
      throw new InputError('cli.notFound', input);
    }
    if (stats.isDirectory()) {
      globSync(MEMO_GLOB, { cwd: absolute, ignore: IGNORE, onlyFiles: true }).forEach((f) => found.add(path.resolve(absolute, f)));
    } else if (memoKindOf(absolute)) {
      found.add(absolute);
    } else {
      throw new InputError('cli.notMemo', input);
    }
  }
  return [...found].sort();
}
