import * as assert from 'node:assert/strict';
import { checkMemo, fixMemo, t } from '../../../server/src/engine';
import { memoText } from '../../support/generated-memos';

const MEMO = memoText('markdown', { recipients: 1, paragraphs: 1 });
const INVISIBLE = /[\u200b-\u200f\u2060-\u2064\ufeff\u202a-\u202e\u2066-\u2069]+/g;

/** The memo with `from` replaced by `to` (which must occur), and its encoding findings. */
function check(from: string, to: string) {
  assert.ok(MEMO.includes(from), from);
  const text = MEMO.replace(from, to);
  return { text, findings: checkMemo(text, 'markdown').findings.filter((f) => f.rule === 'encoding') };
}

describe('encoding: invisible characters that change what a reader sees', () => {
  const spoofs: [string, string, string, string][] = [
    ['a right-to-left override in an amount', 'January 5, 2027', 'January 5, 20\u202e72\u202c', 'encoding.bidi'],
    ['an isolate in a name', 'Gabriel Lévesque', 'Gabriel L\u2067évesque\u2069', 'encoding.bidi'],
    ['a bidi control between words too', 'Updated consent', 'Updated \u202dconsent', 'encoding.bidi'],
    ['a zero-width space in a name', 'Priya Raman', 'Pri\u200bya Raman', 'encoding.invisible'],
    ['a zero-width joiner between Latin letters', 'Priya Raman', 'Priya Ra\u200dman', 'encoding.invisible'],
    ['a zero-width space in a number', 'January 5, 2027', 'January 5, 20\u200b27', 'encoding.invisible'],
    ['a word joiner in an e-mail address', 'priya.raman@ontario.ca', 'priya.raman@\u2060ontario.ca', 'encoding.invisible'],
    ['a BOM inside an e-mail address', 'priya.raman@ontario.ca', 'priya\ufeff.raman@ontario.ca', 'encoding.invisible'],
    ['a right-to-left mark inside a word', 'Updated consent', 'Upda\u200fted consent', 'encoding.invisible'],
  ];
  for (const [name, from, to, message] of spoofs) {
    it(`reports ${name}, and its safe fix removes exactly the invisible characters`, () => {
      const { text, findings } = check(from, to);
      // One finding per run of invisible characters, naming each character of the run.
      const runs = to.match(INVISIBLE) ?? [];
      const code = (run: string) => [...new Set(run)].map((c) => `U+${(c.codePointAt(0) as number).toString(16).toUpperCase()}`).join(', ');
      assert.deepEqual(findings.map((f) => f.message), runs.map((run) => t('en', message as 'encoding.bidi', { code: code(run) })));
      for (const finding of findings) {
        assert.ok(finding.fixes[0]?.safe, 'a safe fix');
        assert.deepEqual(finding.fixes[0].edits.map((e) => [e.range, e.newText]), [[finding.range, '']]);
      }
      // --fix applies them, and the memo then holds what was written, as written: for the override, the
      // amount really typed (2072, shown as 2027), which the writer now sees.
      assert.equal(fixMemo(text, 'markdown').text, MEMO.replace(from, to.replace(INVISIBLE, '')));
    });
  }

  it('gives the messages in French too', () => {
    const { text } = check('Priya Raman', 'Pri\u200bya Raman');
    const fr = checkMemo(text, 'markdown', { locale: 'fr' }).findings.find((f) => f.rule === 'encoding');
    assert.equal(fr?.message, t('fr', 'encoding.invisible', { code: 'U+200B' }));
  });

  it('reports C1 control characters as control characters, with a fix --fix does not apply', () => {
    const { text, findings } = check('program\u2019s', 'program\u0092s');
    assert.deepEqual(findings.map((f) => f.message), [t('en', 'encoding.control', { code: 'U+0092' })]);
    assert.equal(findings[0].fixes[0]?.safe, false);
    assert.equal(fixMemo(text, 'markdown').text, text);
  });

  const legitimate: [string, string, string][] = [
    ['a zero-width joiner inside an emoji sequence', 'Questions may', 'Questions \ud83d\udc69\u200d\ud83d\udcbb may'],
    ['a family emoji with skin tones', 'Questions may', 'Questions \ud83d\udc68\ud83c\udffd\u200d\ud83d\udc69\ud83c\udffd\u200d\ud83d\udc67 may'],
    ['a zero-width non-joiner in Persian', 'Questions may', 'Questions \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 may'],
    ['a zero-width joiner in Devanagari', 'Questions may', 'Questions \u0915\u094d\u200d\u0937 may'],
    ['a zero-width space between words', 'Questions may', 'Questions \u200bmay'],
    ['a zero-width space at a line end', 'Questions may', 'Questions may\u200b\n'],
    ['a no-break space before a colon (French typography)', 'Questions may', 'Questions\u00a0: may'],
    ['a narrow no-break space in a number', '2027', '2\u202f027'],
    ['a no-break space in a number', '2027', '2\u00a0027'],
    ['a soft hyphen (a hyphenation hint)', 'Questions may', 'Ques\u00adtions may'],
    ['a byte-order mark at the start of the file', '---', '\ufeff---'],
  ];
  for (const [name, from, to] of legitimate) {
    it(`leaves ${name} alone`, () => {
      assert.deepEqual(check(from, to).findings, []);
    });
  }
});
