import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { checkMemo, memoKindOf } from '../../../server/src/engine';
import { fixture } from '../../support/memo';

/**
 * Expected findings written inline in a fixture: `<- rule` on the line the finding starts on,
 * `^ rule` on the line below it, `^^ rule` two lines below (for a `---` line, which cannot hold a comment). Several rules are
 * separated by commas; a rule listed twice is expected twice.
 */
export function inlineExpectations(text: string): string[] {
  const expected: string[] = [];
  text.split(/\r\n|\r|\n/).forEach((line, index) => {
    for (const match of line.matchAll(/(<-|\^+) ([a-z-]+(?:, [a-z-]+)*)/g)) {
      const target = match[1] === '<-' ? index : index - match[1].length;
      for (const rule of match[2].split(', ')) expected.push(`${rule}@${target}`);
    }
  });
  return expected.sort();
}

describe('fixtures with inline expectations', () => {
  const folder = fixture('memos');
  for (const name of readdirSync(folder).filter((n) => memoKindOf(n))) {
    it(name, () => {
      const text = readFileSync(`${folder}/${name}`, 'utf8');
      const expected = inlineExpectations(text);
      assert.ok(expected.length > 0, 'a fixture must expect something');
      const kind = memoKindOf(name);
      assert.ok(kind);
      const found = checkMemo(text, kind).findings.map((f) => `${f.rule}@${f.range.start.line}`).sort();
      assert.deepEqual(found, expected);
    });
  }
});
