import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { CheckOptions, Finding, MemoConfig } from '../../server/src/engine';
import { isFolder } from '../../server/src/files/read';
import { findConfigFolder, loadConfigSync, memoFiles } from '../../server/src/workspace/config-folder';

/** The repository root (tests run from out/test/…, fixtures stay in the sources). */
export const root = path.resolve(__dirname, '..', '..', '..');
export const fixtures = path.join(root, 'test', 'fixtures');

export function readIfExists(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** The config a fixture gets: its nearest `.policy-memo/` below test/fixtures, as the CLI would load it. */
export function fixtureConfig(file: string): MemoConfig {
  return loadConfigSync(findConfigFolder(file, isFolder, fixtures), readIfExists);
}

/** The check options the CLI would use for a fixture file. */
export function fixtureOptions(file: string, extra: CheckOptions = {}): CheckOptions {
  return { config: fixtureConfig(file), files: memoFiles(file, readIfExists), ...extra };
}

/** Every memo file under a folder, recursively. */
export function memoFilesUnder(folder: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) out.push(...memoFilesUnder(full));
    else if (/\.memo\.(md|ya?ml)$/.test(entry.name)) out.push(full);
  }
  return out.sort();
}

/**
 * The findings a fixture expects, from comments in it: `# expect: rule, rule` or
 * `<!-- expect: rule -->` at the end of a line (findings starting on that line), and `expect-next:`
 * for the line after (a line that cannot carry a comment, such as a `::: fr` fence).
 */
export function expectedFindings(text: string): string[] {
  const out: string[] = [];
  text.split(/\r\n|\n|\r/).forEach((line, index) => {
    const m = /(?:<!--|#)\s*expect(-next)?:\s*([\w-]+(?:\s*,\s*[\w-]+)*)/.exec(line);
    if (!m) return;
    for (const rule of m[2].split(/\s*,\s*/)) out.push(`${index + (m[1] ? 2 : 1)}:${rule}`);
  });
  return out.sort();
}

/** Findings in the same `line:rule` form (1-based lines). */
export function actualFindings(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.range.start.line + 1}:${f.rule}`).sort();
}
