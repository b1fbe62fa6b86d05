import * as assert from 'node:assert/strict';
import { applyEdits, checkMemo, Finding, fixMemo, MemoKind, Range } from '../../server/src/engine';

const FRONT = ['---', 'lang: fr', 'ministry:', '  en: Ministry of Health', '  fr: Ministère de la Santé', 'to:', '  - Équipes', 'from:', '  - name: A B', '    title: Directrice', 'date: 2021-06-11', 'subject: Objet', '---'];
const YAML_HEAD = FRONT.slice(1, -1);

const range = (line: number, start: number, end: number, endLine = line): Range => ({ start: { line, character: start }, end: { line: endLine, character: end } });
const only = (findings: Finding[], rule: string) => findings.filter((f) => f.rule === rule);

function check(lines: string[], kind: MemoKind, eol: string) {
  const text = lines.join(eol);
  return { text, findings: checkMemo(text, kind, {}).findings };
}

describe('exact LSP ranges', () => {
  for (const eol of ['\n', '\r\n']) {
    const label = eol === '\n' ? 'LF' : 'CRLF';

    it(`Markdown body: a link after non-BMP text (${label})`, () => {
      const { findings } = check([...FRONT, '😀 Voir [le 𝒢uide](#) ici.'], 'markdown', eol);
      // 😀 and 𝒢 are two UTF-16 units each.
      assert.deepEqual(only(findings, 'placeholder-link').map((f) => f.range), [range(13, 8, 22)]);
    });

    it(`Markdown body: French spacing after a tab and an emoji, fixed in place (${label})`, () => {
      const { text, findings } = check([...FRONT, 'Un\t😀 mot : suite', '> Cité ; fin'], 'markdown', eol);
      const typography = only(findings, 'fr-typography');
      assert.deepEqual(typography.map((f) => f.range), [range(13, 9, 11), range(14, 6, 8)]);
      const fixed = fixMemo(text, 'markdown').text;
      assert.equal(fixed, [...FRONT, 'Un\t😀 mot\u00a0: suite', '> Cité; fin'].join(eol));
    });

    it(`.memo.yaml body: a literal block scalar, positions in the file (${label})`, () => {
      const { findings } = check([...YAML_HEAD, 'body: |', '  Texte\t😀 [lien](TODO)', '', '      code [x](#) indenté', '  Fin : oui'], 'yaml', eol);
      const base = YAML_HEAD.length;
      assert.deepEqual(only(findings, 'placeholder-link').map((f) => f.range), [range(base + 1, 11, 23)]);
      assert.deepEqual(only(findings, 'fr-typography').map((f) => f.range), [range(base + 4, 5, 7)]);
    });

    it(`.memo.yaml body: a folded block with an explicit indentation indicator (${label})`, () => {
      const { findings } = check([...YAML_HEAD, 'body: >2', '    indenté [a](#)', '  Suite ; fin'], 'yaml', eol);
      const base = YAML_HEAD.length;
      assert.deepEqual(only(findings, 'placeholder-link').map((f) => f.range), [range(base + 1, 12, 18)]);
      assert.deepEqual(only(findings, 'fr-typography').map((f) => f.range), [range(base + 2, 7, 9)]);
    });

    it(`YAML fields: quoted and multi-line values map back to the source (${label})`, () => {
      const lines = [...YAML_HEAD.slice(0, -1), 'subject: "\\u00c9t\\u00e9 : \\"ok\\""', 'cc:', '  - Texte sur', '    deux lignes ; oui', "  - 'L''équipe : 𝒢'"];
      const { text, findings } = check(lines, 'yaml', eol);
      const at = YAML_HEAD.length - 1;
      assert.deepEqual(only(findings, 'fr-typography').map((f) => f.range), [range(at, 23, 25), range(at, 26, 32), range(at + 3, 15, 17), range(at + 4, 14, 16)]);
      const fixed = fixMemo(text, 'yaml').text;
      assert.equal(fixed, [...lines.slice(0, -5), 'subject: "\\u00c9t\\u00e9\u00a0: «\u00a0ok\u00a0»"', 'cc:', '  - Texte sur', '    deux lignes; oui', "  - 'L''équipe\u00a0: 𝒢'"].join(eol));
    });
  }

  it('a BOM before the front matter does not shift the body', () => {
    const text = '\ufeff' + [...FRONT, 'Voir [x](#).'].join('\n');
    assert.deepEqual(only(checkMemo(text, 'markdown').findings, 'placeholder-link').map((f) => f.range), [range(13, 5, 11)]);
  });

  it('the remove-link fix keeps the link text byte for byte, escapes included', () => {
    const text = [...FRONT, 'Voir [la \\(TSE\\) *ici*](#) maintenant.'].join('\r\n');
    const fix = only(checkMemo(text, 'markdown').findings, 'placeholder-link')[0].fixes[0];
    assert.equal(fix.safe, false);
    assert.equal(applyEdits(text, fix.edits), [...FRONT, 'Voir la \\(TSE\\) *ici* maintenant.'].join('\r\n'));
  });
});
