import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

let parent: string | undefined;

/**
 * A fresh folder for one test, inside one folder per test run that is removed when the run ends,
 * so test runs leave nothing behind in the system's temporary folder.
 */
export function scratchDir(prefix: string): string {
  if (!parent) {
    const created = mkdtempSync(path.join(tmpdir(), 'policy-memo-test-'));
    parent = created;
    process.once('exit', () => rmSync(created, { recursive: true, force: true }));
  }
  return mkdtempSync(path.join(parent, `${prefix}-`));
}
