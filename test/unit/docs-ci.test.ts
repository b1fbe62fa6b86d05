import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { BIN, workspace } from '../support/cli';
import { codeWords, fencedBlocks, markdownProse } from '../support/i18n';
import { REFERENCE, replaceOnce, ROOT } from '../support/memo';
import { sarifValidator } from '../support/sarif';
import { scratchDir } from '../support/scratch';
import { typographyProblems } from '../support/typography';

const BAD_DATE = replaceOnce(REFERENCE, 'date: 2021-06-11', 'date: June 11, 2021');
const WARNING_ONLY = replaceOnce(REFERENCE, 'lang: fr\n', 'lang: fr\nbudget: 3\n');

interface Step {
  run?: string;
  uses?: string;
}

/** The YAML examples of a CI page: the GitHub workflow, its pull-request variant's steps, the GitLab job. */
function examples(page: string) {
  const blocks = fencedBlocks(readFileSync(path.join(ROOT, 'docs', page), 'utf8'))
    .filter((b) => b.startsWith('```yaml'))
    .map((b) => b.replace(/^```yaml\n/, '').replace(/```$/, ''));
  assert.equal(blocks.length, 3, page);
  const workflow = parse(blocks[0]) as { jobs: { memos: { steps: Step[] } } };
  const pullRequest = parse(blocks[1]) as Step[];
  const gitlab = parse(blocks[2]) as { memos: { script: string[]; artifacts: { paths: string[]; reports: { codequality: string } } } };
  return { workflow: workflow.jobs.memos.steps, pullRequest, gitlab: gitlab.memos };
}

