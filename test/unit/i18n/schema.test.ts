import * as assert from 'node:assert/strict';
import { codeWords, readJson } from '../../support/i18n';
import { typographyProblems } from '../../support/typography';

interface Described {
  where: string;
  en?: unknown;
  fr?: unknown;
}

/** Every schema object that carries a description in either language, with where it sits. */
function described(node: unknown, where = '#'): Described[] {
  if (Array.isArray(node)) return node.flatMap((item, i) => described(item, `${where}/${i}`));
  if (typeof node !== 'object' || node === null) return [];
  const object = node as Record<string, unknown>;
  const own = 'description' in object || 'x-description-fr' in object ? [{ where, en: object.description, fr: object['x-description-fr'] }] : [];
  // The two description keywords are the texts themselves; everything else may hold more schema objects.
  return [...own, ...Object.entries(object).flatMap(([key, value]) => (key === 'description' || key === 'x-description-fr' ? [] : described(value, `${where}/${key}`)))];
}

describe('the memo schema in two languages', () => {
  const entries = described(readJson('schemas', 'memo.schema.json'));

  it('describes at least every top-level key', () => {
    const schema = readJson<{ properties: Record<string, unknown> }>('schemas', 'memo.schema.json');
    const top = entries.filter((e) => /^#\/properties\/[^/]+$/.test(e.where)).map((e) => e.where.split('/').pop());
    assert.deepEqual(top.sort(), Object.keys(schema.properties).sort());
  });

  it('has an x-description-fr wherever there is a description, and the reverse', () => {
    const missing = entries.filter((e) => typeof e.en !== 'string' || typeof e.fr !== 'string').map((e) => e.where);
    assert.deepEqual(missing, []);
  });

  it('has French descriptions that are not the English ones', () => {
    assert.deepEqual(entries.filter((e) => e.en === e.fr).map((e) => e.where), []);
  });

  it('writes its French descriptions with Canadian typography', () => {
    const words = codeWords();
    const problems = entries.flatMap((e) => typographyProblems(String(e.fr), { codeWords: words }).map((p) => `${e.where}: ${p}`));
    assert.deepEqual(problems, []);
  });
});
