import * as assert from 'node:assert/strict';
import { catalogues, checkMemo, compileCustomSchema, Locale, MessageId, t, tn } from '../../../server/src/engine';
import type { MessageParams } from '../../../server/src/engine/messages';

/** The YAML mistakes writers make most, and what they must be told: in their words, in their language. */
const MISTAKES: [string, string, MessageId, MessageParams?][] = [
  ['a key written twice', 'lang: fr\nlang: en\n', 'yaml.duplicateKey', { key: 'lang' }],
  ['a tab as indentation', 'ministry:\n\ten: Ministère\n', 'yaml.tabIndent', { spaces: 2, line: 1 }],
  ['a colon and a space inside a value', 'subject: Objet: la suite\n', 'yaml.colonInValue'],
  ['a key without its colon', 'lang fr\ndate: 2021-06-11\n', 'yaml.missingColon', { key: 'lang' }],
  ['a value indented too far', 'ministry:\n  en: Ministry\n   fr: Ministère\n', 'yaml.indentAlign', { key: 'fr', other: 'en', line: 2, spaces: 2 }],
  ['a value starting with @', 'to:\n  - @ministre\n', 'yaml.reservedStart'],
  ['a [ never closed', 'to: [a, b\ndate: 2021-06-11\n', 'yaml.unclosedBracket', { bracket: '[', closer: ']' }],
  ['a quote never closed', 'subject: "Planification du financement\ndate: 2021-06-11\n', 'yaml.unclosedQuote', { quote: '"' }],
  ['no space after a colon', 'lang: fr\ndate:2021-06-11\n', 'yaml.spaceAfterColon', { key: 'date' }],
  ['a list item without its space', 'to:\n  -Directeurs\n', 'yaml.dashSpace'],
];

const yamlMessages = (text: string, locale: Locale) =>
  checkMemo(text, 'yaml', { locale }).findings.filter((f) => f.rule === 'yaml-syntax').map((f) => f.message);

describe('YAML mistakes, said to the writer', () => {
  for (const [name, text, id, params] of MISTAKES) {
    it(`${name}: once, in English and in French, without the parser's English`, () => {
      assert.deepEqual(yamlMessages(text, 'en'), [t('en', id, params)]);
      assert.deepEqual(yamlMessages(text, 'fr'), [t('fr', id, params)]);
    });
  }

  it('says a rarer error in words of ours too, not the parser\'s', () => {
    const [message] = yamlMessages('to: - a\n', 'fr');
    assert.ok(!/YAML error|Erreur YAML/.test(message), message);
    assert.ok(Object.values(catalogues.fr).includes(message), message);
  });
});

describe('a custom schema\'s limits, said to the writer', () => {
  const schema = compileCustomSchema({
    type: 'object',
    properties: {
      subject: { type: 'string', minLength: 20 },
      cc: { type: 'array', maxItems: 1 },
      reference: { type: 'string', pattern: '^[0-9]{4}: [A-Z][0-9]{2}$' },
      copies: { type: 'integer', minimum: 1 },
    },
  });
  const memo = 'subject: Court\ncc:\n  - a\n  - b\nreference: B07\ncopies: 0\n';

  for (const locale of ['en', 'fr'] as const) {
    it(`in ${locale}, without the validator's English`, () => {
      const messages = checkMemo(memo, 'yaml', { locale, schema }).findings.map((f) => f.message);
      assert.deepEqual(messages, [
        tn(locale, 'schema.minLength', 20, { key: 'subject', limit: 20 }),
        tn(locale, 'schema.maxItems', 1, { key: 'cc', limit: 1 }),
        t(locale, 'schema.pattern', { key: 'reference' }),
        t(locale, 'schema.minimum', { key: 'copies', limit: 1 }),
      ]);
      // One item, in the singular: no "item(s)".
      assert.equal(messages[1], locale === 'en' ? '"cc" can have at most 1 item.' : '«\u00a0cc\u00a0» peut compter au plus 1 élément.');
    });
  }
});
