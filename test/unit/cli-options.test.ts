import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { MAX_LIST_LINE_BYTES, MAX_LIST_LINES, unquoteGitPath } from '../../server/src/cli/file-list';
import { runCli as runInProcess } from '../../server/src/cli/main';
import { Locale, t, tn } from '../../server/src/engine';
import { runCli, workspace } from '../support/cli';
import { REFERENCE, replaceOnce } from '../support/memo';

const BAD_DATE = replaceOnce(REFERENCE, 'date: 2021-06-11', 'date: June 11, 2021');
const WARNING_ONLY = replaceOnce(REFERENCE, 'lang: fr\n', 'lang: fr\nbudget: 3\n');

interface JsonReport {
  file: string;
  diagnostics: { rule: string; severity: string }[];
}
const files = (stdout: string) => (JSON.parse(stdout) as JsonReport[]).map((r) => r.file);

describe('policy-memo lint --max-warnings and --quiet', () => {
  const dir = workspace({ 'w.memo.md': WARNING_ONLY, 'e.memo.md': BAD_DATE });

  it('--max-warnings N exits 1 when there are more than N warnings, and says so on stderr', () => {
    assert.equal(runCli(['lint', 'w.memo.md', '--max-warnings', '1'], dir).code, 0);
    const over = runCli(['lint', 'w.memo.md', '--max-warnings', '0', '--format', 'json'], dir);
    assert.equal(over.code, 1);
    assert.equal(over.stderr.trimEnd(), tn('en', 'cli.tooManyWarnings', 1, { max: 0 }));
    // stdout stays the report alone, so --format json and sarif can still be parsed.
    assert.deepEqual(files(over.stdout), ['w.memo.md']);
    assert.equal(runCli(['lint', 'w.memo.md', '--max-warnings=0', '--locale', 'fr'], dir).stderr.trimEnd(), tn('fr', 'cli.tooManyWarnings', 1, { max: 0 }));
  });

  it('--max-warnings refuses anything but a whole number (exit 2), in both languages', () => {
    for (const locale of ['en', 'fr'] as Locale[]) {
      for (const value of ['-1', 'x', '1.5', '']) {
        const r = runCli(['lint', 'w.memo.md', `--max-warnings=${value}`, '--locale', locale], dir);
        assert.equal(r.code, 2, value);
        assert.equal(r.stderr.trimEnd(), t(locale, 'cli.badMaxWarnings', { value }));
      }
      assert.equal(runCli(['lint', '--locale', locale, '--max-warnings'], dir).stderr.trimEnd(), t(locale, 'cli.missingValue', { option: '--max-warnings' }));
    }
  });

  it('--quiet reports errors only, and its warnings still count for --max-warnings', () => {
    const quiet = runCli(['lint', '.', '--quiet', '--format', 'json'], dir);
    assert.equal(quiet.code, 1);
    const reports = JSON.parse(quiet.stdout) as JsonReport[];
    assert.deepEqual(reports.map((r) => [r.file, r.diagnostics.map((d) => d.severity)]), [
      ['e.memo.md', ['error']],
      ['w.memo.md', []],
    ]);
    const stylish = runCli(['lint', 'w.memo.md', '--quiet'], dir);
    assert.equal(stylish.code, 0);
    assert.doesNotMatch(stylish.stdout, /budget|warning/);
    assert.equal(runCli(['lint', 'w.memo.md', '--quiet', '--max-warnings', '0'], dir).code, 1);
  });
});

describe('policy-memo lint --jobs', () => {
  const dir = workspace({ 'w.memo.md': WARNING_ONLY, 'e.memo.md': BAD_DATE });

  it('lints on the threads asked for with the same report as on one thread', () => {
    const one = runCli(['lint', '.', '--format', 'json', '--jobs', '1'], dir);
    const two = runCli(['lint', '.', '--format', 'json', '--jobs', '2'], dir);
    assert.equal(one.code, 1);
    assert.equal(two.code, 1);
    assert.equal(two.stderr, '');
    assert.equal(two.stdout, one.stdout);
    assert.deepEqual(files(two.stdout), ['e.memo.md', 'w.memo.md']);
  });

  it('refuses anything but a number of threads from 1 (exit 2), in both languages', () => {
    for (const locale of ['en', 'fr'] as Locale[]) {
      for (const value of ['0', '-1', 'x', '1.5', '', '1000']) {
        const r = runCli(['lint', 'w.memo.md', `--jobs=${value}`, '--locale', locale], dir);
        assert.equal(r.code, 2, value);
        assert.equal(r.stderr.trimEnd(), t(locale, 'cli.badJobs', { value }));
      }
      assert.equal(runCli(['lint', '--locale', locale, '--jobs'], dir).stderr.trimEnd(), t(locale, 'cli.missingValue', { option: '--jobs' }));
    }
  });
});

