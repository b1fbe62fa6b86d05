import { spawn } from 'node:child_process';

export interface BoundedRun {
  /** The exit code, or null when the process was killed for running past its time limit. */
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

export interface BoundedOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** The time limit: past it the process is killed and `timedOut` is true. */
  ms?: number;
}

/**
 * Runs `command` in a child process and resolves when it exits (an event), or kills it at the time
 * limit: a check that would hang fails its test instead of the test run.
 */
export function runBounded(command: string, args: string[], options: BoundedOptions = {}): Promise<BoundedRun> {
  // Its own process group, so that the time limit ends a shell's children too.
  const detached = process.platform !== 'win32';
  const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? { PATH: process.env.PATH }, stdio: ['ignore', 'pipe', 'pipe'], detached });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    if (detached && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    else child.kill('SIGKILL');
  }, options.ms ?? 15000);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut });
    });
  });
}
