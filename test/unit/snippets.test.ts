import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { checkMemo, MemoKind } from '../../server/src/engine';
import { ROOT } from '../support/memo';
import { expandSnippet, Fill, TabStop } from '../support/snippets';
import type { SnippetWhere } from '../../client/src/snippetPlace';

interface Snippet {
  /** Ours: VS Code reads no `prefix`, so its completion never offers them (the client's provider does, where they fit). */
  policyMemo: { prefix: string | string[]; where: SnippetWhere };
  description: string;
  body: string[];
}

interface Contribution {
  language: string;
  path: string;
}

const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { contributes: { snippets: Contribution[] } };
const contributions = manifest.contributes.snippets;
const files = [...new Set(contributions.map((c) => c.path))];
const load = (file: string) => JSON.parse(readFileSync(path.join(ROOT, file), 'utf8')) as Record<string, Snippet>;

const VARIABLES = { CURRENT_YEAR: '2026', CURRENT_MONTH: '03', CURRENT_DATE: '05' };

/** The placeholder text, or the first choice: what a writer gets by pressing Tab through the snippet. */
const defaults: Fill = (stop: TabStop) => stop.choices?.[0] ?? stop.placeholder ?? (stop.index === 0 ? '' : `Value ${stop.index}`);

/** Other sample values: every text field replaced by something a writer might type, dates and e-mails kept valid. */
const samples: Fill = (stop: TabStop) => {
  if (stop.index === 0) return '';
  if (stop.choices) return stop.choices[stop.choices.length - 1];
  const placeholder = stop.placeholder ?? '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(placeholder)) return '2021-06-01';
  if (placeholder.includes('@')) return 'marie-eve.cote@ontario.ca';
  return `Échantillon ${stop.index} – l'été`;
};

/** Hosts for the snippets that are parts of a memo: `@@where@@` is replaced by the snippet, indented like the marker. */
const FRONT = `@@lang@@
ministry:
  en: Ministry of Testing
  fr: Ministère des Essais
divisions:
  @@divisions@@
to:
  @@to@@
from:
  @@from@@
date: 2021-06-11
subject:
  en: Winter readiness
  fr: Préparation à l'hiver
@@top@@
`;
const HOST: Record<MemoKind, string> = {
  markdown: `---\n${FRONT}---\nBody.\n\n@@body@@\n`,
  yaml: `${FRONT}body: |\n  Body.\n\n  @@body@@\n`,
};

const HOST_DEFAULTS: Record<string, string> = {
  lang: 'lang: en',
  divisions: '- en: Testing Division\n  fr: Division des essais',
  to: '- Everyone',
  from: '- name: Pat Doe\n  title: Director',
  top: '',
  body: '',
};

/** The host marker where a part snippet goes, by where it says it belongs (a top-level key at the end of the front matter, `lang` in place of the host's). */
function markerOf(snippet: Snippet, text: string): string | undefined {
  const where = snippet.policyMemo.where;
  if (where === 'key') return text.startsWith('lang:') ? 'lang' : 'top';
  return where === 'memo' ? undefined : where;
}

function inHost(kind: MemoKind, place: string, snippet: string): string {
  return HOST[kind].replace(/^( *)@@(\w+)@@$/gm, (_whole, indent: string, marker: string) => {
    const text = marker === place ? snippet : HOST_DEFAULTS[marker];
    return text.split('\n').map((line) => (line === '' ? '' : indent + line)).join('\n');
  });
}

function errorsOf(text: string, kind: MemoKind): string[] {
  return checkMemo(text, kind).findings.filter((f) => f.severity === 'error').map((f) => `${f.rule}: ${f.message} (line ${f.range.start.line + 1})`);
}

function kindOf(file: string): MemoKind | 'part' {
  const languages = contributions.filter((c) => c.path === file).map((c) => c.language);
  if (languages.length > 1) return 'part';
  return languages[0] === 'yaml' ? 'yaml' : 'markdown';
}

const firstPrefix = (s: Snippet) => [s.policyMemo.prefix].flat()[0];

/**
 * What VS Code takes as the word being typed, which it matches against snippet prefixes: Markdown's
 * word pattern (extensions/markdown-basics/language-configuration.json) and, for YAML (whose language
 * configuration has none), the editor's default word definition, which breaks at "-".
 */
