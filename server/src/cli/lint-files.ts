import * as path from 'node:path';
import { CheckOptions, configProblemFinding, Locale, MemoConfig } from '../engine';
import { findConfigFolder, isFolder, loadConfigSync, memoFiles } from '../workspace/config-folder';
import type { FileReport } from './format';
import { lintFile, readText } from './lint';

/**
 * Lints files in order, each with the configuration of its nearest `.policy-memo/` folder. Shared by
 * the CLI's own thread and its worker threads.
 */
export function lintFiles(files: readonly string[], cwd: string, options: CheckOptions, fix: boolean, locale: Locale): FileReport[] {
  const configs = new Map<string, MemoConfig>();
  const reports: FileReport[] = [];
  for (const file of files) {
    const config = configFor(file, configs, locale, cwd, reports);
    const own: CheckOptions = { ...options, config, files: memoFiles(file, readIfExists) };
    reports.push(lintFile(file, cwd, own, fix));
  }
  return reports;
}

function readIfExists(file: string): string | undefined {
  try {
    return readText(file);
  } catch {
    return undefined;
  }
}

/**
 * The configuration of the nearest `.policy-memo/` folder above a memo, loaded once per folder. A
 * broken config file is reported once, as a finding in that file, and the defaults stand in for it.
 */
function configFor(file: string, cache: Map<string, MemoConfig>, locale: Locale, cwd: string, reports: FileReport[]): MemoConfig {
  const folder = findConfigFolder(file, isFolder) ?? '';
  let config = cache.get(folder);
  if (!config) {
    config = loadConfigSync(folder || undefined, readIfExists);
    cache.set(folder, config);
    for (const problem of config.problems) {
      const shown = path.relative(cwd, problem.file.path).split(path.sep).join('/') || problem.file.path;
      reports.push({ file: shown, findings: [configProblemFinding(problem, locale)] });
    }
  }
  return config;
}
