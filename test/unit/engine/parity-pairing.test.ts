import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { checkMemo } from '../../../server/src/engine';
import { fixtureOptions, fixtures } from '../../support/fixtures';

// One mismatch, one finding per file: 42 in the English paragraph and 43 in the same French paragraph
// are one finding at the number in each file, pointing at the other file's number.
describe('parity pairs what differs in the same paragraph', () => {
  const folder = path.join(fixtures, 'rules', 'parity', 'files');
  const cases = [
    { file: 'report.en.memo.md', value: '42', other: '43', message: '42 here, 43 in the French version.', there: 'report.fr.memo.md' },
    { file: 'report.fr.memo.md', value: '43', other: '42', message: '43 here, 42 in the English version.', there: 'report.en.memo.md' },
  ];
  for (const c of cases) {
    it(`${c.file}: "${c.message}" at the number, the other file's number as related information`, () => {
      const file = path.join(folder, c.file);
      const text = readFileSync(file, 'utf8');
      const numbers = checkMemo(text, 'markdown', fixtureOptions(file)).findings.filter((f) => f.rule === 'parity' && /\d here|appear/.test(f.message) && /4[23]/.test(f.message));
      assert.deepEqual(numbers.map((f) => f.message), [c.message]);
      const [finding] = numbers;
      const lines = text.split('\n');
      assert.equal(lines[finding.range.start.line].slice(finding.range.start.character, finding.range.end.character), c.value);
      const related = finding.related?.[0];
      assert.ok(related && related.uri?.endsWith(c.there), JSON.stringify(related));
      const thereLines = readFileSync(path.join(folder, c.there), 'utf8').split('\n');
      assert.equal(thereLines[related.range.start.line].slice(related.range.start.character, related.range.end.character), c.other);
    });
  }
});
