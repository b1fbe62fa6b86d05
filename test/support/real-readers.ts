import { execFile } from 'node:child_process';
import { statSync } from 'node:fs';
import * as path from 'node:path';

/** A program on the PATH, or undefined. */
export function onPath(program: string): string | undefined {
  for (const folder of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(folder, program);
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not in this folder
    }
  }
  return undefined;
}

/**
 * Skips a suite whose real reader is not installed, saying which Debian package to install, except
 * in CI (`CI` set), where .ci/run installs it: there a missing reader fails the suite.
 */
export function requireReader(context: Mocha.Context, program: string, debianPackage: string): string {
  const found = onPath(program);
  if (found) return found;
  const reason = `${program} is not installed (Debian's ${debianPackage}: apt-get install -y --no-install-recommends ${debianPackage}, as .ci/run does)`;
  if (process.env.CI) throw new Error(`${reason}; CI must have it`);
  console.warn(`      skipped: ${reason}`);
  context.skip();
}

/** Runs a program in a child process under a time limit; resolves with its output, rejects with its error output. */
export function run(program: string, args: readonly string[], timeoutMs = 120_000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(program, args, { timeout: timeoutMs, killSignal: 'SIGKILL', encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${path.basename(program)} ${args.join(' ')} failed: ${error.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}
