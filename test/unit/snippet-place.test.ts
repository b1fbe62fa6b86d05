import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { descriptionIn, fits, Place, placeAt, SNIPPET_WHERE, SnippetWhere, snippetPreview } from '../../client/src/snippetPlace';
import { ROOT } from '../support/memo';

type Kind = 'markdown' | 'yaml';

/** The place of the cursor written `‸` in `text` (LF or CRLF: the editor gives lines without their ends). */
function place(text: string, kind: Kind): Place {
  const lines = text.split(/\r?\n/);
  const line = lines.findIndex((l) => l.includes('‸'));
  assert.ok(line >= 0, 'no cursor ‸ in the text');
  const character = lines[line].indexOf('‸');
  lines[line] = lines[line].replace('‸', '');
  return placeAt({ count: lines.length, at: (i) => lines[i] }, kind, line, character);
}

interface Entry {
  policyMemo: { prefix: string | string[]; where: SnippetWhere };
  body: string[];
}

const FILES: Record<Kind, string[]> = { markdown: ['memo-markdown.json', 'memo-parts.json'], yaml: ['memo-yaml.json', 'memo-parts.json'] };

/** The prefixes completion offers at the cursor, as the client's provider chooses them. */
function offered(text: string, kind: Kind): string[] {
  const at = place(text, kind);
  return FILES[kind]
    .flatMap((file) => Object.values(JSON.parse(readFileSync(path.join(ROOT, 'snippets', file), 'utf8')) as Record<string, Entry>))
    .filter((s) => fits(s.policyMemo.where, at))
    .flatMap((s) => [s.policyMemo.prefix].flat());
}

const WHOLE = ['memo_en', 'memo', 'memo_fr', 'memo', 'memo_en_fr', 'memo'];
const TOP_KEYS = ['memo_lang', 'memo_cc', 'memo_attachment', 'memo_contact'];
const CLOSINGS = ['memo_closing_en', 'memo_closing_fr'];

