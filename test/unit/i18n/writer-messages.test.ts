import * as assert from 'node:assert/strict';
import { checkMemo, compileCustomSchema, Locale, MessageId, t } from '../../../server/src/engine';

/** The YAML mistakes writers make most, and what they must be told: in their words, in their language. */
const MISTAKES: [string, string, MessageId][] = [
  ['a key written twice', 'lang: fr\nlang: en\n', 'yaml.duplicateKey'],
  ['a tab as indentation', 'ministry:\n\ten: Ministère\n', 'yaml.tabIndent'],
  ['a colon and a space inside a value', 'subject: Objet: la suite\n', 'yaml.notKeyValue'],
  ['a key without its colon', 'lang fr\ndate: 2021-06-11\n', 'yaml.notKeyValue'],
  ['a value indented too far', 'ministry:\n  en: Ministry\n   fr: Ministère\n', 'yaml.notKeyValue'],
  ['a value starting with @', 'to:\n  - @ministre\n', 'yaml.reservedStart'],
  ['a [ never closed', 'to: [a, b\ndate: 2021-06-11\n', 'yaml.badIndent'],
];

const yamlMessages = (text: string, locale: Locale) =>
  checkMemo(text, 'yaml', { locale }).findings.filter((f) => f.rule === 'yaml-syntax').map((f) => f.message);

describe('YAML mistakes, said to the writer', () => {
  for (const [name, text, id] of MISTAKES) {
    it(`${name}: once, in English and in French, without the parser's English`, () => {
      assert.deepEqual(yamlMessages(text, 'en'), [t('en', id)]);
      assert.deepEqual(yamlMessages(text, 'fr'), [t('fr', id)]);
    });
  }

  it('keeps the parser\'s own text for rarer errors, after "YAML error:"', () => {
    const [message] = yamlMessages('to: - a\n', 'fr');
    assert.ok(message.startsWith('Erreur YAML\u00a0: '), message);
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
        t(locale, 'schema.minLength', { key: 'subject', limit: 20 }),
        t(locale, 'schema.maxItems', { key: 'cc', limit: 1 }),
        t(locale, 'schema.pattern', { key: 'reference' }),
        t(locale, 'schema.minimum', { key: 'copies', limit: 1 }),
      ]);
    });
  }
});
