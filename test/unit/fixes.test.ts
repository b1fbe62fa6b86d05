import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { checkMemo, fixMemo, memoKindOf } from '../../server/src/engine';
import { fixtureOptions, fixtures, memoFilesUnder, root } from '../support/fixtures';
import { roundTrip, writingRules } from '../support/roundtrip';

const files = [...memoFilesUnder(path.join(fixtures, 'rules')), ...memoFilesUnder(path.join(root, 'examples')), path.join(fixtures, 'reference', 'reference.memo.md')];

describe('quick fixes of the writing rules: round trip', () => {
  let tried = 0;
  const fixedRules = new Set<string>();
  for (const file of files) {
    for (const eol of ['\n', '\r\n']) {
      it(`${path.relative(root, file)}${eol === '\r\n' ? ' (CRLF)' : ''}`, () => {
        const text = readFileSync(file, 'utf8').replace(/\r?\n/g, eol);
        const kind = memoKindOf(file) ?? 'markdown';
        const options = fixtureOptions(file);
        const { findings } = checkMemo(text, kind, options);
        for (const finding of findings.filter((f) => writingRules.has(f.rule))) {
          for (const fix of finding.fixes) {
            roundTrip(text, kind, options, finding, fix, findings);
            tried++;
            fixedRules.add(finding.rule);
          }
        }
        const once = fixMemo(text, kind, options).text;
        assert.equal(fixMemo(once, kind, options).text, once, 'applying the safe fixes twice differs from once');
      });
    }
  }
  it('covered the fixes of every rule that has one', () => {
    assert.ok(tried > 20, `only ${tried} fixes tried`);
    for (const id of ['placeholder-link', 'acronym', 'fr-typography', 'untranslated', 'official-name']) assert.ok(fixedRules.has(id), `no fix of ${id} was tried`);
  });
});

describe('CRLF gives the same findings as LF', () => {
  for (const file of files) {
    it(path.relative(root, file), () => {
      const text = readFileSync(file, 'utf8');
      const kind = memoKindOf(file) ?? 'markdown';
      const lf = checkMemo(text, kind, fixtureOptions(file)).findings;
      const crlf = checkMemo(text.replace(/\n/g, '\r\n'), kind, fixtureOptions(file)).findings;
      assert.deepEqual(crlf.map((f) => [f.rule, f.range, f.message]), lf.map((f) => [f.rule, f.range, f.message]));
    });
  }
});
