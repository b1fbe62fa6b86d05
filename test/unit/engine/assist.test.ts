import * as assert from 'node:assert/strict';
import { builtInMemoSchema, completeAt, hoverAt, MemoKind, parseMemo } from '../../../server/src/engine';

const FRONT = ['lang: en', 'ministry:', '  en: A', '  fr: B', ''];

function rootKeys(kind: MemoKind): string[] {
  const text = kind === 'markdown' ? ['---', ...FRONT, '---', 'Body.'].join('\n') : FRONT.join('\n');
  const memo = parseMemo(text, kind);
  const line = kind === 'markdown' ? 5 : 4;
  return completeAt(memo, memo.lines.offsetAt({ line, character: 0 }), builtInMemoSchema().source, 'en').map((s) => s.label);
}

describe('completion and hover in the front matter', () => {
  it('offers `body` as a key in a .memo.yaml only: a .memo.md has its body after the front matter', () => {
    assert.ok(rootKeys('yaml').includes('body'));
    const markdown = rootKeys('markdown');
    assert.ok(markdown.includes('subject'), markdown.join(', '));
    assert.ok(!markdown.includes('body'), markdown.join(', '));
  });

  it('describes the date as year-month-day with an example, in both languages', () => {
    const text = '---\nlang: en\ndate: 2021-06-11\n---\n';
    const memo = parseMemo(text, 'markdown');
    const at = text.indexOf('date');
    assert.match(hoverAt(memo, at, builtInMemoSchema().source, 'en')?.markdown ?? '', /written year-month-day, for example 2021-06-11/);
    assert.match(hoverAt(memo, at, builtInMemoSchema().source, 'fr')?.markdown ?? '', /écrite année-mois-jour, par exemple 2021-06-11/);
    assert.doesNotMatch(hoverAt(memo, at, builtInMemoSchema().source, 'en')?.markdown ?? '', /ISO 8601/);
  });
});
