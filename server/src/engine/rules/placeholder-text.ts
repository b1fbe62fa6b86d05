import { isMap, isScalar, isSeq, Scalar } from 'yaml';
import { analyzeBody, OPAQUE } from '../prose/body';
import type { MappedText } from '../prose/mapped';
import { mapScalar } from '../prose/scalars';
import type { Rule } from '../rule';

/**
 * The placeholder words of the New Memo templates and the snippets (snippets/*.json), in English and
 * French, and the bare words writers leave. A value (or a body paragraph) that is one of these, as a
 * whole, was never filled in. `test/unit/snippets.test.ts` checks every snippet placeholder is here.
 */
const TEMPLATE_WORDS: readonly string[] = [
  'ministry name', 'nom du ministère',
  'division name', 'nom de la division', 'division',
  'recipients', 'recipient', 'destinataires', 'destinataire',
  'copy recipient', 'destinataire de la copie',
  'full name', 'prénom nom', 'name', 'nom', 'first name last name',
  'title', 'titre',
  'subject', 'objet',
  'attachment title', 'titre de la pièce jointe',
  'name@ontario.ca',
];
/** The templates' body paragraphs. In the body only these count whole: a table cell "Name" is a real heading. */
const BODY_WORDS: readonly string[] = ['body of the memo', 'corps de la note'];
const TEMPLATE = new Set([...TEMPLATE_WORDS, ...BODY_WORDS]);
const BODY = new Set(BODY_WORDS);
/** The longest placeholder word, with a final full stop: a longer part is none unless its spaces shrink it. */
const LONGEST = Math.max(...[...TEMPLATE].map((word) => word.length)) + 1;

/** Keys whose values other rules check as codes or formats (a placeholder there already fails them). */
const SKIPPED_KEYS = new Set(['lang', 'date', 'gender', 'signature', 'translation', 'body']);

/*
 * Placeholders writers leave inside a text, each found by a search that starts with a literal character
 * (a body may be megabytes in one paragraph: no Unicode class is tested at every position).
 */
const CAPITALS = /TBD|TBC|TODO|FIXME|XXX+/g;
const BRACKETS = /\[[^[\]\n]{1,90}\]/g;
const BRACKET_WORDS = /^\[\s*(?:name|nom|prénom|title|titre|date|insert|insérer|inscrire|ajouter|add|à compléter|to come|à venir)(?![\p{L}\p{N}_])/iu;
const ANGLES = /<[^<>\n]{1,90}>/g;
const INSERT_TAG = /^<\s*(?:insert|insérer|inscrire|ajouter|add)(?![\p{L}\p{N}_])[^<>\n]{0,80}>$/iu;
const LOREM = /lorem\s+ipsum/gi;
const WORD_CHAR = /[\p{L}\p{N}_]/u;

/** Whether a whole value is a template's placeholder (`Title`, `Nom du ministère`, `Full name / Prénom Nom`). */
export function isTemplatePlaceholder(value: string, where: 'front' | 'body' = 'front'): boolean {
  if (value.length > 120) return false;
  const words = where === 'front' ? TEMPLATE : BODY;
  return value.split(' / ').every((part) => {
    const trimmed = part.trim();
    // Most parts are ordinary sentences: too long to be a placeholder, with no run of spaces to fold.
    if (trimmed.length > LONGEST && !/\s\s/.test(trimmed)) return false;
    return words.has(trimmed.replace(/\.$/, '').replace(/\s+/g, ' ').toLowerCase());
  });
}

/** Each match of a global search in a text, without the copy of the search that `matchAll` makes per call (a body has many paragraphs). */
function* matches(search: RegExp, text: string): Generator<{ index: number; text: string }> {
  search.lastIndex = 0;
  for (let m = search.exec(text); m !== null; m = search.exec(text)) yield { index: m.index, text: m[0] };
}

/** The placeholders left inside a text, as [start, end) indexes into it, in order. */
export function inlinePlaceholders(text: string): [number, number][] {
  const out: [number, number][] = [];
  // TBD, TODO and XXX count in capitals and as whole words only: "todo" in running text is not a placeholder.
  for (const m of matches(CAPITALS, text)) {
    const end = m.index + m.text.length;
    if (!WORD_CHAR.test(text[m.index - 1] ?? '') && !WORD_CHAR.test(text[end] ?? '')) out.push([m.index, end]);
  }
  if (text.includes('[')) for (const m of matches(BRACKETS, text)) if (BRACKET_WORDS.test(m.text)) out.push([m.index, m.index + m.text.length]);
  if (text.includes('<')) for (const m of matches(ANGLES, text)) if (INSERT_TAG.test(m.text)) out.push([m.index, m.index + m.text.length]);
  for (const m of matches(LOREM, text)) {
    const end = m.index + m.text.length;
    if (!WORD_CHAR.test(text[m.index - 1] ?? '') && !WORD_CHAR.test(text[end] ?? '')) out.push([m.index, end]);
  }
  return out.length > 1 ? out.sort((a, b) => a[0] - b[0]) : out;
}

/**
 * The templates' own placeholder words left in the memo, and the usual placeholders writers leave
 * (TBD, TODO, XXX, [Name], <insert …>, lorem ipsum): errors in the front matter, warnings in the body.
 */
export const placeholderText: Rule = {
  id: 'placeholder-text',
  defaultSeverity: 'error',
  needsData: false,
  check(ctx) {
    const memo = ctx.memo;
    const reportIn = (text: MappedText, where: 'front' | 'body') => {
      const value = text.text;
      const severity = where === 'front' ? 'error' : 'warning';
      if (value.trim() !== '' && isTemplatePlaceholder(value, where)) {
        const from = value.search(/\S/);
        const to = value.trimEnd().length;
        const [start, end] = text.span(from, to);
        ctx.report({ start, end, severity, message: ctx.t('placeholderText.template', { text: value.trim() }) });
        return;
      }
      for (const [from, to] of inlinePlaceholders(value)) {
        const [start, end] = text.span(from, to);
        ctx.reportIfShown(start, end, () => ({ severity, message: ctx.t('placeholderText.placeholder', { text: value.slice(from, to) }) }), { severity });
      }
    };

    const root = memo.doc?.contents;
    const visit = (node: unknown) => {
      if (isScalar(node)) {
        if (typeof node.value !== 'string') return;
        const text = mapScalar(memo.text, memo.yamlStart, node as Scalar<string>);
        if (text) reportIn(text, 'front');
      } else if (isSeq(node)) {
        for (const item of node.items) visit(item);
      } else if (isMap(node)) {
        for (const pair of node.items) {
          if (isScalar(pair.key) && SKIPPED_KEYS.has(String(pair.key.value))) continue;
          visit(pair.value);
        }
      }
    };
    if (memo.doc && memo.doc.errors.length === 0 && isMap(root)) visit(root);

    for (const section of analyzeBody(memo).sections) {
      for (const prose of section.prose) {
        reportIn(prose, 'body');
        // Inline HTML is opaque in the prose; `<insert the date>` is read as a tag, so look at its source.
        for (let i = prose.text.indexOf(OPAQUE); i >= 0; i = prose.text.indexOf(OPAQUE, i + 1)) {
          const [start, end] = prose.span(i, i + 1);
          const source = memo.text.slice(start, end);
          if (INSERT_TAG.test(source)) ctx.report({ start, end, severity: 'warning', message: ctx.t('placeholderText.placeholder', { text: source }) });
        }
      }
    }
  },
};
