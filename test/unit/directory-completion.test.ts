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
