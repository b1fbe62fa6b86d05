import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './memo';
import { scratchDir } from './scratch';

/** The `policy-memo` command as installed (bin/policy-memo.js). */
export const BIN = path.join(ROOT, 'bin', 'policy-memo.js');

/**
 * Runs the CLI with a bare environment (no LANG inherited), so only what the test gives decides the
 * language. A run that hangs is killed after 15 s (code null), so a regression fails instead of hanging mocha.
 * `input` is its standard input (none: an empty one).
 */
export function runCli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}, input?: string | Buffer) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH, ...env }, timeout: 15000, input });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A scratch folder holding `files` (name → content; names may include folders). */
export function workspace(files: Record<string, string | Buffer>): string {
  const dir = scratchDir('policy-memo-cli');
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}