/** A PATH on which `npx policy-memo` is this checkout's bin (what `npm ci` would have installed). */
function npxShim(): string {
  const dir = scratchDir('policy-memo-npx');
  const npx = path.join(dir, 'npx');
  writeFileSync(npx, `#!/bin/sh\n[ "$1" = policy-memo ] || exit 127\nshift\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  chmodSync(npx, 0o755);
  return `${dir}${path.delimiter}${process.env.PATH ?? ''}`;
}

/** Runs a script as the runners do (bash, stopping at the first failing command, pipefail). */
function shell(script: string, cwd: string, env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], { cwd, encoding: 'utf8', env: { PATH: npxShim(), ...env }, timeout: 60000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function repository(files: Record<string, string>): string {
  const dir = workspace(files);
  const git = (...args: string[]) => {
    const r = spawnSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', ...args], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  };
  git('init', '-q', '-b', 'main');
  git('add', '.');
  git('commit', '-q', '-m', 'memos');
  return dir;
}

for (const page of ['ci.md', 'ci.fr.md']) {
  describe(`docs/${page}: the CI examples, run as written`, () => {
    const { workflow, pullRequest, gitlab } = examples(page);
    const runs = (steps: Step[]) => steps.map((s) => s.run).filter((run): run is string => run !== undefined && run !== 'npm ci');

    it('GitHub Actions: annotations that fail the job on findings, then a valid SARIF file for upload-sarif', () => {
      assert.ok(workflow.some((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@')));
      const dir = repository({ 'memos/a.memo.md': REFERENCE, 'memos/b.memo.md': BAD_DATE, 'memos/c.memo.md': WARNING_ONLY });
      const [annotate, sarif] = runs(workflow);
      const checked = shell(annotate, dir);
      assert.equal(checked.code, 1, checked.stderr);
      assert.match(checked.stdout, /^::error file=memos\/b\.memo\.md,line=23,col=7,endLine=23,endColumn=19,title=date-format::/m);
      assert.match(checked.stdout, /^::warning file=memos\/c\.memo\.md,line=3,.*title=schema::/m);
      const written = shell(sarif, dir);
      assert.equal(written.code, 0, written.stderr);
      const log = JSON.parse(readFileSync(path.join(dir, 'policy-memo.sarif'), 'utf8')) as unknown;
      assert.equal(sarifValidator()(log), true);
      // A usage error still fails the SARIF step.
      assert.notEqual(shell(sarif.replace('--format sarif', '--format nope'), dir).code, 0);
    });

    it('GitHub Actions, pull request: only the memos the branch changes', () => {
      const dir = repository({ 'memos/a.memo.md': REFERENCE, 'memos/old.memo.md': BAD_DATE, 'README.md': '# memos\n' });
      const git = (...args: string[]) => assert.equal(spawnSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', ...args], { cwd: dir }).status, 0, args.join(' '));
      git('remote', 'add', 'origin', dir);
      git('fetch', '-q', 'origin');
      git('checkout', '-q', '-b', 'topic');
      writeFileSync(path.join(dir, 'memos/a.memo.md'), WARNING_ONLY);
      writeFileSync(path.join(dir, 'memos/new.memo.md'), BAD_DATE);
      writeFileSync(path.join(dir, 'README.md'), '# memos, changed\n');
      git('add', '.');
      git('commit', '-q', '-m', 'change');
      const [run] = runs(pullRequest);
      const r = shell(run, dir, { GITHUB_BASE_REF: 'main' });
      assert.equal(r.code, 1, r.stderr);
      const files = [...r.stdout.matchAll(/^::\w+ file=([^,]+),/gm)].map((m) => m[1]);
      assert.deepEqual([...new Set(files)], ['memos/a.memo.md', 'memos/new.memo.md']);
    });

    it('GitLab CI: a SARIF artifact and a Code Quality report with the fields GitLab requires; the job fails on errors only', () => {
      const script = gitlab.script.filter((line) => line !== 'npm ci').join('\n');
      const dir = repository({ 'memos/a.memo.md': REFERENCE, 'memos/b.memo.md': BAD_DATE, 'memos/c.memo.md': WARNING_ONLY });
      const r = shell(script, dir);
      assert.equal(r.code, 1, r.stderr);
      for (const artifact of [...gitlab.artifacts.paths, gitlab.artifacts.reports.codequality]) assert.ok(existsSync(path.join(dir, artifact)), artifact);
      assert.equal(sarifValidator()(JSON.parse(readFileSync(path.join(dir, 'policy-memo.sarif'), 'utf8'))), true);
      const issues = JSON.parse(readFileSync(path.join(dir, gitlab.artifacts.reports.codequality), 'utf8')) as {
        description: string;
        check_name: string;
        fingerprint: string;
        severity: string;
        location: { path: string; lines: { begin: number } };
      }[];
      assert.deepEqual(
        issues.map((i) => [i.location.path, i.location.lines.begin, i.check_name, i.severity]),
        [
          ['memos/b.memo.md', 23, 'date-format', 'major'],
          ['memos/c.memo.md', 3, 'schema', 'minor'],
        ],
      );
      for (const issue of issues) assert.ok(issue.description && /^[0-9a-f]{64}$/.test(issue.fingerprint));
      // Warnings only: the job passes, with its report.
      const clean = repository({ 'memos/c.memo.md': WARNING_ONLY });
      assert.equal(shell(script, clean).code, 0);
      assert.equal((JSON.parse(readFileSync(path.join(clean, 'gl-code-quality-report.json'), 'utf8')) as unknown[]).length, 1);
    });
  });
}

describe('docs/ci.md and docs/ci.fr.md', () => {
  const read = (page: string) => readFileSync(path.join(ROOT, 'docs', page), 'utf8');

  it('give the same examples, their commands word for word', () => {
    const commands = (page: string) => examples(page);
    const [en, fr] = [commands('ci.md'), commands('ci.fr.md')];
    assert.deepEqual(fr.workflow.map((s) => s.run ?? s.uses), en.workflow.map((s) => s.run ?? s.uses));
    assert.deepEqual(fr.pullRequest.map((s) => s.run ?? s.uses), en.pullRequest.map((s) => s.run ?? s.uses));
    assert.deepEqual(fr.gitlab, en.gitlab);
  });

  it('the French page is written with Canadian typography', () => {
    assert.deepEqual(typographyProblems(markdownProse(read('ci.fr.md')), { codeWords: codeWords() }), []);
  });
});
