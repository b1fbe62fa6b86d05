import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { terminalJson, terminalLines, terminalText } from '../../server/src/cli/terminal';
import { runCli, workspace } from '../support/cli';
import { REFERENCE, replaceOnce } from '../support/memo';

/** What a terminal would act on rather than show (the newlines between the CLI's own lines aside). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** A line that erases the one above it and claims the memo is clean, then sets the title, writes the clipboard and reverses the text. */
const FAKE = '\u001b[1A\u001b[2K\n1 file(s) checked: no problems.\u001b]0;pwned\u0007\u001b]52;c;cGF5bG9hZA==\u0007\u009b2J\u202eevil\u2066';
/** The same in a YAML double-quoted scalar, as a memo would write it. */
const FAKE_YAML = '"\\e[1A\\e[2K\\n1 file(s) checked: no problems.\\e]0;pwned\\a\\e]52;c;cGF5bG9hZA==\\a\\x9b2J\\u202eevil\\u2066"';

function assertInert(output: string): void {
  const found = CONTROL.exec(output);
  assert.equal(found, null, `a raw U+${found?.[0].charCodeAt(0).toString(16).padStart(4, '0')} in ${JSON.stringify(output)}`);
}

describe('the CLI shows untrusted text without letting the terminal act on it', () => {
  it('makes every control character visible, newlines included, and leaves other text alone', () => {
    assert.equal(terminalText(FAKE), '\\x1b[1A\\x1b[2K\\x0a1 file(s) checked: no problems.\\x1b]0;pwned\\x07\\x1b]52;c;cGF5bG9hZA==\\x07\\x9b2J\\u202eevil\\u2066');
    assert.equal(terminalText('\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u2067\u2068\u2069\u007f\u0000\t\r'), '\\u061c\\u200e\\u200f\\u202a\\u202b\\u202c\\u202d\\u2067\\u2068\\u2069\\x7f\\x00\\x09\\x0d');
    assert.equal(terminalText('Été « là » — café, 2021-06-11, C:\\memos\\a.memo.md'), 'Été « là » — café, 2021-06-11, C:\\memos\\a.memo.md');
    assert.equal(terminalLines('one\ntwo\u001b[2J\r\n'), 'one\ntwo\\x1b[2J\\x0d\n');
  });

  it('escapes in JSON what JSON.stringify leaves raw, and the JSON still reads back the same', () => {
    const value = { message: FAKE, file: 'a\u009b.memo.md' };
    const json = terminalJson(JSON.stringify(value));
    assertInert(json);
    assert.deepEqual(JSON.parse(json), value);
  });

  it('stylish output: a memo value cannot erase lines, fake a clean result, set the title or write the clipboard', () => {
    const dir = workspace({ 'a.memo.md': replaceOnce(REFERENCE, 'date: 2021-06-11', `date: ${FAKE_YAML}`) });
    const r = runCli(['lint', 'a.memo.md'], dir);
    assert.equal(r.code, 1);
    assertInert(r.stdout);
    assert.doesNotMatch(r.stdout, /^1 file\(s\) checked: no problems/m);
    assert.match(r.stdout, /\\x1b\[1A\\x1b\[2K\\x0a1 file\(s\) checked: no problems\.\\x1b\]0;pwned\\x07\\x1b\]52;c;cGF5bG9hZA==\\x07\\x9b2J\\u202eevil\\u2066/);
    assert.match(r.stdout, /date-format/);
  });

  it('JSON output: the same memo gives JSON with no raw control character, which reads back to the message', () => {
    const dir = workspace({ 'a.memo.md': replaceOnce(REFERENCE, 'date: 2021-06-11', `date: ${FAKE_YAML}`) });
    const r = runCli(['lint', 'a.memo.md', '--format', 'json'], dir);
    assertInert(r.stdout);
    const [report] = JSON.parse(r.stdout) as { diagnostics: { rule: string; message: string }[] }[];
    assert.ok(report.diagnostics.some((d) => d.rule === 'date-format' && d.message.includes(FAKE)));
  });

  it('a file name with controls is shown escaped, in the report and in the messages on stderr', function () {
    if (process.platform === 'win32') this.skip();
    const name = 'x\u001b]0;pwned\u0007\u202e.memo.md';
    const dir = workspace({ [name]: replaceOnce(REFERENCE, 'date: 2021-06-11', 'date: June 11, 2021') });
    const linted = runCli(['lint', '.'], dir);
    assertInert(linted.stdout);
    assert.match(linted.stdout, /^x\\x1b\]0;pwned\\x07\\u202e\.memo\.md$/m);
    writeFileSync(path.join(dir, 'bad\u001b[2J.memo.md'), Buffer.from([0xff, 0xfe]));
    const unreadable = runCli(['lint', 'bad\u001b[2J.memo.md'], dir);
    assert.equal(unreadable.code, 2);
    assertInert(unreadable.stderr);
    assert.match(unreadable.stderr, /bad\\x1b\[2J\.memo\.md/);
    const exported = runCli(['export', name], dir);
    assertInert(exported.stdout + exported.stderr);
    assert.match(exported.stdout, /x\\x1b\]0;pwned\\x07\\u202e\.memo\.html/);
  });

  it('arguments, schema errors and usage errors are shown escaped on stderr', () => {
    const dir = workspace({ 'a.memo.md': REFERENCE, 'bad.schema.json': '\u001b[2J\u001b]52;c;eA==\u0007' });
    for (const args of [
      ['lint', 'missing\u001b[2J.memo.md'],
      ['lint', 'notes\u001b[2J.txt'],
      ['l\u001b[2Jint'],
      ['lint', '--format', 'x\u001b[2J'],
      ['lint', '--locale', 'x\u001b[2J'],
      ['lint', '--x\u001b[2J'],
      ['lint', 'a.memo.md', '--schema', 'bad.schema.json'],
      ['export', 'a.memo.md', '--format', 'x\u001b[2J'],
    ]) {
      const r = runCli(args, dir);
      assert.equal(r.code, 2, `${JSON.stringify(args)}: ${r.stderr}`);
      assert.ok(r.stderr.length > 0, JSON.stringify(args));
      assertInert(r.stderr);
      assert.match(r.stderr, /\\x1b/, JSON.stringify(args));
    }
  });
});
