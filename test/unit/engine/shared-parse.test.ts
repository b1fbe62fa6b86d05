import * as assert from 'node:assert/strict';
import { checkMemo, checkParsed, ruleIds } from '../../../server/src/engine';
import { bodyMarkdown } from '../../../server/src/engine/prose/body';

/**
 * A two-language memo whose body several rules read: an undefined acronym, French spacing, a
 * placeholder link and a French block still in English.
 */
const MEMO = [
  '---',
  'lang: [en, fr]',
  'to:',
  '  - en: Directors',
  '    fr: Directeurs',
  'from:',
  '  - name: Alex Martin',
  'date: 2026-10-02',
  'subject:',
  '  en: Budget update',
  '  fr: Mise à jour budgétaire',
  '---',
  '::: en',
  'The CMSM will report by 4:30 p.m. See [the form](#).',
  ':::',
  '',
  '::: fr',
  'The reports will be sent to the offices and the managers will review them with the staff.',
  '',
  'Note : le GSS fera rapport.',
  ':::',
  '',
].join('\n');

/** Runs `work` while counting the body parses markdown-it makes. */
function countParses(work: () => void): number {
  const original = bodyMarkdown.parse;
  let parses = 0;
  bodyMarkdown.parse = function (...args: Parameters<typeof original>) {
    parses++;
    return original.apply(this, args);
  };
  try {
    work();
  } finally {
    bodyMarkdown.parse = original;
  }
  return parses;
}

describe('a check reads the body once', () => {
  it('parses each language block once however many rules read the body', () => {
    let rules: string[] = [];
    const parses = countParses(() => {
      rules = checkMemo(MEMO, 'markdown').findings.map((f) => f.rule);
    });
    for (const rule of ['acronym', 'fr-typography', 'placeholder-link', 'untranslated', 'parity']) {
      assert.ok(rules.includes(rule), `${rule} read the body (found: ${[...new Set(rules)].join(', ')})`);
    }
    assert.equal(parses, 2, 'one parse for `::: en`, one for `::: fr`');
  });

  it('parses as often with every rule on as with a single body rule', () => {
    const only = Object.fromEntries(ruleIds.filter((id) => id !== 'placeholder-link').map((id) => [id, 'off' as const]));
    assert.equal(countParses(() => checkMemo(MEMO, 'markdown')), countParses(() => checkMemo(MEMO, 'markdown', { severities: only })));
  });

  it('does not parse again when the same parsed memo is checked again', () => {
    const { memo, findings } = checkMemo(MEMO, 'markdown');
    let again: typeof findings = [];
    assert.equal(countParses(() => (again = checkParsed(memo))), 0);
    assert.deepEqual(again, findings);
  });
});
