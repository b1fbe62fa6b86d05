import * as assert from 'node:assert/strict';
import { fixMemo, MemoKind } from '../../../server/src/engine';
import { assertFixRoundTrip, brief, check, rangeOf, REFERENCE, referenceAsYaml, replaceOnce } from '../../support/memo';

/** An expected finding: its rule, severity, and the text it covers (the nth occurrence of `at`). */
interface Expect {
  rule: string;
  at: string;
  nth?: number;
  /** Only the first `length` characters of `at`. */
  length?: number;
  severity?: 'error' | 'warning';
}

interface Variant {
  name: string;
  make(reference: string): string;
  expect: Expect[];
  /** The fix titles offered for the first expected finding, in order. */
  fixes?: string[];
  /** What `--fix` (all safe fixes) turns the variant into: the reference itself, unless said otherwise. */
  safeFixGives?: 'reference' | 'unchanged';
  /** Rules a fix of the first finding may also clear. */
  alsoClears?: string[];
}

const cut = (from: string) => (text: string) => replaceOnce(text, from, '');

const variants: Variant[] = [
  { name: 'English date', make: (t) => replaceOnce(t, 'date: 2021-06-11', 'date: June 11, 2021'), expect: [{ rule: 'date-format', at: 'June 11, 2021' }], fixes: ['Write the date as 2021-06-11'], safeFixGives: 'reference' },
  { name: 'French date with article', make: (t) => replaceOnce(t, 'date: 2021-06-11', 'date: Le 11 juin 2021'), expect: [{ rule: 'date-format', at: 'Le 11 juin 2021' }], fixes: ['Write the date as 2021-06-11'], safeFixGives: 'reference' },
  { name: 'day month year', make: (t) => replaceOnce(t, 'date: 2021-06-11', 'date: 11 June 2021'), expect: [{ rule: 'date-format', at: '11 June 2021' }], safeFixGives: 'reference' },
  { name: 'French date without article', make: (t) => replaceOnce(t, 'date: 2021-06-11', 'date: 11 juin 2021'), expect: [{ rule: 'date-format', at: '11 juin 2021' }], safeFixGives: 'reference' },
  { name: 'slashed ISO date', make: (t) => replaceOnce(t, 'date: 2021-06-11', 'date: 2021/06/11'), expect: [{ rule: 'date-format', at: '2021/06/11' }], safeFixGives: 'reference' },
  { name: 'quoted English date', make: (t) => replaceOnce(t, 'date: 2021-06-11', 'date: "June 11, 2021"'), expect: [{ rule: 'date-format', at: '"June 11, 2021"' }], safeFixGives: 'reference' },
  { name: 'ambiguous numeric date', make: (t) => replaceOnce(t, 'date: 2021-06-11', 'date: 11/06/2021'), expect: [{ rule: 'date-format', at: '11/06/2021' }], fixes: ['Write the date as 2021-06-11 (reading it as day/month)', 'Write the date as 2021-11-06 (reading it as month/day)'], safeFixGives: 'unchanged' },
  { name: 'a day that does not exist', make: (t) => replaceOnce(t, 'date: 2021-06-11', 'date: 2021-02-30'), expect: [{ rule: 'date-format', at: '2021-02-30' }], fixes: ['Write the date as 2021-02-28 (the last day of the month)'], safeFixGives: 'unchanged' },
  { name: 'no date', make: cut('date: 2021-06-11\n'), expect: [{ rule: 'date-format', at: '---' }], fixes: [] },
  { name: 'no recipients', make: cut("to:\n  - Commissaires et directrices générales et directeurs généraux de l'administration\n  - Gestionnaires des services municipaux regroupés et conseils d'administration de district des services sociaux\n"), expect: [{ rule: 'recipients', at: '---' }], fixes: ['Add "to"'] },
  { name: 'empty recipient list', make: (t) => replaceOnce(t, "to:\n  - Commissaires et directrices générales et directeurs généraux de l'administration\n  - Gestionnaires des services municipaux regroupés et conseils d'administration de district des services sociaux\n", 'to: []\n'), expect: [{ rule: 'recipients', at: '[]' }] },
  { name: 'blank recipient', make: (t) => replaceOnce(t, "  - Commissaires et directrices générales et directeurs généraux de l'administration", '  - "  "'), expect: [{ rule: 'recipients', at: '"  "' }] },
  { name: 'no senders', make: (t) => t.replace(/from:\n(?: {2}.*\n| {4}.*\n)+/, ''), expect: [{ rule: 'signatories', at: '---' }], fixes: ['Add "from"'] },
  { name: 'sender without title', make: cut('    title: Sous-ministre adjoint\n'), expect: [{ rule: 'signatories', at: "name: Nelson Loureiro\n    division: Division des politiques, de la planification et de l'innovation en matière d'aide sociale\n    gender: m" }], fixes: ['Add "title"'] },
  { name: 'blank sender name', make: (t) => replaceOnce(t, 'name: Drew Vanderduim', 'name: ""'), expect: [{ rule: 'signatories', at: '""' }] },
  { name: 'no ministry', make: (t) => t.replace(/ministry:\n {2}en: .*\n {2}fr: .*\n/, ''), expect: [{ rule: 'bilingual', at: '---' }], fixes: ['Add "ministry"'] },
  { name: 'ministry without French', make: (t) => t.replace(/ {2}fr: Ministère.*\n/, ''), expect: [{ rule: 'bilingual', at: 'ministry' }, { rule: 'official-name', at: 'ministry', severity: 'warning' }], fixes: ['Add the French text (fr)'] },
  { name: 'blank French division', make: (t) => replaceOnce(t, "fr: Division des opérations relatives à l'aide sociale\n  - en", 'fr: ""\n  - en'), expect: [{ rule: 'bilingual', at: '""' }, { rule: 'official-name', at: '""', severity: 'warning' }] },
  { name: 'two-language memo with a one-language subject', make: (t) => replaceOnce(t, 'lang: fr', 'lang: [fr, en]'), expect: [{ rule: 'bilingual', at: "Transformation des services d'emploi – Mise en œuvre à l'échelle provinciale" }] },
  { name: 'French key for recipients', make: (t) => replaceOnce(t, '\nto:\n', '\ndestinataires:\n'), expect: [{ rule: 'schema', at: 'destinataires' }], safeFixGives: 'reference' },
  { name: 'French key for subject', make: (t) => replaceOnce(t, 'subject: ', 'objet: '), expect: [{ rule: 'schema', at: 'objet' }], safeFixGives: 'reference' },
  { name: 'French key for senders', make: (t) => replaceOnce(t, '\nfrom:\n', '\nexpéditeur:\n'), expect: [{ rule: 'schema', at: 'expéditeur' }], safeFixGives: 'reference' },
  { name: 'French key for attachments', make: (t) => replaceOnce(t, 'attachments:', 'pièces jointes:'), expect: [{ rule: 'schema', at: 'pièces jointes', severity: 'warning' }], fixes: ['Rename "pièces jointes" to "attachments"'], safeFixGives: 'reference' },
  { name: 'French key for copies', make: (t) => replaceOnce(t, 'cc:', 'copies:'), expect: [{ rule: 'schema', at: 'copies', severity: 'warning' }], safeFixGives: 'reference' },
  { name: 'misspelt key', make: (t) => replaceOnce(t, 'attachments:', 'attachements:'), expect: [{ rule: 'schema', at: 'attachements', severity: 'warning' }], safeFixGives: 'reference' },
  { name: 'unknown language', make: (t) => replaceOnce(t, 'lang: fr', 'lang: de'), expect: [{ rule: 'schema', at: 'de' }] },
  { name: 'e-mail without a dotted domain', make: (t) => replaceOnce(t, 'email: Sunny.Sharma@ontario.ca', 'email: Sunny.Sharma@ontario'), expect: [{ rule: 'schema', at: 'Sunny.Sharma@ontario' }] },
  { name: 'copies as text, not a list', make: (t) => t.replace(/cc:\n(?: {2}- .*\n)+/, 'cc: Northern Ontario Service Deliverers Association\n'), expect: [{ rule: 'schema', at: 'Northern Ontario Service Deliverers Association' }] },
  { name: 'unknown signature value', make: (t) => replaceOnce(t, 'lang: fr\n', 'lang: fr\nsignature: maybe\n'), expect: [{ rule: 'schema', at: 'maybe' }] },
  { name: 'YAML syntax error', make: (t) => replaceOnce(t, 'date: 2021-06-11', 'date: [2021-06-11'), expect: [{ rule: 'yaml-syntax', at: '[2021-06-11', length: 1 }] },
  { name: 'no front matter', make: (t) => t.slice(t.indexOf('\n---\n') + 5), expect: [{ rule: 'front-matter', at: 'Le ministère du Travail, de la Formation et du Développement des compétences (MTFDC) [a annoncé la mise en œuvre de la transformation des services d\'emploi \\(TSE\\) dans neuf nouvelles zones de services](https://www.ontario.ca/page/employment-ontario) de la province. Cette expansion sera soigneusement programmée et se fera en plusieurs étapes d\'ici à la fin de 2023.' }] },
  { name: 'front matter that is a list', make: () => '---\n- lang: fr\n---\nBody\n', expect: [{ rule: 'front-matter', at: '- lang: fr' }] },
  { name: 'unclosed front matter', make: () => '---\nlang: fr\n', expect: [{ rule: 'front-matter', at: '---' }] },
];

