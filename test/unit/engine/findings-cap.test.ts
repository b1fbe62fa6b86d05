import * as assert from 'node:assert/strict';
import { checkMemo, compileCustomSchema, Finding, fixMemo, tn } from '../../../server/src/engine';
import { FindingBudget } from '../../../server/src/engine/budget';
import { MAX_FINDINGS_PER_RULE } from '../../../server/src/engine/check';
import { memoText } from '../../support/generated-memos';

describe('findings per rule are capped', () => {
  // A valid memo with 300 unknown keys: 300 findings of the schema rule before the cap.
  const [front, body] = memoText('markdown', { recipients: 1, paragraphs: 1 }).split('\n---\n');
  const text = `${front}\n${Array.from({ length: 300 }, (_, i) => `unknown${i}: x`).join('\n')}\n---\n${body}`;
  const line101 = text.split('\n').indexOf('unknown100: x');

  for (const locale of ['en', 'fr'] as const) {
    it(`keeps the first ${MAX_FINDINGS_PER_RULE} and says how many more, at the first left out (${locale})`, () => {
      const schema = checkMemo(text, 'markdown', { locale }).findings.filter((f) => f.rule === 'schema');
      assert.equal(schema.length, MAX_FINDINGS_PER_RULE + 1);
      const more = schema.filter((f) => f.message === tn(locale, 'findings.more', 200, { rule: 'schema' }));
      assert.equal(more.length, 1);
      assert.equal(more[0].range.start.line, line101);
      assert.deepEqual(more[0].fixes, []);
    });
  }

  it('still applies every safe fix with --fix, past the findings shown', () => {
    const french = memoText('markdown', { recipients: 1, paragraphs: 1 }).replace('lang: en', 'lang: fr') + '\n' + 'Note : texte.\n\n'.repeat(300);
    assert.equal(checkMemo(french, 'markdown').findings.filter((f) => f.rule === 'fr-typography').length, MAX_FINDINGS_PER_RULE + 1);
    const fixed = fixMemo(french, 'markdown');
    assert.equal(fixed.text.match(/Note\u00a0:/g)?.length, 300);
    assert.deepEqual(fixed.findings.filter((f) => f.rule === 'fr-typography'), []);
  });

  it('leaves a rule with fewer findings alone', () => {
    const few = checkMemo(`---\nlang: en\nunknown: x\n---\nBody.\n`, 'markdown').findings;
    assert.ok(!few.some((f) => f.message.startsWith('And ')), JSON.stringify(few.map((f) => f.message)));
  });

  it('counts exactly the findings it does not build: 1,000 numbers that differ on each side of a two-language memo', () => {
    const numbers = (from: number) => Array.from({ length: 1000 }, (_, i) => String(from + i)).join(' ');
    const memo = memoText('markdown', { recipients: 1, paragraphs: 0 }).replace('lang: en', 'lang: [en, fr]');
    const text = `${memo}\n::: en\n${numbers(1)}\n:::\n\n::: fr\n${numbers(5001)}\n:::\n`;
    for (const locale of ['en', 'fr'] as const) {
      const parity = checkMemo(text, 'markdown', { locale }).findings.filter((f) => f.rule === 'parity');
      // Each number is paired with the other side's: one finding on each side for each, 2,000 in all.
      assert.equal(parity.length, MAX_FINDINGS_PER_RULE + 1);
      assert.equal(parity.filter((f) => f.message === tn(locale, 'findings.more', 1900, { rule: 'parity' })).length, 1);
    }
  });

  it('gives the "and N more" finding the most severe severity among those it stands for (an error hidden among warnings still fails the lint)', () => {
    const mixed = `${front}\n${Array.from({ length: 150 }, (_, i) => `unknown${i}: x`).join('\n')}\nsignature: 5\n---\n${body}`;
    const schema = checkMemo(mixed, 'markdown').findings.filter((f) => f.rule === 'schema');
    assert.equal(schema.length, MAX_FINDINGS_PER_RULE + 1);
    assert.ok(schema.slice(0, MAX_FINDINGS_PER_RULE).every((f) => f.severity === 'warning'));
    const more = schema.find((f) => f.message === tn('en', 'findings.more', 51, { rule: 'schema' }));
    assert.equal(more?.severity, 'error');
  });

  it('says "at least" when the rule was not given every schema error (1,200 unknown keys: the first 1,000)', () => {
    const many = `${front}\n${Array.from({ length: 1200 }, (_, i) => `unknown${i}: x`).join('\n')}\n---\n${body}`;
    const schema = checkMemo(many, 'markdown').findings.filter((f) => f.rule === 'schema');
    assert.equal(schema.length, MAX_FINDINGS_PER_RULE + 1);
    assert.equal(schema.filter((f) => f.message === tn('en', 'findings.atLeast', 900, { rule: 'schema' })).length, 1);
  });

  it('gives a rule every schema error when the first ones make fewer findings than it shows (1,300 errors, 50 findings)', () => {
    // 26 errors for each of 50 values (25 branches of anyOf and the anyOf), one finding each.
    const branches = Array.from({ length: 25 }, (_, i) => ({ const: `v${i}` }));
    const custom = compileCustomSchema({ type: 'object', properties: { x: { type: 'array', items: { anyOf: branches } } } });
    const text = `---\nx: [${Array(50).fill('1').join(', ')}]\n---\nBody.\n`;
    const schema = checkMemo(text, 'markdown', { schema: custom }).findings.filter((f) => f.rule === 'schema');
    assert.equal(schema.length, 50, JSON.stringify(schema.slice(-2).map((f) => f.message)));
    assert.ok(!schema.some((f) => /\b(more|autres)\b/.test(f.message)));
  });

  it('fixes every one of 1,500 bidirectional controls with --fix (the encoding rule stopped at 100 a pass)', () => {
    const memo = memoText('markdown', { recipients: 1, paragraphs: 1 });
    const text = memo + '\n' + Array.from({ length: 1500 }, (_, i) => `Amount ${i}\u202e5`).join('\n\n') + '\n';
    const fixed = fixMemo(text, 'markdown');
    assert.equal(fixed.text, memo + '\n' + Array.from({ length: 1500 }, (_, i) => `Amount ${i}5`).join('\n\n') + '\n');
    assert.deepEqual(fixed.findings.filter((f) => f.rule === 'encoding'), []);
  });
});

