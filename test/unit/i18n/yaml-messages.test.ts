import * as assert from 'node:assert/strict';
import { checkMemo, Locale, MessageId, t } from '../../../server/src/engine';

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