function expected(text: string, list: Expect[]): string[] {
  return list
    .map((e) => {
      const r = rangeOf(text, e.at, e.nth ?? 0);
      if (e.length !== undefined) r.end = { line: r.start.line, character: r.start.character + e.length };
      return `${e.rule}/${e.severity ?? 'error'} ${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
    })
    .sort();
}

describe('broken variants of the reference memo', () => {
  it('the reference memo itself is clean', () => {
    assert.deepEqual(check(REFERENCE).map(brief), []);
    assert.deepEqual(check(referenceAsYaml(), 'yaml').map(brief), []);
  });

  for (const v of variants) {
    describe(v.name, () => {
      const text = v.make(REFERENCE);

      it('gives exactly the expected diagnostics', () => {
        const found = check(text);
        if (v.name === 'unclosed front matter') {
          // The unclosed front matter is reported; the rest of the file is still checked as YAML.
          assert.ok(found.some((f) => brief(f) === expected(text, v.expect)[0]), found.map(brief).join('\n'));
          return;
        }
        assert.deepEqual(found.map(brief).sort(), expected(text, v.expect));
      });

      if (v.fixes) {
        it('offers the expected fixes', () => {
          const first = v.expect[0];
          const range = rangeOf(text, first.at, first.nth ?? 0);
          const finding = check(text).find((f) => f.rule === first.rule && f.range.start.line === range.start.line && f.range.start.character === range.start.character);
          assert.ok(finding);
          assert.deepEqual(finding.fixes.map((f) => f.title), v.fixes);
        });
      }

      it('every fix changes only its own range and clears its finding', () => {
        for (const finding of check(text)) {
          // Filling a name in from the directory also answers bilingual's "no French text".
          const also = finding.rule === 'official-name' ? ['recipients', 'signatories', 'schema', 'bilingual'] : ['recipients', 'signatories', 'schema'];
          for (const fix of finding.fixes) assertFixRoundTrip(text, 'markdown', finding, fix, {}, also);
        }
      });

      if (v.safeFixGives) {
        it(`--fix gives ${v.safeFixGives === 'reference' ? 'back the reference memo' : 'the text unchanged'}, and a second run changes nothing`, () => {
          const once = fixMemo(text, 'markdown');
          assert.equal(once.text, v.safeFixGives === 'reference' ? REFERENCE : text);
          assert.equal(fixMemo(once.text, 'markdown').text, once.text);
        });
      }
    });
  }
});

describe('the same checks on a .memo.yaml memo', () => {
  const yaml = referenceAsYaml();
  const cases: [string, (t: string) => string, Expect[]][] = [
    ['English date', (t) => replaceOnce(t, 'date: 2021-06-11', 'date: June 11, 2021'), [{ rule: 'date-format', at: 'June 11, 2021' }]],
    ['no recipients key', (t) => replaceOnce(t, '\nto:\n', '\ndestinataires:\n'), [{ rule: 'schema', at: 'destinataires' }]],
    ['body that is not text', (t) => t.replace(/body: \|\n[\s\S]*$/, 'body:\n  - a\n'), [{ rule: 'schema', at: '- a' }, { rule: 'acronym', at: 'MSESC', severity: 'warning' }]],
  ];
  for (const [name, make, list] of cases) {
    it(name, () => {
      const text = make(yaml);
      assert.deepEqual(check(text, 'yaml' as MemoKind).map(brief).sort(), expected(text, list));
    });
  }
  it('--fix repairs the date in place', () => {
    const text = replaceOnce(yaml, 'date: 2021-06-11', 'date: June 11, 2021');
    assert.equal(fixMemo(text, 'yaml').text, yaml);
  });
});
