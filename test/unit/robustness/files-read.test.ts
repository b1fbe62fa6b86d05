import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { MAX_MEMO_BYTES, readBytesSync, readText, readTextSync } from '../../../server/src/files/read';
import { runCli, workspace } from '../../support/cli';
import { fixture } from '../../support/memo';
import { scratchDir } from '../../support/scratch';

const READ_MODULE = path.resolve(__dirname, '../../../server/src/files/read.js');
const EN = readFileSync(fixture('..', '..', 'examples', 'winter-readiness.en.memo.md'), 'utf8');
const FR = readFileSync(fixture('..', '..', 'examples', 'winter-readiness.fr.memo.md'), 'utf8');

function mkfifo(file: string): void {
  execFileSync('mkfifo', [file]);
}

/**
 * Runs `code` (with `read` bound to server/src/files/read) in a child process killed after 10 s, so
 * a read that blocks fails the test instead of hanging mocha. Resolves with what the code printed.
 */
function inChild(code: string): { out: string; timedOut: boolean } {
  const result = spawnSync(process.execPath, ['-e', `const read = require(${JSON.stringify(READ_MODULE)}); (async () => { ${code} })().then(() => process.exit(0));`], {
    encoding: 'utf8',
    timeout: 10000,
  });
  assert.equal(result.stderr, '');
  return { out: result.stdout.trim(), timedOut: result.signal !== null };
}

describe('reading files handed to the hosts (files/read)', () => {
  let dir: string;
  before(() => {
    dir = scratchDir('files-read');
    mkdirSync(path.join(dir, 'ws', 'sub'), { recursive: true });
    mkdirSync(path.join(dir, 'outside'));
    writeFileSync(path.join(dir, 'ws', 'a.txt'), 'hello');
    writeFileSync(path.join(dir, 'outside', 'secret.txt'), 'secret');
    symlinkSync('../outside/secret.txt', path.join(dir, 'ws', 'to-secret.txt'));
    symlinkSync('../outside/nothing.txt', path.join(dir, 'ws', 'to-nothing.txt'));
    symlinkSync('a.txt', path.join(dir, 'ws', 'to-a.txt'));
    symlinkSync('../sub', path.join(dir, 'ws', 'sub', 'loop'));
    symlinkSync('/dev/zero', path.join(dir, 'ws', 'zero.txt'));
    mkfifo(path.join(dir, 'ws', 'fifo.txt'));
    writeFileSync(path.join(dir, 'ws', 'sparse.txt'), '');
    truncateSync(path.join(dir, 'ws', 'sparse.txt'), MAX_MEMO_BYTES + 1);
    writeFileSync(path.join(dir, 'ws', 'latin1.txt'), Buffer.from([0x63, 0x61, 0x66, 0xe9]));
  });

  const limits = () => ({ maxBytes: MAX_MEMO_BYTES, root: path.join(dir, 'ws') });

  it('reads a regular file, and one a link inside the root points at', async () => {
    assert.equal((readTextSync(path.join(dir, 'ws', 'a.txt'), limits()) as { text: string }).text, 'hello');
    assert.equal((readTextSync(path.join(dir, 'ws', 'to-a.txt'), limits()) as { text: string }).text, 'hello');
    assert.equal(((await readText(path.join(dir, 'ws', 'to-a.txt'), limits())) as { text: string }).text, 'hello');
  });

  it('refuses a device, a folder and a file over the cap without reading them', async () => {
    assert.deepEqual(readBytesSync(path.join(dir, 'ws', 'sub'), limits()), { refused: 'notFile' });
    assert.deepEqual(await readText(path.join(dir, 'ws', 'sub'), limits()), { refused: 'notFile' });
    // Without a root (a file named on the command line), a link to a device is followed, and refused.
    assert.deepEqual(readBytesSync(path.join(dir, 'ws', 'zero.txt'), { maxBytes: 100 }), { refused: 'notFile' });
    assert.deepEqual(await readText('/dev/zero', { maxBytes: 100 }), { refused: 'notFile' });
    assert.deepEqual(readBytesSync(path.join(dir, 'ws', 'sparse.txt'), limits()), { refused: 'tooLarge', limitMb: 10 });
    assert.deepEqual(await readText(path.join(dir, 'ws', 'sparse.txt'), limits()), { refused: 'tooLarge', limitMb: 10 });
    assert.deepEqual(readTextSync(path.join(dir, 'ws', 'latin1.txt'), limits()), { refused: 'notUtf8' });
  });

  it('refuses a FIFO at once, sync and async, even four at a time (in a child process with a time limit)', () => {
    const fifo = JSON.stringify(path.join(dir, 'ws', 'fifo.txt'));
    const { out, timedOut } = inChild(`
      const sync = read.readTextSync(${fifo}, { maxBytes: 1000 });
      const all = await Promise.all([1, 2, 3, 4, 5].map(() => read.readText(${fifo}, { maxBytes: 1000 })));
      console.log(JSON.stringify([sync, ...all].map((r) => r.refused)));
    `);
    assert.equal(timedOut, false, 'reading a FIFO blocked');
    assert.equal(out, JSON.stringify(Array(6).fill('notFile')));
  });

  it('refuses a path outside the root the same way whether it exists or not, through .. or links', async () => {
    const outside = { refused: 'outside' };
    for (const file of ['../outside/secret.txt', '../outside/nothing.txt', 'to-secret.txt', 'to-nothing.txt', '/etc/passwd', '/no/such/file']) {
      assert.deepEqual(readTextSync(path.resolve(dir, 'ws', file), limits()), outside, file);
      assert.deepEqual(await readText(path.resolve(dir, 'ws', file), limits()), outside, file);
    }
    assert.deepEqual(readTextSync(path.join(dir, 'ws', 'missing.txt'), limits()), { refused: 'notFound' });
    assert.deepEqual(readTextSync(path.join(dir, 'ws', 'sub', 'loop', 'loop', 'a.txt'), limits()), { refused: 'notFound' });
  });
});