const WORD_RULES: Record<string, RegExp> = {
  markdown: /(\p{Alphabetic}|\p{Number}|\p{Nonspacing_Mark})(((\p{Alphabetic}|\p{Number}|\p{Nonspacing_Mark})|[_])?(\p{Alphabetic}|\p{Number}|\p{Nonspacing_Mark}))*/gu,
  yaml: /(-?\d*\.\d\w*)|([^`~!@#$%^&*()\-=+[{\]}\\|;:'",.<>/?\s]+)/g,
};

/** The closing formulas the closing snippets offer: real text a template may rightly leave as it is. */
const CLOSINGS = new Set(
  Object.values(load('./snippets/memo-parts.json'))
    .filter((s) => firstPrefix(s).startsWith('memo_closing'))
    .flatMap((s) => s.body.join('').match(/\|(.*)\|/)?.[1].split(/(?<!\\),/).map((c) => c.replace(/\\,/g, ',')) ?? []),
);

/** The tab stops a writer must fill: text placeholders other than today's date and a closing formula. */
function unfilledFields(snippet: Snippet): string[] {
  const fields: string[] = [];
  expandSnippet(snippet.body.join('\n'), VARIABLES, (stop) => {
    const value = defaults(stop);
    if (!stop.choices && stop.placeholder !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(value) && !CLOSINGS.has(value)) fields.push(value);
    return value;
  });
  return fields;
}

describe('snippets', () => {
  it('have prefixes that are one word by the word rules of Markdown and of YAML', () => {
    for (const file of files) {
      for (const snippet of Object.values(load(file))) {
        for (const prefix of [snippet.policyMemo.prefix].flat()) {
          for (const [language, rule] of Object.entries(WORD_RULES)) {
            assert.deepEqual(prefix.match(rule), [prefix], `${prefix} is cut into words in ${language}`);
          }
        }
      }
    }
  });

  it('are contributed for markdown and yaml from snippets/', () => {
    assert.deepEqual([...new Set(contributions.map((c) => c.language))].sort(), ['markdown', 'yaml']);
    assert.ok(files.length >= 3 && files.every((f) => f.startsWith('./snippets/')));
  });

  it("have no VS Code prefix: Insert Snippet lists them, VS Code's completion (which offers snippets in front-matter values too) does not", () => {
    for (const file of files) {
      for (const [name, snippet] of Object.entries(load(file))) {
        assert.equal((snippet as unknown as Record<string, unknown>).prefix, undefined, `${file}: ${name}`);
        assert.ok([snippet.policyMemo.prefix].flat().length > 0, `${file}: ${name} has no prefix of ours`);
        assert.equal(snippet.policyMemo.where === 'memo', kindOf(file) !== 'part', `${file}: ${name} is ${snippet.policyMemo.where}`);
      }
    }
  });

  for (const file of files) {
    const kind = kindOf(file);
    for (const [name, snippet] of Object.entries(load(file))) {
      describe(`${file}: ${name}`, () => {
        it('has a description in English and French and tab stops in order', () => {
          assert.equal(snippet.description.split(' / ').length, 2, 'description "English / Français"');
          const { order } = expandSnippet(snippet.body.join('\n'), VARIABLES, defaults);
          const numbered = order.filter((n) => n !== 0);
          assert.deepEqual(numbered, numbered.map((_, k) => k + 1), 'tab stops 1, 2, 3… in the order they appear');
          if (order.includes(0)) assert.equal(order[order.length - 1], 0, '$0 comes last');
        });

        it('pre-selects no gender: an omitted gender gives the neutral French label, a chosen one must be typed', () => {
          assert.doesNotMatch(expandSnippet(snippet.body.join('\n'), VARIABLES, defaults).text, /^\s*gender:/m);
        });

        const expand = (fill: Fill) => {
          const text = expandSnippet(snippet.body.join('\n'), VARIABLES, fill).text;
          if (kind !== 'part') return [{ memo: text + '\n', kind }];
          const place = markerOf(snippet, text);
          assert.ok(place, `${firstPrefix(snippet)}: a part of a memo, not a whole memo`);
          return (['markdown', 'yaml'] as const).map((host) => ({ memo: inHost(host, place, text), kind: host }));
        };

        it('fails policy-memo lint when expanded and left unfilled: each text field left as it is gets a placeholder-text finding', () => {
          const unfilled = unfilledFields(snippet);
          for (const { memo, kind: memoKind } of expand(defaults)) {
            const found = checkMemo(memo, memoKind).findings.filter((f) => f.rule === 'placeholder-text');
            assert.equal(found.length, unfilled.length, `${unfilled.join(', ')}\n${memo}`);
            if (unfilled.length > 0) assert.notDeepEqual(errorsOf(memo, memoKind), [], memo);
            else assert.deepEqual(errorsOf(memo, memoKind), [], memo);
          }
        });

        it('passes policy-memo lint without errors, and without placeholder-text findings, when filled in with sample values', () => {
          for (const { memo, kind: memoKind } of expand(samples)) {
            assert.deepEqual(errorsOf(memo, memoKind), [], memo);
            assert.deepEqual(checkMemo(memo, memoKind).findings.filter((f) => f.rule === 'placeholder-text'), [], memo);
          }
        });
      });
    }
  }

  it('the expander reads tab stops, choices, variables and escapes', () => {
    const { text, order } = expandSnippet('a ${2:x $CURRENT_YEAR} ${1|p\\,q,r|} \\$1 $0 $1', VARIABLES, (s) => s.choices?.[0] ?? s.placeholder ?? '');
    assert.equal(text, 'a x 2026 p,q $1  p,q');
    assert.deepEqual(order, [2, 1, 0]);
    assert.throws(() => expandSnippet('$NOPE', VARIABLES, defaults), /unknown snippet variable/);
  });
});
