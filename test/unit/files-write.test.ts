import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, linkSync, lstatSync, readdirSync, readFileSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../../server/src/cli/main';
import { WriteError, writeFileSafely, writeHooks } from '../../server/src/files/write';
import { isPolicyMemoExport } from '../../server/src/preview/export-path';
import { workspace } from '../support/cli';
import { REFERENCE, replaceOnce } from '../support/memo';

const BAD_DATE = replaceOnce(REFERENCE, 'date: 2021-06-11', 'date: June 11, 2021');

/** The CLI in this process (so a test can hook the write), with its output collected. */
async function run(args: string[], cwd: string, lang = 'en_CA.UTF-8') {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { cwd, env: { LANG: lang }, stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

/** The process's umask, read from a file this process creates (process.umask() without an argument is deprecated). */
function umaskNow(): number {
  const dir = workspace({ 'probe': '' });
  return ~statSync(path.join(dir, 'probe')).mode & 0o666;
}

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** Files in a folder that are not the test's own: temporary files left behind. */
const leftovers = (dir: string, own: string[]) => readdirSync(dir).filter((name) => !own.includes(name));

describe('policy-memo lint --fix writes files in place of the writer, never over them', () => {
  afterEach(() => {
    delete writeHooks.beforeRename;
  });

  it('fixes a symlinked memo in its real file, and the link stays a link', async () => {
    const dir = workspace({ 'real/a.memo.md': BAD_DATE });
    symlinkSync(path.join('real', 'a.memo.md'), path.join(dir, 'link.memo.md'));
    const r = await run(['lint', 'link.memo.md', '--fix'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(readFileSync(path.join(dir, 'real', 'a.memo.md'), 'utf8'), REFERENCE);
    assert.ok(lstatSync(path.join(dir, 'link.memo.md')).isSymbolicLink(), 'the link was replaced by a copy');
    assert.deepEqual(leftovers(dir, ['real', 'link.memo.md']), []);
    assert.deepEqual(leftovers(path.join(dir, 'real'), ['a.memo.md']), []);
  });

  it('keeps a 0600 memo 0600', async () => {
    const dir = workspace({ 'a.memo.md': BAD_DATE });
    const file = path.join(dir, 'a.memo.md');
    chmodSync(file, 0o600);
    assert.equal((await run(['lint', 'a.memo.md', '--fix'], dir)).code, 0);
    assert.equal(readFileSync(file, 'utf8'), REFERENCE);
    assert.equal(statSync(file).mode & 0o777, 0o600);
  });

  it('keeps the owner of a memo fixed by root', async function () {
    if (!asRoot) this.skip();
    const dir = workspace({ 'a.memo.md': BAD_DATE });
    const file = path.join(dir, 'a.memo.md');
    chownSync(file, 1234, 5678);
    assert.equal((await run(['lint', 'a.memo.md', '--fix'], dir)).code, 0);
    assert.equal(readFileSync(file, 'utf8'), REFERENCE);
    assert.deepEqual([statSync(file).uid, statSync(file).gid], [1234, 5678]);
  });

  it('leaves a read-only memo alone, says so and exits 2', async () => {
    const dir = workspace({ 'a.memo.md': BAD_DATE });
    const file = path.join(dir, 'a.memo.md');
    chmodSync(file, 0o444);
    const before = statSync(file);
    const r = await run(['lint', 'a.memo.md', '--fix'], dir);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'Cannot write "a.memo.md": it is read-only, so it was left as it is');
    assert.equal(readFileSync(file, 'utf8'), BAD_DATE);
    assert.equal(statSync(file).ino, before.ino);
    assert.equal(statSync(file).mode & 0o777, 0o444);
    const fr = await run(['lint', 'a.memo.md', '--fix'], dir, 'fr_CA.UTF-8');
    assert.equal(fr.stderr, 'Impossible d\u2019écrire «\u00a0a.memo.md\u00a0»\u00a0: le fichier est en lecture seule, et il a été laissé tel quel');
  });

  it('does not follow a symlink planted at a temporary name it could predict', async () => {
    const dir = workspace({ 'a.memo.md': BAD_DATE, 'victim.txt': 'keep me' });
    // The name the CLI used to write to: <memo>.<pid>.tmp (this process is the CLI here).
    symlinkSync(path.join(dir, 'victim.txt'), path.join(dir, `a.memo.md.${process.pid}.tmp`));
    assert.equal((await run(['lint', 'a.memo.md', '--fix'], dir)).code, 0);
    assert.equal(readFileSync(path.join(dir, 'victim.txt'), 'utf8'), 'keep me');
    assert.equal(readFileSync(path.join(dir, 'a.memo.md'), 'utf8'), REFERENCE);
  });

  it('never overwrites a change saved while it was fixing: exit 2, the writer\'s text kept', async () => {
    const dir = workspace({ 'a.memo.md': BAD_DATE });
    const file = path.join(dir, 'a.memo.md');
    const saved = BAD_DATE.replace('Transformation', 'Transformation (saved meanwhile)');
    let calls = 0;
    writeHooks.beforeRename = (target) => {
      calls++;
      assert.equal(target, file);
      writeFileSync(file, saved);
    };
    const r = await run(['lint', 'a.memo.md', '--fix'], dir);
    assert.equal(calls, 1, 'the hook ran between the read and the rename');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^Cannot write "a\.memo\.md": it changed while Policy Memo was working on it/);
    assert.equal(readFileSync(file, 'utf8'), saved);
    assert.deepEqual(leftovers(dir, ['a.memo.md']), [], 'the temporary file was removed');
  });

  it('sees a change of the same size made within the same instant (it compares the text, not only the time)', async () => {
    const dir = workspace({ 'a.memo.md': 'abc' });
    const file = path.join(dir, 'a.memo.md');
    const { mtime } = statSync(file);
    writeHooks.beforeRename = () => {
      writeFileSync(file, 'xyz');
      utimesSync(file, mtime, mtime);
    };
    assert.throws(() => writeFileSafely(file, 'new', { links: 'resolve', basedOn: 'abc' }), (e: unknown) => e instanceof WriteError && e.reason === 'changed');
    assert.equal(readFileSync(file, 'utf8'), 'xyz');
  });

  it('leaves a hard-linked memo alone (replacing it would break the link) and exits 2', async () => {
    const dir = workspace({ 'a.memo.md': BAD_DATE });
    linkSync(path.join(dir, 'a.memo.md'), path.join(dir, 'b.memo.md'));
    const r = await run(['lint', 'a.memo.md', '--fix'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /it has other hard links/);
    assert.equal(readFileSync(path.join(dir, 'a.memo.md'), 'utf8'), BAD_DATE);
    assert.equal(statSync(path.join(dir, 'a.memo.md')).ino, statSync(path.join(dir, 'b.memo.md')).ino);
  });
});

describe('policy-memo export never writes over the memo or through a link', () => {
  it('refuses -o onto the memo itself, which stays byte for byte', async () => {
    const dir = workspace({ 'm.memo.md': REFERENCE });
    for (const out of ['m.memo.md', './sub/../m.memo.md']) {
      const r = await run(['export', 'm.memo.md', '-o', out], dir);
      assert.equal(r.code, 2, out);
      assert.equal(r.stderr, 'The export would replace the memo file "m.memo.md"; nothing was written. Choose another -o/--output.');
      assert.equal(readFileSync(path.join(dir, 'm.memo.md'), 'utf8'), REFERENCE);
    }
  });

  it('refuses -o onto a hard link of the memo, and an input given through a symlink', async () => {
    const dir = workspace({ 'm.memo.md': REFERENCE });
    linkSync(path.join(dir, 'm.memo.md'), path.join(dir, 'copy.html'));
    symlinkSync('m.memo.md', path.join(dir, 'link.memo.md'));
    assert.equal((await run(['export', 'm.memo.md', '-o', 'copy.html'], dir)).code, 2);
    assert.equal((await run(['export', 'link.memo.md', '-o', 'm.memo.md'], dir)).code, 2);
    assert.equal(readFileSync(path.join(dir, 'm.memo.md'), 'utf8'), REFERENCE);
  });

  it('refuses a symlink at the output (a committed name.memo.html), and its target stays untouched', async () => {
    const dir = workspace({ 'm.memo.md': REFERENCE, 'elsewhere/victim.txt': 'keep me' });
    symlinkSync(path.join(dir, 'elsewhere', 'victim.txt'), path.join(dir, 'm.memo.html'));
    const r = await run(['export', 'm.memo.md'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^Cannot write "m\.memo\.html": it is a symbolic link/);
    assert.equal(readFileSync(path.join(dir, 'elsewhere', 'victim.txt'), 'utf8'), 'keep me');
    assert.ok(lstatSync(path.join(dir, 'm.memo.html')).isSymbolicLink());
  });

  it('refuses an output that is not a regular file (a FIFO), and writes a new file with the usual mode', async () => {
    const dir = workspace({ 'm.memo.md': REFERENCE });
    execFileSync('mkfifo', [path.join(dir, 'out.html')]);
    const r = await run(['export', 'm.memo.md', '-o', 'out.html'], dir);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'Cannot write "out.html": it is not a regular file');
    assert.ok(lstatSync(path.join(dir, 'out.html')).isFIFO());
    assert.equal((await run(['export', 'm.memo.md', '-o', 'new.html'], dir)).code, 0);
    assert.equal(statSync(path.join(dir, 'new.html')).mode & 0o777, 0o666 & ~umaskNow());
  });

  it('replaces an earlier export, keeping its mode and leaving no temporary file', async () => {
    const dir = workspace({ 'm.memo.md': REFERENCE, 'm.memo.html': 'old' });
    chmodSync(path.join(dir, 'm.memo.html'), 0o640);
    assert.equal((await run(['export', 'm.memo.md'], dir)).code, 0);
    assert.ok(readFileSync(path.join(dir, 'm.memo.html'), 'utf8').startsWith('<!DOCTYPE html>'));
    assert.equal(statSync(path.join(dir, 'm.memo.html')).mode & 0o777, 0o640);
    assert.deepEqual(leftovers(dir, ['m.memo.md', 'm.memo.html']), []);
  });

  it('does not replace an output that something else wrote while it rendered', async () => {
    const dir = workspace({ 'm.memo.md': REFERENCE });
    const out = path.join(dir, 'm.memo.html');
    writeHooks.beforeRename = () => writeFileSync(out, 'written meanwhile');
    try {
      const r = await run(['export', 'm.memo.md'], dir);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /changed while Policy Memo was working on it/);
    } finally {
      delete writeHooks.beforeRename;
    }
    assert.equal(readFileSync(out, 'utf8'), 'written meanwhile');
  });
});

describe('Export to HTML in the editor tells an earlier export from another file before replacing it', () => {
  it('marks each export in its head, and recognises the mark only there', async () => {
    const dir = workspace({ 'm.memo.md': REFERENCE });
    assert.equal((await run(['export', 'm.memo.md'], dir)).code, 0);
    const html = readFileSync(path.join(dir, 'm.memo.html'), 'utf8');
    // The editor reads the first 4 KB of the file it would replace.
    assert.ok(isPolicyMemoExport(Buffer.from(html).subarray(0, 4096).toString('utf8')));
    assert.ok(!isPolicyMemoExport('<!DOCTYPE html><html><head><title>Budget</title></head><body>notes</body></html>'));
    assert.ok(!isPolicyMemoExport('<html><head></head><body><meta name="generator" content="Policy Memo"></body></html>'));
    assert.ok(!isPolicyMemoExport(REFERENCE));
  });
});
