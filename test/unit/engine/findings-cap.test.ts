import * as assert from 'node:assert/strict';
import { checkMemo, fixMemo, tn } from '../../../server/src/engine';
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
});
