import * as assert from 'node:assert/strict';
import { applyEdits, builtInMemoSchema, checkMemo, completeAt, parseMemo, starterDirectory } from '../../server/src/engine';

describe('completion of ministry and division names from the directory', () => {
  const head = ['---', 'lang: en'];
  const tail = ['to:', '  - Consolidated Municipal Service Managers', 'from:', '  - name: A', '    title: B', 'date: 2026-11-20', 'subject: S', '---', 'Body.'];

  function complete(lines: string[], line: number, character: number) {
    const text = lines.join('\r\n');
    const memo = parseMemo(text, 'markdown');
    const offset = memo.lines.offsetAt({ line, character });
    return { text, memo, suggestions: completeAt(memo, offset, builtInMemoSchema().source, 'en', starterDirectory) };
  }

  it('after `ministry:` offers every ministry and writes both languages at once', () => {
    const lines = [...head, 'ministry: ', ...tail];
    const { text, memo, suggestions } = complete(lines, 2, 10);
    assert.deepEqual(suggestions.map((s) => s.label), starterDirectory.ministries.map((m) => m.en));
    const pick = suggestions[0];
    const [start, end] = pick.replace as [number, number];
    const fixed = applyEdits(text, [{ range: memo.lines.range(start, end), newText: pick.insertText }]);
    assert.ok(fixed.includes("ministry:\r\n  en: Ministry of Children, Community and Social Services\r\n  fr: Ministère des Services à l'enfance et des Services sociaux et communautaires\r\nto:"));
    assert.deepEqual(checkMemo(fixed, 'markdown').findings, []);
  });

  it('offers divisions after `divisions:` and on a new list item, in the writer\'s language', () => {
    const ministry = ['ministry:', '  en: Ministry of Children, Community and Social Services', "  fr: Ministère des Services à l'enfance et des Services sociaux et communautaires"];
    const after = complete([...head, ...ministry, 'divisions:', ...tail], 5, 10);
    assert.deepEqual(after.suggestions.map((s) => s.label), starterDirectory.divisions.map((d) => d.en));
    const lines = [...head, ...ministry, 'divisions:', '  - en: Social Assistance Operations Division', "    fr: Division des opérations relatives à l'aide sociale", '  - ', ...tail];
    const { text, memo, suggestions } = complete(lines, 8, 4);
    const division = suggestions.find((s) => s.label === 'Employment and Training Division');
    assert.ok(division);
    const fixed = applyEdits(text, [{ range: memo.lines.range(memo.lines.offsetAt({ line: 8, character: 4 }), memo.lines.offsetAt({ line: 8, character: 4 })), newText: division.insertText }]);
    assert.ok(fixed.includes("  - en: Employment and Training Division\r\n    fr: Division de l'emploi et de la formation\r\n"));
    assert.deepEqual(checkMemo(fixed, 'markdown').findings, []);
    const fr = completeAt(memo, memo.lines.offsetAt({ line: 8, character: 4 }), builtInMemoSchema().source, 'fr', starterDirectory);
    assert.ok(fr.some((s) => s.label === "Division de l'emploi et de la formation"));
  });
});
