import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { checkMemo, memoKindOf } from '../../../server/src/engine';
import { BROKEN_MEMOS } from '../../support/broken-memos';
import { fixtureOptions, fixtures, memoFilesUnder, root } from '../../support/fixtures';

/** The findings said more than once: same rule, same range, same message. */
function repeats(text: string, file: string, locale: 'en' | 'fr'): string[] {
  const { findings } = checkMemo(text, memoKindOf(file) ?? 'markdown', fixtureOptions(file, { locale }));
  const seen = new Set<string>();
  const twice: string[] = [];
  for (const f of findings) {
    const key = `${f.rule} ${f.range.start.line + 1}:${f.range.start.character + 1}-${f.range.end.line + 1}:${f.range.end.character + 1} ${f.message}`;
    if (seen.has(key)) twice.push(key);
    seen.add(key);
  }
  return twice;
}

// One mistake, one finding: no rule reports the same thing twice at the same place (a schema if/then
// once gave "subject has no French text" twice).
describe('no finding repeats', () => {
  const files = [...memoFilesUnder(fixtures), ...memoFilesUnder(path.join(root, 'examples'))];
  it('covers the fixtures and the examples', () => assert.ok(files.length > 20, String(files.length)));
  for (const file of files) {
    it(path.relative(root, file), () => {
      const text = readFileSync(file, 'utf8');
      for (const locale of ['en', 'fr'] as const) assert.deepEqual(repeats(text, file, locale), []);
    });
  }
  for (const memo of BROKEN_MEMOS) {
    it(`broken memo: ${memo.name}`, () => {
      for (const locale of ['en', 'fr'] as const) assert.deepEqual(repeats(memo.text, path.join(fixtures, memo.file), locale), []);
    });
  }
});
