import * as assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { runCli as run, workspace } from '../support/cli';
import { REFERENCE, replaceOnce } from '../support/memo';

const BAD_DATE = replaceOnce(REFERENCE, 'date: 2021-06-11', 'date: June 11, 2021');

interface JsonReport {
  file: string;
  diagnostics: { rule: string; severity: string; message: string; range: { start: { line: number; character: number }; end: { line: number; character: number } }; fixable: boolean }[];
}

describe('policy-memo lint', () => {
  it('exits 0 on clean memos and says so', () => {
    const dir = workspace({ 'a.memo.md': REFERENCE });
    const r = run(['lint', 'a.memo.md'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^1 file checked: no problems\.$/m);
  });

  it('exits 1 when a memo has errors, printing file, position, message and rule', () => {
    const dir = workspace({ 'a.memo.md': BAD_DATE });
    const r = run(['lint', 'a.memo.md'], dir);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^a\.memo\.md$/m);
    assert.match(r.stdout, /23:7 +error +The date must be written YYYY-MM-DD .* date-format/);
  });

  it('exits 0 when a memo has only warnings', () => {
    const dir = workspace({ 'a.memo.md': replaceOnce(REFERENCE, 'lang: fr\n', 'lang: fr\nbudget: 3\n') });
    const r = run(['lint', 'a.memo.md'], dir);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /warning +Unknown key "budget"/);
  });

  it('--format json prints exactly one JSON array with rule, severity, message, LSP range and fixable', () => {
    const dir = workspace({ 'memos/a.memo.md': BAD_DATE, 'memos/b.memo.yaml': 'lang: en\n' });
    const r = run(['lint', 'memos', '--format', 'json'], dir);
    assert.equal(r.code, 1);
    const data = JSON.parse(r.stdout) as JsonReport[];
    assert.ok(Array.isArray(data));
    assert.deepEqual(data.map((d) => d.file), ['memos/a.memo.md', 'memos/b.memo.yaml']);
    assert.deepEqual(data[0].diagnostics, [
      {
        rule: 'date-format',
        severity: 'error',
        message: 'The date must be written YYYY-MM-DD (for example 2021-06-11), not "June 11, 2021".',
        range: { start: { line: 22, character: 6 }, end: { line: 22, character: 19 } },
        fixable: true,
      },
    ]);
    assert.deepEqual(data[1].diagnostics.map((d) => d.rule).sort(), ['bilingual', 'date-format', 'recipients', 'schema', 'signatories']);
  });

  it('searches folders for memo files only, and accepts globs', () => {
    const dir = workspace({ 'x/a.memo.md': REFERENCE, 'x/deep/b.memo.yml': 'lang: en\n', 'x/notes.md': '# not a memo', 'x/node_modules/c.memo.md': 'junk' });
    const folder = JSON.parse(run(['lint', 'x', '--format', 'json'], dir).stdout) as JsonReport[];
    assert.deepEqual(folder.map((d) => d.file), ['x/a.memo.md', 'x/deep/b.memo.yml']);
    const glob = JSON.parse(run(['lint', 'x/**/*.memo.yml', '--format', 'json'], dir).stdout) as JsonReport[];
    assert.deepEqual(glob.map((d) => d.file), ['x/deep/b.memo.yml']);
  });

  it('--fix writes the safe fixes, keeps the rest of the file byte for byte, and a second run is clean', () => {
    const crlf = BAD_DATE.replace(/\n/g, '\r\n');
    const dir = workspace({ 'a.memo.md': '\uFEFF' + crlf });
    const r = run(['lint', 'a.memo.md', '--fix'], dir);
    assert.equal(r.code, 0, r.stdout);
    assert.equal(readFileSync(path.join(dir, 'a.memo.md'), 'utf8'), '\uFEFF' + REFERENCE.replace(/\n/g, '\r\n'));
    assert.equal(run(['lint', 'a.memo.md'], dir).code, 0);
  });

  it('--fix leaves an ambiguous date for the writer and does not touch the file', () => {
    const text = replaceOnce(REFERENCE, 'date: 2021-06-11', 'date: 03/04/2021');
    const dir = workspace({ 'a.memo.md': text });
    const before = statSync(path.join(dir, 'a.memo.md')).mtimeMs;
    const r = run(['lint', 'a.memo.md', '--fix'], dir);
    assert.equal(r.code, 1);
    assert.equal(readFileSync(path.join(dir, 'a.memo.md'), 'utf8'), text);
    assert.equal(statSync(path.join(dir, 'a.memo.md')).mtimeMs, before);
  });

  it('exits 2 with a clear message for a missing file, and lints nothing', () => {
    const dir = workspace({ 'a.memo.md': BAD_DATE });
    const r = run(['lint', 'a.memo.md', 'missing.memo.md'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /Cannot read "missing\.memo\.md": no such file or folder\./);
    assert.equal(r.stdout, '');
  });

  it('exits 2 for a file that is not UTF-8, and --fix writes nothing', () => {
    const bytes = Buffer.concat([Buffer.from(BAD_DATE), Buffer.from([0xff, 0xfe, 0x00])]);
    const dir = workspace({ 'a.memo.md': bytes });
    const r = run(['lint', 'a.memo.md', '--fix'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /not UTF-8 text/);
    assert.deepEqual(readFileSync(path.join(dir, 'a.memo.md')), bytes);
  });

  it('exits 2 for bad usage: unknown option, format, command, or a file that is not a memo', () => {
    const dir = workspace({ 'a.memo.md': REFERENCE, 'notes.md': '# hi' });
    assert.equal(run(['lint', '--nope'], dir).code, 2);
    const format = run(['lint', 'a.memo.md', '--format', 'xml'], dir);
    assert.equal(format.code, 2);
    assert.match(format.stderr, /Unknown format "xml"/);
    assert.equal(run(['frobnicate'], dir).code, 2);
    const notMemo = run(['lint', 'notes.md'], dir);
    assert.equal(notMemo.code, 2);
    assert.match(notMemo.stderr, /not a memo file/);
    assert.equal(run(['lint', 'empty-folder-*.memo.md'], dir).code, 2);
  });

  it('--schema replaces the built-in schema; a broken schema is a clear error', () => {
    const strict = { type: 'object', required: ['budget'], properties: { budget: { type: 'number' } } };
    const dir = workspace({ 'a.memo.md': REFERENCE, 'ministry.schema.json': JSON.stringify(strict), 'broken.schema.json': '{ nope' });
    const r = run(['lint', 'a.memo.md', '--schema', 'ministry.schema.json', '--format', 'json'], dir);
    assert.equal(r.code, 1);
    assert.deepEqual((JSON.parse(r.stdout) as JsonReport[])[0].diagnostics.map((d) => `${d.rule}: ${d.message}`), ['schema: "budget" is missing.']);
    const broken = run(['lint', 'a.memo.md', '--schema', 'broken.schema.json'], dir);
    assert.equal(broken.code, 2);
    assert.match(broken.stderr, /Cannot use the schema "broken\.schema\.json"/);
  });

  it('speaks French with --locale fr or a French LANG', () => {
    const dir = workspace({ 'a.memo.md': BAD_DATE });
    assert.match(run(['lint', 'a.memo.md', '--locale', 'fr'], dir).stdout, /La date doit suivre le format AAAA-MM-JJ/);
    assert.match(run(['lint', 'a.memo.md'], dir, { LANG: 'fr_CA.UTF-8' }).stdout, /La date doit suivre le format AAAA-MM-JJ/);
    assert.match(run(['--help'], dir, { LANG: 'fr_CA.UTF-8' }).stdout, /^Utilisation/);
  });
});
