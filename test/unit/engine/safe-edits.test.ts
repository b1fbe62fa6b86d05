import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import fc from 'fast-check';
import { applyEdits, Finding, LineIndex, safeEdits, TextEdit } from '../../../server/src/engine';
import { runBounded } from '../../support/bounded';

const TEXT = 'abcdefghij'.repeat(4);
const lines = new LineIndex(TEXT);

/** The choice safeEdits made before it was indexed: each fix against every span taken so far. */
function reference(fixes: [number, number][][]): [number, number][][] {
  const taken: [number, number][] = [];
  const chosen: [number, number][][] = [];
  for (const spans of fixes) {
    if (spans.some(([s, e]) => taken.some(([ts, te]) => (s < te && ts < e) || s === ts))) continue;
    taken.push(...spans);
    chosen.push(spans);
  }
  return chosen;
}

const findingOf = (spans: [number, number][]): Finding => ({
  rule: 'r',
  severity: 'warning',
  message: '',
  range: lines.range(spans[0][0], spans[0][1]),
  fixes: [{ title: 'fix', safe: true, edits: spans.map(([s, e]) => ({ range: lines.range(s, e), newText: 'x' })) }],
});

const spanArb = fc.tuple(fc.nat(TEXT.length), fc.nat(4)).map(([s, n]) => [s, Math.min(TEXT.length, s + n)] as [number, number]);

describe('safeEdits', () => {
  it('chooses the same fixes as comparing each with every span taken (insertions, replacements, fixes of two edits)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(spanArb, { minLength: 1, maxLength: 2 }), { maxLength: 30 }), (fixes) => {
        // A fix's own edits never overlap each other.
        const wellFormed = fixes.filter((spans) => spans.length === 1 || spans[0][1] <= spans[1][0] && spans[0][0] !== spans[1][0]);
        const edits = safeEdits(wellFormed.map(findingOf), TEXT);
        const expected = reference(wellFormed).flat();
        assert.deepEqual(edits.map((e: TextEdit) => [lines.offsetAt(e.range.start), lines.offsetAt(e.range.end)]), expected);
      }),
    );
  });

  it('applies the safe fixes of 100,000 typography problems in linear time (--fix)', async function () {
    // Each fix was compared with every one taken before it, and each edit sliced the whole text again:
    // quadratic twice, minutes here.
    this.timeout(120_000);
    const engine = path.resolve(__dirname, '../../../server/src/engine/index.js');
    const code = `const { fixMemo } = require(${JSON.stringify(engine)});
      const head = '---\\nlang: fr\\ndate: 2026-10-02\\n---\\n';
      const fixed = fixMemo(head + 'Note : oui.\\n\\n'.repeat(100000), 'markdown');
      process.stdout.write(String(fixed.text.split('Note\\u00a0: oui.').length - 1));`;
    const run = await runBounded(process.execPath, ['-e', code], { ms: 60_000 });
    assert.equal(run.timedOut, false, 'the fixes took longer than 60 s');
    assert.equal(run.stderr, '');
    assert.equal(run.stdout, '100000');
  });

  it('applies edits given in any order', () => {
    const edits = [5, 1, 3].map((at) => ({ range: lines.range(at, at + 1), newText: String(at) }));
    assert.equal(applyEdits(TEXT.slice(0, 8), edits), 'a1c3e5gh');
  });
});
