import * as assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { applyEdits, buildConfig, builtInMemoSchema, checkMemo, completeAt, parseMemo, starterDirectory } from '../../server/src/engine';

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

  /** A suggestion applied as the editor applies it: its replace range and its other edits. */
  function apply(text: string, memo: ReturnType<typeof parseMemo>, pick: ReturnType<typeof completeAt>[number]): string {
    const [start, end] = pick.replace as [number, number];
    const edits = [{ range: memo.lines.range(start, end), newText: pick.insertText }];
    for (const also of pick.alsoReplace ?? []) edits.push({ range: memo.lines.range(also.start, also.end), newText: also.newText });
    return applyEdits(text, edits);
  }

  it("answers on the template's `en:` / `fr:` values, placeholder selected, and writes both languages", () => {
    // As the French template leaves the ministry and the division, the cursor after the selected placeholder.
    const lines = [
      '---', 'lang: fr', 'ministry:', '  en: Ministry name', '  fr: Nom du ministère', 'divisions:', '  - en: Division name', '    fr: Nom de la division',
      ...tail.slice(0, -2), '---', 'Corps.',
    ];
    const onFr = complete(lines, 4, '  fr: Nom du ministère'.length);
    assert.deepEqual(onFr.suggestions.map((s) => s.label), starterDirectory.ministries.map((m) => m.en));
    const mccss = onFr.suggestions[0];
    // The placeholder filters nothing out: the editor filters on what is typed, which is the placeholder.
    assert.equal(mccss.filterText, 'Nom du ministère');
    const fixed = apply(onFr.text, onFr.memo, mccss);
    assert.ok(fixed.includes("ministry:\r\n  en: Ministry of Children, Community and Social Services\r\n  fr: Ministère des Services à l'enfance et des Services sociaux et communautaires\r\ndivisions:"), fixed);

    const onDivision = complete(lines, 6, '  - en: Division name'.length);
    const division = onDivision.suggestions.find((s) => s.label === 'Employment and Training Division');
    assert.ok(division, onDivision.suggestions.map((s) => s.label).join(', '));
    const fixedDivision = apply(onDivision.text, onDivision.memo, division);
    assert.ok(fixedDivision.includes("divisions:\r\n  - en: Employment and Training Division\r\n    fr: Division de l'emploi et de la formation\r\nto:"), fixedDivision);

    // The French side of the division, in French; both values written, whichever side the cursor is on.
    const fr = completeAt(onDivision.memo, onDivision.memo.lines.offsetAt({ line: 7, character: '    fr: Nom de la division'.length }), builtInMemoSchema().source, 'fr', starterDirectory);
    const frPick = fr.find((s) => s.label === "Division de l'emploi et de la formation");
    assert.ok(frPick);
    assert.equal(apply(onDivision.text, onDivision.memo, frPick), fixedDivision);
  });

  it('fills an empty other-language value, and offers divisions for a sender\'s division', () => {
    const lines = ['---', 'lang: en', 'ministry:', '  en: ', '  fr:', 'to:', '  - Everyone', 'from:', '  - name: Pat Doe', '    title: Director', '    division: ', 'date: 2026-11-20', 'subject: S', '---', 'Body.'];
    const onEn = complete(lines, 3, 6);
    assert.equal(onEn.suggestions[0].filterText, undefined, 'nothing typed: the editor filters on the name as usual');
    const fixed = apply(onEn.text, onEn.memo, onEn.suggestions[0]);
    assert.ok(fixed.includes("  en: Ministry of Children, Community and Social Services\r\n  fr: Ministère des Services à l'enfance et des Services sociaux et communautaires\r\nto:"), fixed);

    const sender = complete(lines, 10, 14);
    const pick = sender.suggestions.find((s) => s.label === 'Employment and Training Division');
    assert.ok(pick, sender.suggestions.map((s) => s.label).join(', '));
    const signed = apply(sender.text, sender.memo, pick);
    assert.ok(signed.includes("    division:\r\n      en: Employment and Training Division\r\n      fr: Division de l'emploi et de la formation\r\ndate:"), signed);
    assert.deepEqual(checkMemo(signed, 'markdown').findings.filter((f) => f.rule === 'schema'), []);
  });

  it('shows a name from directory.yaml as text in the documentation: no image, link or HTML reaches the editor', () => {
    const names = [
      '![x](http://evil.example/pixel.png)',
      '<img src="http://evil.example/p.png">',
      '[click](http://evil.example) http://evil.example/bare www.evil.example',
      'Line one\n\n![y](https://evil.example/two.png)',
      '&lt;img src=x&gt; `code` **bold** _it_ # heading | table | \\![z](http://evil.example/z.png)',
    ];
    const yaml = 'ministries:\n' + names.map((n) => `  - en: ${JSON.stringify(n)}\n    fr: ${JSON.stringify(n + ' (fr)')}\n`).join('');
    const config = buildConfig({ directory: { path: '/w/.policy-memo/directory.yaml', text: yaml } });
    assert.deepEqual(config.problems, []);
    const lines = [...head, 'ministry: ', ...tail];
    const memo = parseMemo(lines.join('\n'), 'markdown');
    const suggestions = completeAt(memo, memo.lines.offsetAt({ line: 2, character: 10 }), builtInMemoSchema().source, 'en', config.directory);
    // Rendered as VS Code renders completion documentation: Markdown, with bare addresses made links.
    const md = new MarkdownIt({ html: true, linkify: true });
    for (const name of names) {
      const documentation = suggestions.find((s) => s.label === name)?.documentation;
      assert.ok(documentation, name);
      const html = md.renderInline(documentation);
      assert.doesNotMatch(html, /<(?:img|a|code|strong|em|h1)\b/, html);
      const shown = html.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
      assert.ok(shown.includes(name.replace(/\n+/g, ' ')), `${name} is shown as written: ${shown}`);
    }
  });
});
