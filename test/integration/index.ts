/**
 * Runs the integration suite inside a VS Code extension host. `run()` is the entry point
 * @vscode/test-electron expects (--extensionTestsPath); the e2e harness calls `runSuite()` itself.
 */
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { closeAllEditors } from './helpers';
import { Pass, passFromEnvironment } from './passes';

export interface TestOutcome {
  title: string;
  state: 'passed' | 'failed' | 'skipped';
  error?: string;
}

/** What the harness writes to its result file, and the driver reads. */
export interface SuiteResult {
  pass: Pass;
  passed: number;
  failed: number;
  skipped: number;
  tests: TestOutcome[];
}

const SUITE = path.join(__dirname, 'suite');
const REPORTER = path.resolve(__dirname, '../../../test/support/reporter.js');

/** Runs the tests of one pass: the untrusted pass runs only the tests tagged [untrusted], the trusted pass all others. */
export function runSuite(pass: Pass): Promise<SuiteResult> {
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: 60_000,
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    reporter: require(REPORTER),
    rootHooks: { afterEach: closeAllEditors },
  });
  mocha.grep(/\[untrusted\]/);
  if (pass === 'trusted') mocha.invert();
  // Name order: activation.test.js first, before any other test opens a memo.
  for (const file of readdirSync(SUITE).filter((f) => f.endsWith('.test.js')).sort()) mocha.addFile(path.join(SUITE, file));
  const tests: TestOutcome[] = [];
  return new Promise((resolve) => {
    const runner = mocha.run(() => {
      const count = (state: TestOutcome['state']) => tests.filter((t) => t.state === state).length;
      resolve({ pass, passed: count('passed'), failed: count('failed'), skipped: count('skipped'), tests });
    });
    runner.on('pass', (test) => tests.push({ title: test.fullTitle(), state: 'passed' }));
    runner.on('pending', (test) => tests.push({ title: test.fullTitle(), state: 'skipped' }));
    runner.on('fail', (test, error: Error) => tests.push({ title: test.fullTitle(), state: 'failed', error: error.stack ?? error.message }));
  });
}

/** @vscode/test-electron's entry point: fails when a test fails. */
export async function run(): Promise<void> {
  const result = await runSuite(passFromEnvironment());
  if (result.failed > 0) throw new Error(`${result.failed} integration test(s) failed`);
}
