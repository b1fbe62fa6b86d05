/**
 * `npm run test:vscode`: runs the integration suite in a desktop VS Code downloaded by
 * @vscode/test-electron, in two passes: a trusted workspace, then an untrusted one.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { PASS_VARIABLE, prepareWorkspace } from './passes';

const ROOT = path.resolve(__dirname, '../../..');
const TESTS = path.join(__dirname, 'index.js');

async function download(): Promise<string> {
  try {
    return await downloadAndUnzipVSCode({ cachePath: path.join(ROOT, '.vscode-test') });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `npm run test:vscode needs to download VS Code from Microsoft (update.code.visualstudio.com) and could not: ${reason}\n` +
        'Run it on a machine with internet access, or run `npm run test:e2e`, which runs the same suite in code-server.',
    );
  }
}

/**
 * runTests always adds --disable-workspace-trust, so the untrusted pass starts VS Code itself, with
 * the same arguments otherwise and a user profile that opens new folders in Restricted Mode silently.
 */
function runUntrusted(executable: string, workspace: string): Promise<void> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'policy-memo-profile-'));
  mkdirSync(path.join(profile, 'data', 'User'), { recursive: true });
  writeFileSync(path.join(profile, 'data', 'User', 'settings.json'), JSON.stringify({ 'security.workspace.trust.startupPrompt': 'never' }));
  const args = [
    workspace,
    '--no-sandbox',
    '--disable-gpu-sandbox',
    '--disable-updates',
    '--skip-welcome',
    '--skip-release-notes',
    '--disable-extensions',
    `--extensionDevelopmentPath=${ROOT}`,
    `--extensionTestsPath=${TESTS}`,
    `--user-data-dir=${path.join(profile, 'data')}`,
    `--extensions-dir=${path.join(profile, 'extensions')}`,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(executable, args, { stdio: 'inherit', env: { ...process.env, [PASS_VARIABLE]: 'untrusted' } });
    child.on('error', reject);
    child.on('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`the untrusted pass failed (${signal ?? `exit code ${code}`})`))));
  });
}

async function main(): Promise<void> {
  const executable = await download();
  await runTests({
    vscodeExecutablePath: executable,
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: TESTS,
    launchArgs: [prepareWorkspace('trusted'), '--disable-extensions'],
    extensionTestsEnv: { [PASS_VARIABLE]: 'trusted' },
  });
  await runUntrusted(executable, prepareWorkspace('untrusted'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
