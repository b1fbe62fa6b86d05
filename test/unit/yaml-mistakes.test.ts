import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { applyEdits, catalogues, checkMemo, fixMemo, MemoKind, parseMemo, t } from '../../server/src/engine';
import type { MessageId, MessageParams } from '../../server/src/engine/messages';
import { YAML_ERROR_MESSAGES } from '../../server/src/engine/rules/yaml-syntax';
import { assertOnlyEditsChanged } from '../support/roundtrip';
import { root } from '../support/fixtures';

/** One mistake a writer makes, in YAML lines; `line` is the 1-based line (in those lines) the finding must start on. */
interface Mistake {
  name: string;
  yaml: string[];
  line: number;
  message: MessageId;
  params?: MessageParams;
  /** The fix's text of the mistaken lines, when a fix is expected. */
  fixed?: string[];
  safe?: boolean;
  severity?: 'error' | 'warning';
}

const MISTAKES: Mistake[] = [
  {
    name: 'an unclosed double quote',
    yaml: ['lang: fr', 'subject: "Planification du financement à l\'été', 'date: 2021-06-11', 'to:', '  - Directrices et directeurs'],
    line: 2, message: 'yaml.unclosedQuote', params: { quote: '"' },
    fixed: ['lang: fr', 'subject: "Planification du financement à l\'été"', 'date: 2021-06-11', 'to:', '  - Directrices et directeurs'], safe: true,
  },
  {
    name: 'an unclosed single quote in a list',
    yaml: ['lang: fr', 'to:', "  - 'Directrices générales", '  - Gestionnaires', 'date: 2021-06-11'],
    line: 3, message: 'yaml.unclosedQuote', params: { quote: "'" },
    fixed: ['lang: fr', 'to:', "  - 'Directrices générales'", '  - Gestionnaires', 'date: 2021-06-11'], safe: true,
  },
  {
    name: 'an unclosed quote on a value meant to span lines',
    yaml: ['lang: fr', 'subject: "Planification du financement', '  des services d\'emploi à l\'été', 'date: 2021-06-11'],
    line: 2, message: 'yaml.unclosedQuote', params: { quote: '"' },
    fixed: ['lang: fr', 'subject: "Planification du financement', '  des services d\'emploi à l\'été"', 'date: 2021-06-11'], safe: false,
  },
  {
    name: 'a French colon in a subject',
    yaml: ['lang: fr', 'subject: Budget 2021-2022 : répartition des fonds', 'date: 2021-06-11'],
    line: 2, message: 'yaml.colonInValue',
    fixed: ['lang: fr', 'subject: "Budget 2021-2022 : répartition des fonds"', 'date: 2021-06-11'], safe: true,
  },
  {
    name: 'a colon in a sender\'s title, with a quote to escape',
    yaml: ['from:', '  - name: Amélie Côté', '    title: Directrice: le "Bureau" des écoles', 'date: 2021-06-11'],
    line: 3, message: 'yaml.colonInValue',
    fixed: ['from:', '  - name: Amélie Côté', '    title: "Directrice: le \\"Bureau\\" des écoles"', 'date: 2021-06-11'], safe: true,
  },
  {
    name: 'a # that cuts a subject',
    yaml: ['lang: fr', 'subject: Priorité #1 de l\'été', 'date: 2021-06-11'],
    line: 2, message: 'yaml.hashInValue', severity: 'warning',
    fixed: ['lang: fr', 'subject: "Priorité #1 de l\'été"', 'date: 2021-06-11'], safe: false,
  },
  {
    name: 'a # that cuts a recipient',
    yaml: ['lang: fr', 'to:', '  - Bureau #3 de l\'Outaouais', 'date: 2021-06-11'],
    line: 3, message: 'yaml.hashInValue', severity: 'warning',
    fixed: ['lang: fr', 'to:', '  - "Bureau #3 de l\'Outaouais"', 'date: 2021-06-11'], safe: false,
  },
  {
    name: 'a second sender\'s title two spaces short',
    yaml: ['from:', '  - name: Amélie Côté', '    title: Directrice', '  - name: Élise Roy', '  title: Sous-ministre', 'date: 2021-06-11'],
    line: 5, message: 'yaml.indentAlign', params: { key: 'title', other: 'name', line: 4, spaces: 4 },
    fixed: ['from:', '  - name: Amélie Côté', '    title: Directrice', '  - name: Élise Roy', '    title: Sous-ministre', 'date: 2021-06-11'],
  },
  {
    name: 'a key indented too far',
    yaml: ['ministry:', '  en: Ministry of Education', '     fr: Ministère de l\'Éducation', 'date: 2021-06-11'],
    line: 3, message: 'yaml.indentAlign', params: { key: 'fr', other: 'en', line: 2, spaces: 2 },
    fixed: ['ministry:', '  en: Ministry of Education', '  fr: Ministère de l\'Éducation', 'date: 2021-06-11'],
  },
  {
    name: 'a tab as indentation',
    yaml: ['ministry:', '\ten: Ministry of Education', '  fr: Ministère de l\'Éducation'],
    line: 2, message: 'yaml.tabIndent', params: { spaces: 2, line: 3 },
    fixed: ['ministry:', '  en: Ministry of Education', '  fr: Ministère de l\'Éducation'],
  },
  {
    name: 'a list item, with its lines, under the wrong key',
    yaml: ['from:', '  - name: Amélie Côté', '    title: Directrice', '    - name: Élise Roy', '      title: Sous-ministre', 'date: 2021-06-11'],
    line: 4, message: 'yaml.itemAlign', params: { line: 2, spaces: 2 },
    fixed: ['from:', '  - name: Amélie Côté', '    title: Directrice', '  - name: Élise Roy', '    title: Sous-ministre', 'date: 2021-06-11'],
  },
  {
    name: 'a key written twice, the later one empty',
    yaml: ['lang: fr', 'subject: Objet de l\'été', 'lang:', 'date: 2021-06-11'],
    line: 3, message: 'yaml.duplicateKey', params: { key: 'lang' },
    fixed: ['lang: fr', 'subject: Objet de l\'été', 'date: 2021-06-11'],
  },
  {
    name: 'an unclosed [',
    yaml: ['lang: fr', 'to: [Directrices, Gestionnaires à l\'été', 'date: 2021-06-11'],
    line: 2, message: 'yaml.unclosedBracket', params: { bracket: '[', closer: ']' },
    fixed: ['lang: fr', 'to: [Directrices, Gestionnaires à l\'été]', 'date: 2021-06-11'],
  },
  {
    name: 'an unclosed {',
    yaml: ['lang: [en, fr]', 'subject: {en: Summer planning, fr: Planification de l\'été', 'date: 2021-06-11'],
    line: 2, message: 'yaml.unclosedBracket', params: { bracket: '{', closer: '}' },
    fixed: ['lang: [en, fr]', 'subject: {en: Summer planning, fr: Planification de l\'été}', 'date: 2021-06-11'],
  },
  {
    name: 'no space after a colon',
    yaml: ['subject: Objet de l\'été', 'date:2021-06-11'],
    line: 2, message: 'yaml.spaceAfterColon', params: { key: 'date' },
    fixed: ['subject: Objet de l\'été', 'date: 2021-06-11'], safe: true,
  },
  {
    name: 'no colon after a key',
    yaml: ['lang fr', 'subject: Objet de l\'été'],
    line: 1, message: 'yaml.missingColon', params: { key: 'lang' },
    fixed: ['lang: fr', 'subject: Objet de l\'été'],
  },
  {
    name: 'a list item with no space after its dash',
    yaml: ['subject: Objet de l\'été', 'to:', '  -Directrices générales', '  -Gestionnaires'],
    line: 3, message: 'yaml.dashSpace',
    fixed: ['subject: Objet de l\'été', 'to:', '  - Directrices générales', '  - Gestionnaires'],
  },
];