describe('the findings budget of a rule', () => {
  const finding = (start: number, safe = false): Finding => ({
    rule: 'r', severity: 'warning', message: String(start),
    range: { start: { line: 0, character: start }, end: { line: 0, character: start + 1 } },
    fixes: safe ? [{ title: 'fix', edits: [], safe: true }] : [],
  });

  it('keeps the first findings in the text, whatever order they come in, and builds no other', () => {
    const budget = new FindingBudget(3, false);
    let built = 0;
    for (const start of [50, 40, 30, 20, 10, 60, 70, 10, 5]) budget.offer(start, start + 1, 'warning', false, () => (built++, finding(start)));
    assert.deepEqual(budget.shown().map((f) => f.message), ['5', '10', '10']);
    assert.equal(budget.unshown, 6);
    assert.deepEqual(budget.leftOut(), { start: 20, end: 21, severity: 'warning' });
    // 50, 40, 30 filled it; 20, 10, 10 and 5 came before the last kept; 60 and 70 were only counted.
    assert.equal(built, 7);
  });

  it('keeps, past the cap, the findings with a safe fix when asked to (for --fix)', () => {
    const budget = new FindingBudget(1, true);
    for (const [start, safe] of [[1, false], [2, true], [3, false], [4, true]] as const) budget.offer(start, start + 1, undefined, safe, () => finding(start, safe));
    assert.deepEqual(budget.shown().map((f) => f.message), ['1']);
    assert.deepEqual(budget.forFixes.map((f) => f.message), ['2', '4']);
    assert.equal(budget.unshown, 3);
  });
});
