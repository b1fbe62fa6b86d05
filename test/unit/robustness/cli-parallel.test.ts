import * as assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import * as path from 'node:path';
import { lintFiles } from '../../../server/src/cli/lint-files';
import { formatJson } from '../../../server/src/cli/format';
import { PARALLEL_FROM_FILES } from '../../../server/src/cli/parallel';
import { runCli, workspace } from '../../support/cli';
import { corpusMemo } from '../../support/generated-memos';

describe('the CLI on many files (worker threads)', () => {
  const count = PARALLEL_FROM_FILES + 50;
  const files: Record<string, string> = {};
  for (let i = 0; i < count; i++) {
    const kind = i % 4 === 3 ? 'yaml' : 'markdown';
    files[`memos/m${String(i).padStart(4, '0')}.memo.${kind === 'yaml' ? 'yaml' : 'md'}`] = corpusMemo(kind, i);
  }
  let dir: string;
  before(() => {
    dir = workspace(files);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reports exactly what a file-by-file run reports, in the same order', () => {
    const result = runCli(['lint', 'memos', '--format', 'json'], dir);
    assert.equal(result.stderr, '');
    assert.equal(result.code, 1);
    const names = Object.keys(files).sort();
    const expected = formatJson(lintFiles(names.map((name) => path.join(dir, name)), dir, { locale: 'en' }, false, 'en'));
    assert.equal(result.stdout.trim(), expected);
  });

  it('still says which file cannot be read, and exits 2', () => {
    const broken = workspace({ ...files, 'memos/m0100.memo.md': Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0xff, 0xfe, 0x0a]) });
    try {
      const result = runCli(['lint', 'memos'], broken);
      assert.equal(result.code, 2);
      assert.match(result.stderr, /m0100\.memo\.md/);
    } finally {
      rmSync(broken, { recursive: true, force: true });
    }
  });
});
