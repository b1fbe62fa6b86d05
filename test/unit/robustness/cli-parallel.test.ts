import * as assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { lintFiles } from '../../../server/src/cli/lint-files';
import { t } from '../../../server/src/engine';
import { formatJson } from '../../../server/src/cli/format';
import { PARALLEL_FROM_FILES } from '../../../server/src/cli/parallel';
import { runBounded } from '../../support/bounded';
import { BIN, runCli, workspace } from '../../support/cli';
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
    const result = runCli(['lint', 'memos', '--format', 'json', '--jobs', '2'], dir);
    assert.equal(result.stderr, '');
    assert.equal(result.code, 1);
    const names = Object.keys(files).sort();
    const expected = formatJson(lintFiles(names.map((name) => path.join(dir, name)), dir, { locale: 'en' }, false, 'en'));
    assert.equal(result.stdout.trim(), expected);
  });

  it('still says which file cannot be read, and exits 2', () => {
    const broken = workspace({ ...files, 'memos/m0100.memo.md': Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0xff, 0xfe, 0x0a]) });
    try {
      const result = runCli(['lint', 'memos', '--jobs', '2'], broken);
      assert.equal(result.code, 2);
      assert.match(result.stderr, /m0100\.memo\.md/);
    } finally {
      rmSync(broken, { recursive: true, force: true });
    }
  });

  it('reads a --schema that is a pipe once: the workers get its text and the run finishes', async function () {
    if (process.platform === 'win32') this.skip();
    // A hang is forever: a generous limit still catches it, and a loaded machine does not fail the test.
    this.timeout(180000);
    writeFileSync(path.join(dir, 'budget.schema.json'), JSON.stringify({ type: 'object', required: ['budget'] }));
    // Each worker reading the pipe again found it empty, threw, and the CLI waited forever.
    const script = `cat budget.schema.json | "$NODE" "$BIN" lint memos --format json --jobs 2 --schema /dev/stdin`;
    const result = await runBounded('sh', ['-c', script], { cwd: dir, env: { PATH: process.env.PATH, NODE: process.execPath, BIN }, ms: 90000 });
    assert.equal(result.timedOut, false, 'the CLI hung');
    assert.equal(result.stderr, '');
    assert.equal(result.code, 1);
    assert.match(result.stdout, /"budget\\" is missing/);
    assert.equal(result.stdout, runCli(['lint', 'memos', '--format', 'json', '--schema', 'budget.schema.json'], dir).stdout);
  });
});

describe('lint workers that fail', function () {
  this.timeout(60000);
  const parallel = path.resolve(__dirname, '../../../server/src/cli/parallel.js');
  let dir: string;
  before(() => {
    dir = workspace({
      'throws.js': "throw new Error('the worker broke');\n",
      'exits.js': 'process.exit(3);\n',
      'quiet.js': '// ends without posting its reports\n',
      // The first worker would run forever; the second throws, which must stop the first.
      'one-hangs.js': [
        "const { workerData } = require('node:worker_threads');",
        "if (workerData.files[0].endsWith('a0.memo.md')) setInterval(() => {}, 1000);",
        "else setTimeout(() => { throw new Error('the second worker broke'); }, 20);",
        '',
      ].join('\n'),
    });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** Lints two files in two workers running `script`, in a child process with a time limit; resolves with what lintInWorkers threw. */
  async function failure(script: string): Promise<unknown> {
    const driver = path.join(dir, `drive-${script}`);
    writeFileSync(
      driver,
      [
        `const { lintInWorkers } = require(${JSON.stringify(parallel)});`,
        'try {',
        `  lintInWorkers(['/x/a0.memo.md', '/x/a1.memo.md'], '/x', 'en', undefined, 2, ${JSON.stringify(path.join(dir, script))});`,
        "  console.log(JSON.stringify({ threw: 'nothing' }));",
        '} catch (error) {',
        '  console.log(JSON.stringify({ threw: error.constructor.name, failure: error.failure }));',
        '}',
        '',
      ].join('\n'),
    );
    const run = await runBounded(process.execPath, [driver], { ms: 30000 });
    assert.equal(run.timedOut, false, `lintInWorkers hung on ${script}`);
    assert.equal(run.code, 0, run.stderr);
    return JSON.parse(run.stdout);
  }

  it('says what a worker threw', async () => {
    assert.deepEqual(await failure('throws.js'), { threw: 'LintWorkerError', failure: { message: 'the worker broke' } });
  });

  it('says a worker exited with an error code', async () => {
    assert.deepEqual(await failure('exits.js'), { threw: 'LintWorkerError', failure: { code: 3 } });
  });

  it('says a worker ended without its reports', async () => {
    assert.deepEqual(await failure('quiet.js'), { threw: 'LintWorkerError', failure: { code: 0 } });
  });

  it('the CLI says why, in the writer\'s language, prints no report, and exits 2', async function () {
    if (availableParallelism() < 2) this.skip();
    this.timeout(120000);
    const memos = Object.fromEntries(Array.from({ length: PARALLEL_FROM_FILES }, (_, i) => [`memos/m${i}.memo.md`, 'lang: en\n']));
    const cwd = workspace(memos);
    try {
      const main = path.resolve(__dirname, '../../../server/src/cli/main.js');
      for (const [script, locale, expected] of [
        ['throws.js', 'en', t('en', 'cli.workerFailed', { reason: 'the worker broke' })],
        ['throws.js', 'fr', t('fr', 'cli.workerFailed', { reason: 'the worker broke' })],
        ['exits.js', 'en', t('en', 'cli.workerExited', { code: 3 })],
      ]) {
        const driver = path.join(cwd, 'drive-cli.js');
        writeFileSync(
          driver,
          [
            `const { runCli } = require(${JSON.stringify(main)});`,
            `process.exitCode = runCli(['lint', 'memos', '--jobs', '2', '--locale', ${JSON.stringify(locale)}], {`,
            `  cwd: ${JSON.stringify(cwd)}, env: {}, workerScript: ${JSON.stringify(path.join(dir, script))},`,
            "  stdout: (text) => process.stdout.write(text + '\\n'), stderr: (text) => process.stderr.write(text + '\\n'),",
            '});',
            '',
          ].join('\n'),
        );
        const run = await runBounded(process.execPath, [driver], { ms: 30000 });
        assert.equal(run.timedOut, false, `the CLI hung on ${script}`);
        assert.deepEqual([run.code, run.stdout, run.stderr], [2, '', `${expected}\n`]);
      }
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });

  it('stops the other workers when one fails', async () => {
    assert.deepEqual(await failure('one-hangs.js'), { threw: 'LintWorkerError', failure: { message: 'the second worker broke' } });
  });
});