describe('policy-memo lint --ignore and ignore: in .policy-memo/config.yaml', () => {
  it('--ignore GLOB (repeatable, relative to the current folder) skips the memos it matches, or their folders', () => {
    const dir = workspace({ 'a.memo.md': REFERENCE, 'drafts/b.memo.md': BAD_DATE, 'x/c.old.memo.md': BAD_DATE, 'x/deep/drafts/d.memo.md': BAD_DATE });
    const r = runCli(['lint', '.', '--ignore', '**/*.old.memo.md', '--ignore=drafts', '--format', 'json'], dir);
    assert.deepEqual(files(r.stdout), ['a.memo.md', 'x/deep/drafts/d.memo.md']);
    assert.deepEqual(files(runCli(['lint', '.', '--ignore', '**/drafts/**', '--ignore', 'x/*.old.memo.md', '--format', 'json'], dir).stdout), ['a.memo.md']);
    // A memo named on the command line is skipped too; nothing left to lint is exit 2, as for an empty folder.
    const none = runCli(['lint', 'drafts/b.memo.md', '--ignore', 'drafts/**'], dir);
    assert.equal(none.code, 2);
    assert.equal(none.stderr.trimEnd(), t('en', 'cli.noFiles'));
  });

  it('ignore: globs are relative to the folder holding .policy-memo/, and skip even a memo named on the command line', () => {
    const dir = workspace({
      'team/.policy-memo/config.yaml': 'ignore:\n  - drafts/**\n  - "*.template.memo.md"\n',
      'team/drafts/a.memo.md': BAD_DATE,
      'team/new.template.memo.md': BAD_DATE,
      'team/b.memo.md': REFERENCE,
      'drafts/c.memo.md': BAD_DATE,
    });
    const r = runCli(['lint', '.', '--format', 'json'], dir);
    assert.equal(r.code, 1);
    assert.deepEqual(files(r.stdout), ['drafts/c.memo.md', 'team/b.memo.md']);
    const named = runCli(['lint', 'team/drafts/a.memo.md'], dir);
    assert.equal(named.code, 0, named.stdout);
    assert.match(named.stdout, /0 files checked: no problems/);
  });

  it('a bad ignore: (an absolute path, a .. , not a list) is a problem in config.yaml, in both languages, and the defaults apply', () => {
    for (const [i, value] of ['["/etc/**"]', '["../other/**"]', '["a/../../b"]', '"drafts"', '["!keep.memo.md"]'].entries()) {
      const dir = workspace({ '.policy-memo/config.yaml': `ignore: ${value}\n`, 'drafts/a.memo.md': BAD_DATE });
      for (const locale of (i === 0 ? ['en', 'fr'] : ['en']) as Locale[]) {
        const r = runCli(['lint', '.', '--format', 'json', '--locale', locale], dir);
        const reports = JSON.parse(r.stdout) as (JsonReport & { diagnostics: { message: string }[] })[];
        assert.deepEqual(reports.map((x) => x.file), ['.policy-memo/config.yaml', 'drafts/a.memo.md'], value);
        const message = reports[0].diagnostics[0].message;
        assert.ok(message.startsWith(t(locale, 'config.value', { key: 'ignore' })) || message.startsWith(t(locale, 'config.value', { key: 'ignore.0' })), message);
      }
    }
  });
});

