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

/** Keys whose values other rules check as codes or formats (a placeholder there already fails them). */
const SKIPPED_KEYS = new Set(['lang', 'date', 'gender', 'signature', 'translation', 'body']);

const NOT_WORD_BEFORE = '(?<![\\p{L}\\p{N}_])';
const NOT_WORD_AFTER = '(?![\\p{L}\\p{N}_])';
/** Placeholders writers leave inside a text: TBD/TODO/XXX, [Name]-style brackets, <insert …>, lorem ipsum. */
const INLINE = new RegExp(
  [
    `${NOT_WORD_BEFORE}(?:TBD|TBC|TODO|FIXME|XXX+)${NOT_WORD_AFTER}`,
    `\\[\\s*(?:name|nom|prénom|title|titre|date|insert|insérer|inscrire|ajouter|add|à compléter|to come|à venir)${NOT_WORD_AFTER}[^\\[\\]\\n]{0,80}\\]`,
    `<\\s*(?:insert|insérer|inscrire|ajouter|add)${NOT_WORD_AFTER}[^<>\\n]{0,80}>`,
    `${NOT_WORD_BEFORE}lorem\\s+ipsum${NOT_WORD_AFTER}`,
  ].join('|'),
  'giu',
);
const UPPERCASE_ONLY = /^(?:TBD|TBC|TODO|FIXME|XXX+)$/iu;
const INSERT_TAG = /^<\s*(?:insert|insérer|inscrire|ajouter|add)(?![\p{L}\p{N}_])[^<>\n]{0,80}>$/iu;

/** Whether a whole value is a template's placeholder (`Title`, `Nom du ministère`, `Full name / Prénom Nom`). */
export function isTemplatePlaceholder(value: string, where: 'front' | 'body' = 'front'): boolean {
  const words = where === 'front' ? TEMPLATE : BODY;
  return value.split(' / ').every((part) => words.has(part.trim().replace(/\.$/, '').replace(/\s+/g, ' ').toLowerCase()));
}

/** The placeholders left inside a text, as [start, end) indexes into it. */
export function inlinePlaceholders(text: string): [number, number][] {
  const out: [number, number][] = [];
  for (const m of text.matchAll(INLINE)) {
    // TBD, TODO and XXX count in capitals only: "todo" or "xxx" in running text is rare but not a placeholder.
    if (UPPERCASE_ONLY.test(m[0]) && m[0] !== m[0].toUpperCase()) continue;
    out.push([m.index, m.index + m[0].length]);
  }
  return out;
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
        ctx.report({ start, end, severity, message: ctx.t('placeholderText.placeholder', { text: value.slice(from, to) }) });
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