const asMarkdown = (yaml: string[], eol: string) => ['---', ...yaml, '---', 'Corps de la note, rédigé à l\'été.', ''].join(eol);
const asYaml = (yaml: string[], eol: string) => [...yaml, ''].join(eol);

const yamlFindings = (text: string, kind: MemoKind, locale: 'en' | 'fr' = 'en') => checkMemo(text, kind, { locale }).findings.filter((f) => f.rule === 'yaml-syntax');

describe('YAML mistakes, at the place they were made, with a fix', () => {
  for (const m of MISTAKES) {
    for (const kind of ['markdown', 'yaml'] as const) {
      for (const eol of ['\n', '\r\n']) {
        it(`${m.name} (.memo.${kind === 'markdown' ? 'md' : 'yaml'}${eol === '\r\n' ? ', CRLF' : ''})`, () => {
          const make = kind === 'markdown' ? asMarkdown : asYaml;
          const text = make(m.yaml, eol);
          const line = m.line - 1 + (kind === 'markdown' ? 1 : 0);
          // A line named in the message is a line of the file: one more in a .memo.md, after its ---.
          const params = m.params && typeof m.params.line === 'number' && kind === 'markdown' ? { ...m.params, line: m.params.line + 1 } : m.params;
          for (const locale of ['en', 'fr'] as const) {
            const found = yamlFindings(text, kind, locale);
            assert.deepEqual(found.map((f) => [f.range.start.line, f.message]), [[line, t(locale, m.message, params)]], found.map((f) => f.message).join('\n'));
            assert.equal(found[0].severity, m.severity ?? 'error');
          }
          const [finding] = yamlFindings(text, kind);
          if (!m.fixed) return;
          assert.equal(finding.fixes.length, 1, 'one fix');
          const fix = finding.fixes[0];
          assert.equal(fix.safe, m.safe ?? false, 'safe or not');
          const after = applyEdits(text, fix.edits);
          assertOnlyEditsChanged(text, after, fix);
          assert.equal(after, make(m.fixed, eol));
          assert.deepEqual(parseMemo(after, kind).doc?.errors.map((e) => e.code), [], 'the memo parses after the fix');
          assert.deepEqual(yamlFindings(after, kind).map((f) => f.message), [], 'no YAML finding is left');
        });
      }
    }
  }

  it('points at the first occurrence of a duplicate key too', () => {
    const text = 'lang: fr\nsubject: Objet\nlang:\n';
    const [finding] = yamlFindings(text, 'yaml');
    assert.deepEqual(finding.related?.map((r) => [r.range.start.line, r.range.start.character, r.message]), [[0, 0, t('en', 'yaml.duplicateFirst', { key: 'lang' })]]);
  });

  it('offers no removal of a later duplicate that holds a value', () => {
    const [finding] = yamlFindings('lang: fr\nsubject: Objet\nlang: en\n', 'yaml');
    assert.equal(finding.message, t('en', 'yaml.duplicateKey', { key: 'lang' }));
    assert.deepEqual(finding.fixes, []);
  });

  it('takes `# ` with a space for the writer\'s own comment, and `#` stuck to a word for text cut off', () => {
    assert.deepEqual(yamlFindings('subject: Objet # à revoir\ndate: 2021-06-11 #TODO\n', 'yaml').map((f) => f.message), [t('en', 'yaml.hashInValue')]);
    assert.deepEqual(yamlFindings('subject: Objet # à revoir\n', 'yaml'), []);
  });
});

