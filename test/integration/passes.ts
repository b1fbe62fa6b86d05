/** The two passes of the integration suite, and the workspace each one opens. */
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export type Pass = 'trusted' | 'untrusted';

/** The environment variable that tells a desktop VS Code run which pass it is. */
export const PASS_VARIABLE = 'POLICY_MEMO_SUITE_PASS';

export function passFromEnvironment(): Pass {
  return process.env[PASS_VARIABLE] === 'untrusted' ? 'untrusted' : 'trusted';
}

const ROOT = path.resolve(__dirname, '../../..');

/**
 * A fresh copy of test/integration/workspace (tests edit and save its memos), with the reference
 * memo beside them. The untrusted pass's copy also sets a custom schema, as a hostile repository could.
 */
export function prepareWorkspace(pass: Pass, parent = os.tmpdir()): string {
  const folder = path.join(mkdtempSync(path.join(parent, `policy-memo-${pass}-`)), 'memos');
  cpSync(path.join(ROOT, 'test', 'integration', 'workspace'), folder, { recursive: true });
  cpSync(path.join(ROOT, 'test', 'fixtures', 'reference', 'reference.memo.md'), path.join(folder, 'reference.memo.md'));
  const settings = {
    'policyMemo.locale': 'en',
    // VS Code in a browser (code-server) saves after a second by default; the tests save when they mean to.
    'files.autoSave': 'off',
    ...(pass === 'untrusted' ? { 'policyMemo.schema': 'custom.schema.json' } : {}),
  };
  mkdirSync(path.join(folder, '.vscode'), { recursive: true });
  writeFileSync(path.join(folder, '.vscode', 'settings.json'), `${JSON.stringify(settings, null, 2)}\n`);
  return folder;
}