describe('where the cursor is, for snippets', () => {
  describe('inside a front-matter value: no snippet', () => {
    const values: [string, string, Kind][] = [
      ['after key:', '---\nlang: en\nsubject: Budget mem‸\n---\nBody.\n', 'markdown'],
      ['right after key: and its space', '---\nsubject: ‸\n---\n', 'markdown'],
      ['a French subject with a colon and accents', '---\nsubject: Budget 2021-2022 : répartition des fonds mémo‸\n---\n', 'markdown'],
      ['CRLF', '---\r\nlang: fr\r\nsubject: Répartition memo‸\r\n---\r\nCorps.\r\n', 'markdown'],
      ['a quoted value going on below', '---\nsubject: "Budget\n  memo‸\n---\n', 'markdown'],
      ['a list in brackets going on below', '---\ncc: [Directors,\n  memo‸\n---\n', 'markdown'],
      ['a plain value going on below', '---\nsubject: A long subject\n  memo‸\n---\n', 'markdown'],
      ['a list item', 'to:\n  - memo‸\n', 'yaml'],
      ['a name in a sender', 'from:\n  - name: memo‸\n', 'yaml'],
      ['a folded value (not the body)', 'subject: >\n  memo‸\n', 'yaml'],
      ['.memo.yaml after key:', 'lang: en\nsubject: memo‸\n', 'yaml'],
    ];
    for (const [what, text, kind] of values) {
      it(what, () => {
        assert.deepEqual(place(text, kind), { kind: 'value' });
        assert.deepEqual(offered(text, kind), []);
      });
    }
  });

  it('in a comment or on a --- line: nothing', () => {
    assert.deepEqual(place('---\nlang: en # memo‸\n---\n', 'markdown'), { kind: 'none' });
    assert.deepEqual(place('---\n---‸\nBody.\n', 'markdown'), { kind: 'none' });
    assert.deepEqual(place('---‸\nlang: en\n---\n', 'markdown'), { kind: 'none' });
    assert.deepEqual(offered('---\nlang: en # memo‸\n---\n', 'markdown'), []);
  });

  it('at a key: the top-level keys at the left margin, the list items under their own key', () => {
    assert.deepEqual(place('---\nlang: en\nmemo‸\n---\nBody.\n', 'markdown'), { kind: 'key', indent: 0, owner: 'lang', childIndent: undefined });
    assert.deepEqual(offered('---\nlang: en\nmemo‸\n---\nBody.\n', 'markdown'), TOP_KEYS);
    assert.deepEqual(offered('lang: en\nmem‸\nsubject: x\n', 'yaml'), TOP_KEYS);
    assert.deepEqual(place('to:\n  - A\n  memo‸\n', 'yaml'), { kind: 'key', indent: 2, owner: 'to', childIndent: 2 });
    assert.deepEqual(offered('to:\n  - A\n  memo‸\n', 'yaml'), ['memo_recipient', 'memo_recipient_en_fr']);
    assert.deepEqual(offered('---\nfrom:\n  - name: A\n    title: B\n  memo‸\n---\n', 'markdown'), ['memo_signatory']);
    assert.deepEqual(offered('divisions:\n  ‸\n', 'yaml'), ['memo_division']);
    // Right under `to:`, with nothing below it yet: a top-level key or a first recipient.
    assert.deepEqual(offered('to:\nmemo‸\n', 'yaml').sort(), [...TOP_KEYS, 'memo_recipient', 'memo_recipient_en_fr'].sort());
    // Inside a sender, a sender does not fit.
    assert.deepEqual(offered('from:\n  - name: A\n    memo‸\n', 'yaml'), []);
    assert.deepEqual(offered('from:\n  - name: A\n    title: B\nbody: |\n  Text.\nmemo‸\n', 'yaml'), TOP_KEYS);
  });

  it('in the body: the closing formulas', () => {
    assert.deepEqual(place('---\nlang: en\n---\nBody.\n\nmemo‸\n', 'markdown'), { kind: 'body' });
    assert.deepEqual(offered('---\nlang: en\n---\nBody.\n\nmemo‸\n', 'markdown'), CLOSINGS);
    assert.deepEqual(offered('---\r\nlang: fr\r\n---\r\nCorps de la note, été.\r\nmemo‸\r\n', 'markdown'), CLOSINGS);
    assert.deepEqual(offered('A memo without front matter.\nmemo‸\n', 'markdown'), CLOSINGS);
    assert.deepEqual(place('lang: en\nbody: |\n  Thank you.\n\n  memo‸\n', 'yaml'), { kind: 'body' });
    assert.deepEqual(offered('lang: en\nbody: |\n  Thank you. memo‸\n', 'yaml'), CLOSINGS);
    assert.deepEqual(offered('lang: en\nbody: |-\n  Merci.\n  memo‸\nsubject: x\n', 'yaml'), CLOSINGS);
  });

  it('in an empty file: the whole memos', () => {
    for (const kind of ['markdown', 'yaml'] as const) {
      for (const text of ['‸', 'memo‸', '\n\n  memo_f‸\n\n']) {
        assert.deepEqual(place(text, kind), { kind: 'empty' });
        assert.deepEqual(offered(text, kind), WHOLE);
      }
    }
    assert.notDeepEqual(place('memo‸\nBody.\n', 'markdown'), { kind: 'empty' });
  });

  it('every snippet says where it belongs, among the places the provider knows', () => {
    const wheres = new Set(FILES.markdown.concat(FILES.yaml).flatMap((file) =>
      Object.values(JSON.parse(readFileSync(path.join(ROOT, 'snippets', file), 'utf8')) as Record<string, Entry>).map((s) => s.policyMemo.where)));
    for (const where of wheres) assert.ok(SNIPPET_WHERE.includes(where), where);
  });

  it('previews what each snippet inserts, its fields filled with their placeholders', () => {
    for (const file of new Set(FILES.markdown.concat(FILES.yaml))) {
      for (const s of Object.values(JSON.parse(readFileSync(path.join(ROOT, 'snippets', file), 'utf8')) as Record<string, Entry>)) {
        assert.doesNotMatch(snippetPreview(s.body.join('\n'), '2026-03-05'), /\$|\\/, s.body.join('\n'));
      }
    }
    assert.equal(snippetPreview('lang: ${1|en,fr,[en\\, fr],[fr\\, en]|}', '2026-03-05'), 'lang: en');
    assert.equal(snippetPreview('lang: ${1|[en\\, fr],[fr\\, en]|}\ndate: ${2:$CURRENT_YEAR-$CURRENT_MONTH-$CURRENT_DATE}$0', '2026-03-05'), 'lang: [en, fr]\ndate: 2026-03-05');
    assert.equal(snippetPreview('- name: ${1:Full name / Prénom Nom}\n  title: ${2:Title / Titre}', ''), '- name: Full name / Prénom Nom\n  title: Title / Titre');
  });

  it('describes a snippet in the writer\'s language', () => {
    assert.equal(descriptionIn('Copies (c.c.) / Copies conformes (c. c.)', 'fr'), 'Copies conformes (c. c.)');
    assert.equal(descriptionIn('Copies (c.c.) / Copies conformes (c. c.)', 'en'), 'Copies (c.c.)');
  });
});