describe('a value where a list is expected, and the reverse', () => {
  const cases: [string, string, string, string][] = [
    ['"to" given as one value', 'to: Directrices générales', 'to:\n  - Directrices générales', 'recipients'],
    ['"cc" given as one value', 'cc: Gestionnaires de l\'été', 'cc:\n  - Gestionnaires de l\'été', 'schema'],
    ['"subject" given as a one-item list', 'subject:\n  - Objet de l\'été', 'subject: Objet de l\'été', 'schema'],
  ];
  const memo = (part: string, eol: string) => ['lang: fr', 'ministry: {en: Ministry, fr: Ministère}', 'to:', '  - Directrices', 'from:', '  - name: Amélie Côté', '    title: Directrice', 'date: 2021-06-11', 'subject: Budget', ''].join('\n')
    .replace(part.startsWith('to:') ? /to:\n {2}- Directrices\n/ : part.startsWith('subject') ? /subject: Budget\n/ : /$/, `${part}\n`).replace(/\n/g, eol);
  for (const [name, broken, fixed, rule] of cases) {
    for (const eol of ['\n', '\r\n']) {
      it(`${name}: a fix that changes its shape${eol === '\r\n' ? ' (CRLF)' : ''}`, () => {
        const text = memo(broken, eol);
        const { findings } = checkMemo(text, 'yaml');
        const finding = findings.find((f) => f.rule === rule);
        assert.ok(finding, findings.map((f) => f.message).join('\n'));
        assert.equal(finding.fixes.length, 1);
        const after = applyEdits(text, finding.fixes[0].edits);
        assertOnlyEditsChanged(text, after, finding.fixes[0]);
        assert.equal(after, memo(fixed, eol));
        assert.deepEqual(checkMemo(after, 'yaml').findings.map((f) => f.message), []);
      });
    }
  }
});

