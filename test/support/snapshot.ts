import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './memo';

/**
 * Compares text with the stored snapshot `test/fixtures/<name>`. `UPDATE_SNAPSHOTS=1 npm test` rewrites
 * the snapshots; review the diff before committing. A missing snapshot fails (CI never writes them).
 */
export function matchSnapshot(name: string, actual: string): void {
  const file = path.join(ROOT, 'test', 'fixtures', name);
  if (process.env.UPDATE_SNAPSHOTS === '1') {
    writeFileSync(file, actual, 'utf8');
    return;
  }
  assert.ok(existsSync(file), `snapshot ${name} is missing: run UPDATE_SNAPSHOTS=1 npm test and review it`);
  assert.equal(actual, readFileSync(file, 'utf8'), `snapshot ${name} differs (UPDATE_SNAPSHOTS=1 npm test to accept a deliberate change)`);
}