describe('policy-memo lint - (a file list on standard input)', () => {
  const dir = workspace({
    'a.memo.md': REFERENCE,
    'memos/b.memo.md': BAD_DATE,
    'memos/c d.memo.yaml': 'lang: en\n',
    'README.md': '# not a memo',
  });

  it('lints the memo files listed, one per line (CRLF too), leaving out other files and blank lines', () => {
    const r = runCli(['lint', '-', '--format', 'json'], dir, {}, 'README.md\r\nmemos/b.memo.md\r\n\nmemos/c d.memo.yaml\nnotes.txt\n');
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(files(r.stdout), ['memos/b.memo.md', 'memos/c d.memo.yaml']);
    // With named files too, each once.
    assert.deepEqual(files(runCli(['lint', 'a.memo.md', '-', 'memos/b.memo.md', '--format', 'json'], dir, {}, 'memos/b.memo.md').stdout), ['a.memo.md', 'memos/b.memo.md']);
  });

  it('a list with no memo in it (a change to other files) is no error: exit 0', () => {
    for (const input of ['', 'README.md\n']) {
      const r = runCli(['lint', '-'], dir, {}, input);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /0 files checked: no problems/);
    }
  });

  it('refuses a listed path outside the checked folder, whether it exists or not (exit 2)', () => {
    const inner = path.join(dir, 'memos');
    for (const line of ['../a.memo.md', path.join(dir, 'a.memo.md'), '/nowhere/x.memo.md']) {
      const r = runCli(['lint', '-'], inner, {}, `b.memo.md\n${line}\n`);
      assert.equal(r.code, 2, line);
      assert.equal(r.stderr.trimEnd(), t('en', 'cli.listOutside', { path: line, root: inner }));
      assert.equal(r.stdout, '');
    }
  });

  it('is bounded: too many lines, a line too long, or bytes that are not UTF-8 are refused (exit 2), in both languages', () => {
    const cases: [string | Buffer, string, Record<string, string | number>][] = [
      ['a.memo.md\n'.repeat(MAX_LIST_LINES + 1), 'cli.listTooLong', { lines: MAX_LIST_LINES, size: 16 }],
      [`a.memo.md\n${'x'.repeat(MAX_LIST_LINE_BYTES + 10)}.memo.md\n`, 'cli.listLineTooLong', { line: 2, limit: MAX_LIST_LINE_BYTES }],
      [Buffer.from([0x61, 0x0a, 0xe9, 0x2e, 0x6d, 0x64, 0x0a]), 'cli.listNotUtf8', { line: 2 }],
    ];
    for (const [input, id, params] of cases) {
      for (const locale of ['en', 'fr'] as Locale[]) {
        const r = runCli(['lint', '-', '--locale', locale], dir, {}, input);
        assert.equal(r.code, 2, id);
        assert.equal(r.stderr.trimEnd(), t(locale, id as Parameters<typeof t>[1], params));
      }
    }
    // Exactly at the limits is accepted.
    assert.equal(runCli(['lint', '-'], dir, {}, 'a.memo.md\n'.repeat(MAX_LIST_LINES)).code, 0);
  });

  it('says why when standard input cannot be read (exit 2)', async () => {
    const stderr: string[] = [];
    const failing = async function* (): AsyncGenerator<Buffer> {
      yield Buffer.from('a.memo.md\n');
      throw Object.assign(new Error('read failed'), { code: 'EIO' });
    };
    const io = { cwd: dir, env: {}, stdout: () => undefined, stderr: (text: string) => stderr.push(text), stdin: failing };
    assert.equal(await runInProcess(['lint', '-', '--locale', 'fr'], io), 2);
    assert.deepEqual(stderr, [t('fr', 'cli.listNoInput', { reason: 'EIO' })]);
  });

  it('reads a line in double quotes as git quotes a path (non-ASCII bytes in octal, C escapes)', () => {
    assert.equal(unquoteGitPath('memos/\\303\\251t\\303\\251 2021.memo.md'), 'memos/été 2021.memo.md');
    assert.equal(unquoteGitPath('a\\"b\\\\c\\td\\nz.memo.md'), 'a"b\\c\td\nz.memo.md');
    assert.equal(unquoteGitPath('🙂\\q'), '🙂\\q');
    assert.equal(unquoteGitPath('\\351t\\351'), undefined, 'Latin-1 bytes are not UTF-8');
  });

  it('works as `git diff --name-only | policy-memo lint -`, French and quoted file names included', () => {
    const repo = workspace({ 'memos/a.memo.md': REFERENCE, 'memos/b.memo.md': REFERENCE, 'memos/été 2021.memo.md': REFERENCE, 'memos/a"b.memo.md': REFERENCE, 'README.md': '# memos\n' });
    const git = (...args: string[]) => {
      const r = spawnSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', ...args], { cwd: repo, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      return r.stdout;
    };
    git('init', '-q');
    git('add', '.');
    git('commit', '-q', '-m', 'memos');
    for (const memo of ['memos/b.memo.md', 'memos/été 2021.memo.md', 'memos/a"b.memo.md']) writeFileSync(path.join(repo, memo), BAD_DATE);
    writeFileSync(path.join(repo, 'README.md'), '# memos, changed\n');
    const changed = git('diff', '--name-only');
    // git's default core.quotePath quotes them.
    assert.deepEqual(changed.trim().split('\n'), ['README.md', '"memos/a\\"b.memo.md"', 'memos/b.memo.md', '"memos/\\303\\251t\\303\\251 2021.memo.md"']);
    const r = runCli(['lint', '-', '--format', 'json'], repo, {}, changed);
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(files(r.stdout), ['memos/a"b.memo.md', 'memos/b.memo.md', 'memos/été 2021.memo.md']);
  });
});

describe('policy-memo --help', () => {
  it('names the CI options and formats in both languages', () => {
    for (const locale of ['en', 'fr'] as Locale[]) {
      const help = t(locale, 'cli.help');
      for (const option of ['sarif', 'github', '--quiet', '--max-warnings N', '--ignore', 'git diff --name-only | policy-memo lint -']) assert.ok(help.includes(option), `${locale}: ${option}`);
    }
  });
});