describe('fix-all on a French subject with a colon', () => {
  it('quotes the subject, then puts the no-break space before the colon inside the quotes', () => {
    const text = 'lang: fr\nsubject: Budget 2021-2022 : répartition des fonds\ndate: 2021-06-11\n';
    assert.equal(fixMemo(text, 'yaml').text, 'lang: fr\nsubject: "Budget 2021-2022\u00a0: répartition des fonds"\ndate: 2021-06-11\n');
  });
});

describe('front matter never closed', () => {
  for (const eol of ['\n', '\r\n']) {
    it(`is shown on the opening --- with a fix that closes it after the last key${eol === '\r\n' ? ' (CRLF)' : ''}`, () => {
      const text = ['---', 'lang: fr', 'subject: Objet de l\'été', 'to:', '  - Directrices', '', 'Le corps de la note commence ici.', 'Il continue : ici.', ''].join(eol);
      const { findings } = checkMemo(text, 'markdown', { locale: 'fr' });
      assert.deepEqual(findings.filter((f) => f.rule === 'front-matter' || f.rule === 'yaml-syntax').map((f) => [f.rule, f.range.start.line, f.message]), [['front-matter', 0, t('fr', 'frontMatter.unterminated')]]);
      const fix = findings.find((f) => f.rule === 'front-matter')?.fixes[0];
      assert.ok(fix);
      const after = applyEdits(text, fix.edits);
      assertOnlyEditsChanged(text, after, fix);
      assert.equal(after, ['---', 'lang: fr', 'subject: Objet de l\'été', 'to:', '  - Directrices', '---', '', 'Le corps de la note commence ici.', 'Il continue : ici.', ''].join(eol));
      assert.deepEqual(checkMemo(after, 'markdown').findings.filter((f) => f.rule === 'front-matter' || f.rule === 'yaml-syntax'), []);
    });
  }
});

describe('the editor settings memos need', () => {
  it('a .memo.yaml does not box the no-break spaces French typography puts in it', () => {
    const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { contributes: { configurationDefaults?: Record<string, Record<string, unknown>> } };
    assert.deepEqual(manifest.contributes.configurationDefaults?.['[yaml]']?.['editor.unicodeHighlight.allowedCharacters'], { '\u00a0': true, '\u202f': true });
  });
});

describe('every error code of the yaml package', () => {
  const declared = readFileSync(path.join(root, 'node_modules', 'yaml', 'dist', 'errors.d.ts'), 'utf8');
  const codes = [...(/export type ErrorCode = ([^;]+);/.exec(declared)?.[1] ?? '').matchAll(/'([A-Z0-9_]+)'/g)].map((m) => m[1]);

  it('are read from the package', () => assert.ok(codes.length >= 20, `only ${codes.length} codes`));

  it('has a message of ours in both languages', () => {
    const messages = YAML_ERROR_MESSAGES as Record<string, MessageId | undefined>;
    const missing = codes.filter((code) => {
      const id = messages[code];
      return !id || !catalogues.en[id] || !catalogues.fr[id] || catalogues.en[id] === catalogues.fr[id];
    });
    assert.deepEqual(missing, []);
  });
});