describe('policy-memo lint and the files it reads', () => {
  it('refuses a FIFO, a device or an oversized file as a linted memo, with the reason, exit 2', () => {
    const dir = workspace({ 'ok.memo.md': EN });
    mkfifo(path.join(dir, 'pipe.memo.md'));
    symlinkSync('/dev/zero', path.join(dir, 'zero.memo.md'));
    writeFileSync(path.join(dir, 'big.memo.md'), '');
    truncateSync(path.join(dir, 'big.memo.md'), 150 * 1024 * 1024);
    for (const [name, reason] of [
      ['pipe.memo.md', /not a regular file/],
      ['zero.memo.md', /outside the workspace/],
      ['big.memo.md', /larger than 10 MB/],
    ] as const) {
      const r = runCli(['lint', name], dir);
      assert.equal(r.code, 2, `${name}: ${r.stderr}`);
      assert.match(r.stderr, new RegExp(`Cannot read "${name.replace(/\./g, '\\.')}": it is ${reason.source}`));
    }
    const fr = runCli(['lint', '--locale', 'fr', 'pipe.memo.md'], dir);
    assert.match(fr.stderr, /Impossible de lire «\u00a0pipe\.memo\.md\u00a0»\u00a0: ce n’est pas un fichier ordinaire/);
  });

  it('refuses a --schema that is a FIFO with no writer, a link to a device, outside the folder or oversized, with the reason, exit 2', () => {
    // The schema was read with readFileSync: the FIFO hung the CLI, /dev/zero grew it without end.
    const dir = workspace({ 'ok.memo.md': EN, 'outside.schema.json': '{}', 'repo/.git/HEAD': '', 'repo/a.memo.md': EN });
    const repo = path.join(dir, 'repo');
    mkfifo(path.join(repo, 'pipe.schema.json'));
    symlinkSync('/dev/zero', path.join(repo, 'zero.schema.json'));
    writeFileSync(path.join(repo, 'big.schema.json'), '{');
    truncateSync(path.join(repo, 'big.schema.json'), 150 * 1024 * 1024);
    for (const [name, reason] of [
      ['pipe.schema.json', /not a regular file/],
      ['zero.schema.json', /outside the workspace/],
      ['../outside.schema.json', /outside the workspace/],
      ['big.schema.json', /larger than 4 MB/],
    ] as const) {
      const r = runCli(['lint', 'a.memo.md', '--schema', name], repo);
      assert.equal(r.code, 2, `${name}: ${r.stderr}`);
      assert.match(r.stderr, new RegExp(`Cannot read "${name.replace(/\./g, '\\.')}": it is ${reason.source}`));
    }
  });

  it('reads no memo that is a link to a file outside the repository, even found in a folder', () => {
    const dir = workspace({ 'outside/secret.memo.md': EN, 'repo/.git/HEAD': '', 'repo/memos/real.memo.md': EN });
    symlinkSync('real.memo.md', path.join(dir, 'repo', 'memos', 'inside.memo.md'));
    const ok = runCli(['lint', 'memos', '--format', 'json'], path.join(dir, 'repo'));
    assert.equal(ok.code, 1, ok.stderr);
    symlinkSync('../../outside/secret.memo.md', path.join(dir, 'repo', 'memos', 'leak.memo.md'));
    const r = runCli(['lint', 'memos'], path.join(dir, 'repo'));
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, 'Cannot read "memos/leak.memo.md": it is outside the workspace, and nothing outside the workspace is read.\n');
  });

  const withTranslation = (target: string) => EN.replace(/^translation: .*$/m, `translation: ${target}`);
  const translationFinding = (dir: string, file: string) => {
    const r = runCli(['lint', file, '--format', 'json'], dir);
    assert.notEqual(r.code, null, 'the CLI hung');
    const findings = (JSON.parse(r.stdout) as { file: string; diagnostics: { rule: string; message: string }[] }[])[0].diagnostics;
    return findings.filter((f) => f.rule === 'parity' && /translation/i.test(f.message)).map((f) => f.message);
  };

  it('says why a translation was not read: a FIFO, /dev/zero (directly or by a committed link), a file over the cap', () => {
    const dir = workspace({ 'fifo.memo.md': withTranslation('pipe.fr.memo.md'), 'zero.memo.md': withTranslation('/dev/zero'), 'link.memo.md': withTranslation('zero.fr.memo.md'), 'big.memo.md': withTranslation('big.fr.memo.md') });
    mkfifo(path.join(dir, 'pipe.fr.memo.md'));
    symlinkSync('/dev/zero', path.join(dir, 'zero.fr.memo.md'));
    writeFileSync(path.join(dir, 'big.fr.memo.md'), '');
    truncateSync(path.join(dir, 'big.fr.memo.md'), 150 * 1024 * 1024);
    assert.deepEqual(translationFinding(dir, 'fifo.memo.md'), ['The translation "pipe.fr.memo.md" was not read: it is not a regular file (it is a folder, a device, a pipe or a socket).']);
    assert.deepEqual(translationFinding(dir, 'link.memo.md'), ['The translation "zero.fr.memo.md" was not read: it is outside the workspace, and nothing outside the workspace is read.']);
    assert.deepEqual(translationFinding(dir, 'zero.memo.md'), ['The translation "/dev/zero" was not read: it is outside the workspace, and nothing outside the workspace is read.']);
    assert.deepEqual(translationFinding(dir, 'big.memo.md'), ['The translation "big.fr.memo.md" was not read: it is larger than 2 MB.']);
  });

  it('reads no translation outside the repository (or the current folder), saying the same whether it exists or not', () => {
    const dir = workspace({ 'outside/real.fr.memo.md': FR, 'repo/.git/HEAD': '', 'repo/a.memo.md': withTranslation('../outside/real.fr.memo.md'), 'repo/b.memo.md': withTranslation('../outside/none.fr.memo.md'), 'repo/c.memo.md': withTranslation('link.fr.memo.md'), 'repo/d.memo.md': withTranslation('dangling.fr.memo.md') });
    symlinkSync('../outside/real.fr.memo.md', path.join(dir, 'repo', 'link.fr.memo.md'));
    symlinkSync('../outside/none.fr.memo.md', path.join(dir, 'repo', 'dangling.fr.memo.md'));
    const refused = (link: string) => [`The translation "${link}" was not read: it is outside the workspace, and nothing outside the workspace is read.`];
    // Run from the folder above: the repository, not the current folder, is the limit.
    assert.deepEqual(translationFinding(dir, 'repo/a.memo.md'), refused('../outside/real.fr.memo.md'));
    assert.deepEqual(translationFinding(dir, 'repo/b.memo.md'), refused('../outside/none.fr.memo.md'));
    assert.deepEqual(translationFinding(dir, 'repo/c.memo.md'), refused('link.fr.memo.md'));
    assert.deepEqual(translationFinding(dir, 'repo/d.memo.md'), refused('dangling.fr.memo.md'));
  });

  it('says why a .policy-memo file was not read (a FIFO glossary) and checks with the defaults', () => {
    const dir = workspace({ 'a.memo.md': EN, '.policy-memo/config.yaml': 'typography: canada\n' });
    mkfifo(path.join(dir, '.policy-memo', 'glossary.yaml'));
    const r = runCli(['lint', 'a.memo.md'], dir);
    assert.notEqual(r.code, null, 'the CLI hung');
    assert.match(r.stdout, /\.policy-memo\/glossary\.yaml\n.*This file was not read: it is not a regular file .* This file is ignored until it is fixed/);
  });

  it('uses no .policy-memo/ above the repository, nor above the current folder outside one', () => {
    const off = 'rules:\n  date-format: "off"\n';
    const bad = EN.replace(/^date: .*$/m, 'date: June 11, 2021');
    const dir = workspace({ '.policy-memo/config.yaml': off, 'repo/.git/HEAD': '', 'repo/a.memo.md': bad, 'plain/a.memo.md': bad, 'inside/.git/HEAD': '', 'inside/.policy-memo/config.yaml': off, 'inside/a.memo.md': bad });
    const dateErrors = (cwd: string, file: string) =>
      (JSON.parse(runCli(['lint', file, '--format', 'json'], cwd).stdout) as { diagnostics: { rule: string }[] }[]).flatMap((r) => r.diagnostics).filter((d) => d.rule === 'date-format').length;
    assert.equal(dateErrors(dir, 'inside/a.memo.md'), 0, 'the repository’s own config applies');
    assert.equal(dateErrors(dir, 'repo/a.memo.md'), 1, 'a config above the repository is not used');
    assert.equal(dateErrors(path.join(dir, 'plain'), 'a.memo.md'), 1, 'a config above the current folder is not used');
  });
});
