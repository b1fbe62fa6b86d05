/** Starting, feeding and stopping code-server (installed by install-code-server.sh) for the e2e run. */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const BIN = path.join(ROOT, '.vscode-test', 'code-server', 'node_modules', '.bin', 'code-server');

/** A throw-away code-server home: extensions, user data and code-server's own config live in it. */
export interface Profile {
  extensions: string;
  userData: string;
  /** XDG_CONFIG_HOME/XDG_DATA_HOME, so code-server writes nothing into the real home folder. */
  home: string;
}

const USER_SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
};

export function newProfile(folder: string): Profile {
  const profile = { extensions: path.join(folder, 'extensions'), userData: path.join(folder, 'user-data'), home: path.join(folder, 'home') };
  for (const dir of Object.values(profile)) mkdirSync(dir, { recursive: true });
  // No telemetry: the machine has no network, and the failed sends surface as errors in the extension host.
  mkdirSync(path.join(profile.userData, 'User'), { recursive: true });
  writeFileSync(path.join(profile.userData, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  return profile;
}

function environment(profile: Profile): NodeJS.ProcessEnv {
  return { ...process.env, XDG_CONFIG_HOME: path.join(profile.home, 'config'), XDG_DATA_HOME: path.join(profile.home, 'data') };
}

export function assertInstalled(): void {
  if (!existsSync(BIN)) throw new Error(`code-server is not installed at ${BIN}: run test/e2e/install-code-server.sh`);
}

/** Installs a .vsix into the profile's extensions folder (before the server starts). */
export function installExtension(profile: Profile, vsix: string): void {
  execFileSync(BIN, ['--extensions-dir', profile.extensions, '--user-data-dir', profile.userData, '--install-extension', vsix], {
    env: environment(profile),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** A free TCP port on 127.0.0.1 (asked of the system, then released for code-server to take). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface RunningCodeServer {
  url: string;
  pid: number;
  /** Everything code-server printed, for the report when something fails. */
  log(): string;
  stop(): Promise<void>;
}

/** Stops the process group code-server leads (it started detached), by its id; SIGKILL if it lingers. */
function stopper(child: ChildProcess): () => Promise<void> {
  let stopping: Promise<void> | undefined;
  return () => {
    stopping ??= new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return resolve();
      const pid = child.pid;
      const killer = setTimeout(() => {
        try {
          process.kill(-pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }, 10_000);
      child.once('exit', () => {
        clearTimeout(killer);
        resolve();
      });
      try {
        process.kill(-pid, 'SIGTERM');
      } catch {
        clearTimeout(killer);
        resolve();
      }
    });
    return stopping;
  };
}

/** Starts code-server on a free 127.0.0.1 port and resolves once it says it is listening. */
export async function startCodeServer(profile: Profile, limitMs = 60_000): Promise<RunningCodeServer> {
  const port = await freePort();
  const args = ['--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--extensions-dir', profile.extensions, '--user-data-dir', profile.userData];
  args.push('--disable-telemetry', '--disable-update-check');
  // Its own process group, so that stopping it also stops the extension hosts it forks.
  const child = spawn(BIN, args, { env: environment(profile), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const stop = stopper(child);
  const listening = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`code-server did not start within ${limitMs} ms:\n${output}`)), limitMs);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('HTTP server listening on')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited (${signal ?? code}) before it listened:\n${output}`));
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
  try {
    await listening;
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `http://127.0.0.1:${port}`, pid: child.pid as number, log: () => output, stop };
}
