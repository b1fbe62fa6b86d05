import * as assert from 'node:assert/strict';
import { applyEdits, fixMemo, LineIndex } from '../../../server/src/engine';
import { brief, check, REFERENCE, replaceOnce } from '../../support/memo';

const withDate = (date: string) => replaceOnce(REFERENCE, 'date: 2021-06-11', `date: ${date}`);

describe('positions are LSP positions (0-based line, UTF-16 character)', () => {
  it('LineIndex maps offsets and positions both ways with \\n, \\r\\n and lone \\r', () => {
    const text = 'a\r\nbé\rc😀d\ne';
    const lines = new LineIndex(text);
    assert.equal(lines.lineCount, 4);
    assert.deepEqual(lines.positionAt(text.indexOf('d')), { line: 2, character: 3 });
    assert.equal(lines.offsetAt({ line: 2, character: 3 }), text.indexOf('d'));
    assert.equal(lines.offsetAt({ line: 0, character: 99 }), 1, 'a character past the end of a line is clamped before its line break');
    assert.equal(lines.offsetAt({ line: 99, character: 0 }), text.length);
    assert.equal(lines.eol, '\r\n');
  });

  it('CRLF line ends give the same positions as LF', () => {
    const lf = withDate('June 11, 2021');
    const crlf = lf.replace(/\n/g, '\r\n');
    assert.deepEqual(check(crlf).map(brief), check(lf).map(brief));
    assert.deepEqual(check(crlf).map(brief), ['date-format/error 22:6-22:19']);
  });

  it('CRLF survives a fix: inserted lines use \\r\\n', () => {
    const crlf = REFERENCE.replace(/ {2}fr: Ministère.*\n/, '').replace(/\n/g, '\r\n');
    const finding = check(crlf).find((f) => f.rule === 'bilingual');
    assert.ok(finding);
    const fixed = applyEdits(crlf, finding.fixes[0].edits);
    assert.ok(!/[^\r]\n/.test(fixed), 'a bare \\n was inserted');
    assert.deepEqual(check(fixed).map((f) => f.rule), ['bilingual', 'official-name'], 'only the new blank French name remains (and the directory offers its name)');
  });

  it('a BOM before the front matter is accepted', () => {
    const text = '\uFEFF' + withDate('June 11, 2021');
    assert.deepEqual(check(text).map(brief), ['date-format/error 22:6-22:19']);
    assert.equal(fixMemo(text, 'markdown').text, '\uFEFF' + REFERENCE);
  });

  it('tabs count as one character', () => {
    const text = withDate('"\tJune 11, 2021"');
    assert.deepEqual(check(text).map(brief), ['date-format/error 22:6-22:22']);
  });

  it('characters outside the BMP count as two UTF-16 units', () => {
    const text = REFERENCE.replace(/cc:\n(?: {2}- .*\n)+/, 'cc: ["Été 😀 ok", 42]\n');
    // `cc: ["Été 😀 ok", ` is 18 UTF-16 units (17 code points): 42 starts at character 18.
    assert.deepEqual(check(text).map(brief), ['schema/error 24:18-24:20']);
  });

  it('accented keys and values keep exact ranges', () => {
    const text = replaceOnce(REFERENCE, 'cc:', 'copie conforme é:');
    assert.deepEqual(check(text).map(brief), ['schema/warning 24:0-24:16']);
  });
});
