import type { Language } from '../prose/body';
import type { RuleContext } from '../context';
import type { Fix } from '../findings';
import { addToGlossary, inGlossary } from '../glossary';
import type { MappedText } from '../prose/mapped';
import { addressesOf } from '../prose/patterns';
import type { Rule } from '../rule';
import { memoTexts } from '../prose/texts';

/** Acronyms every reader knows: they never need a definition. */
// TBD, TODO, XXX and the like are placeholders, reported once by placeholder-text, not acronyms to define.
const BUILT_IN = new Set(['COVID', 'COVID-19', 'OPS', 'FAQ', 'PDF', 'URL', 'TTY', 'ATS', 'TBD', 'TBC', 'TODO', 'FIXME', 'XXX']);
// Bounded: no real word is longer, and an unbounded run over a 5 MB line overflowed the regular expression's stack.
const WORD = /[\p{L}\p{N}]{1,256}(?:-[\p{L}\p{N}]{1,256}){0,16}/gu;
const ACRONYM = /^\p{Lu}{2,}s?$/u;
const ROMAN = /^(?=[IVX]{2,}$)X{0,3}(IX|IV|V?I{0,3})$/;

interface Use {
  key: string;
  word: string;
  lang?: Language;
  order: number;
  text: MappedText;
  start: number;
  end: number;
  definition: boolean;
  /** For a definition: the full name's [start, end) in `text`, and the whole definition's (what moving it replaces). */
  name?: { start: number; end: number; whole: [number, number]; form: 'name-first' | 'acronym-first' };
  /** Whether the use is in the body, where a definition can be written in (front-matter values have quoting rules). */
  inBody: boolean;
}

/** The acronym's own form, without a plural s: CMSMs and CMSM are one acronym. */
const keyOf = (word: string) => (/\p{Lu}s$/u.test(word) ? word.slice(0, -1) : word);

const foldAccents = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

const UPPER = /^\p{Lu}$/u;
/**
 * Two code units in a row that may be upper-case letters: ASCII and Latin-1 capitals, and anything
 * past Latin-1 (checked exactly afterwards). A plain class, so the search runs at native speed
 * where a Unicode property would be tested at every character.
 */
const MAYBE_CAPITALS = /[A-Z\u00c0-\u00d6\u00d8-\u00de\u0100-\uffff]{2}/g;

/** The length in units of the upper-case letter at `i`, or 0. */
function upperAt(text: string, i: number): number {
  const cp = text.codePointAt(i);
  if (cp === undefined) return 0;
  const units = cp > 0xffff ? 2 : 1;
  return UPPER.test(text.slice(i, i + units)) ? units : 0;
}

/** An ASCII character no word contains: WORD's matches are the same whether it scans from the text's start or from just after one. */
function breaksWords(c: number): boolean {
  return c < 128 && c !== 45 /* - */ && !(c >= 48 && c <= 57) && !((c | 32) >= 97 && (c | 32) <= 122);
}

/**
 * WORD's matches that can be acronyms, in order, without matching every word of the text: an
 * acronym holds two upper-case letters in a row, so WORD runs only from the word break before each
 * such pair (running it over a whole paragraph costs a Unicode class test at every character).
 */
function candidateWords(text: string): RegExpExecArray[] {
  const words: RegExpExecArray[] = [];
  let scanned = 0;
  MAYBE_CAPITALS.lastIndex = 0;
  while (MAYBE_CAPITALS.test(text)) {
    const i = MAYBE_CAPITALS.lastIndex - 2;
    // The next pair may start at the second unit of this one.
    MAYBE_CAPITALS.lastIndex = i + 1;
    const first = upperAt(text, i);
    if (first === 0 || !upperAt(text, i + first) || i < scanned) continue;
    let from = i;
    while (from > scanned && !breaksWords(text.charCodeAt(from - 1))) from--;
    for (;;) {
      WORD.lastIndex = from;
      const m = WORD.exec(text);
      if (!m) {
        scanned = text.length;
        break;
      }
      words.push(m);
      from = scanned = m.index + m[0].length;
      if (scanned > i) break;
    }
    MAYBE_CAPITALS.lastIndex = Math.max(scanned, i + 1);
  }
  return words;
}

const SPACE = /\s/;
const EXPANSION = /\s+\(([^()]+)\)/y;

/** Where the `(` is that `at` follows, with only spaces between; -1 when there is none. */
function parenBefore(text: string, at: number): number {
  let i = at;
  while (i > 0 && SPACE.test(text[i - 1])) i--;
  return i > 0 && text[i - 1] === '(' ? i - 1 : -1;
}

/** Whether `at` is followed by spaces and a `)`. */
function parenAfter(text: string, at: number): boolean {
  let i = at;
  while (i < text.length && SPACE.test(text[i])) i++;
  return text[i] === ')';
}

/**
 * The acronyms of one text, in order (numbered from `firstOrder`), each marked when this very place defines it:
 * `Full name (ACR)`, or `ACR (Full name)` whose first word starts like the acronym.
 */
function usesIn(text: MappedText, lang: Language | undefined, firstOrder: number, exempt: (word: string) => boolean, inBody: boolean): Use[] {
  const masked = addressesOf(text).masked;
  const words = candidateWords(masked).filter((m) => ACRONYM.test(m[0]) && !ROMAN.test(m[0]) && !exempt(m[0]) && !exempt(keyOf(m[0])));
  // A text in capitals only (a heading, a shouted line) has no acronyms to read.
  if (!/\p{Ll}/u.test(masked) && words.length > 1) return [];
  // Each test looks only near the word (never at all the text before or after it): a long paragraph stays linear.
  let firstLetter: number | undefined;
  return words.map((m, index) => {
    const start = m.index;
    const end = start + m[0].length;
    // `Full name (ACR)`: a `(` before, a `)` after, and a letter somewhere before the `(` (before
    // the outer one of `((ACR)`).
    const open = parenBefore(masked, start);
    let inParens = false;
    if (open >= 0 && parenAfter(masked, end)) {
      const outer = open === start - 1 ? parenBefore(masked, open) : -1;
      const limit = outer >= 0 ? outer : open;
      firstLetter ??= masked.search(/\p{L}/u);
      inParens = firstLetter >= 0 && firstLetter < limit;
    }
    EXPANSION.lastIndex = end;
    const expansion = EXPANSION.exec(masked)?.[1].trim() ?? '';
    const expands = expansion.split(/\s+/).length >= 2 && foldAccents(expansion)[0] === foldAccents(m[0])[0];
    const key = keyOf(m[0]);
    let name: Use['name'];
    // Not `((ACR)`: what the outer parenthesis holds is not the name.
    if (inParens && parenBefore(masked, open) < 0) name = nameBefore(masked, open, end, key);
    else if (expands) {
      const close = masked.indexOf(')', end);
      const from = masked.indexOf('(', end) + 1;
      name = { start: from, end: close, whole: [end, close + 1], form: 'acronym-first' };
    }
    return { key, word: m[0], lang, order: firstOrder + index, text, start, end, definition: inParens || expands, inBody, ...(name ? { name } : {}) };
  });
}

/** Small words a full name holds that give its acronym no letter: "Ministry of Labour", "services d'emploi". */
const LINKING = new Set(['of', 'the', 'and', 'for', 'to', 'in', 'on', 'at', 'a', 'an', 'de', 'des', 'du', 'la', 'le', 'les', 'et', 'à', 'au', 'aux', 'en', 'pour', 'sur', 'd', 'l']);
const NAME_WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;

/**
 * The full name `Full name (ACR)` spells out: the words before the `(` whose initials, read backwards,
 * are the acronym's letters (linking words skipped). Undefined when they do not spell it.
 */
function nameBefore(text: string, open: number, acronymEnd: number, key: string): Use['name'] {
  let closeAt = acronymEnd;
  while (closeAt < text.length && SPACE.test(text[closeAt])) closeAt++;
  if (text[closeAt] !== ')') return undefined;
  const from = Math.max(0, open - 400);
  const words = [...text.slice(from, open).matchAll(NAME_WORD)];
  const last = words[words.length - 1];
  if (!last) return undefined;
  const nameEnd = from + last.index + last[0].length;
  if (text.slice(nameEnd, open).trim() !== '') return undefined;
  const letters = foldAccents(key);
  const bare = words.map((w) => foldAccents(w[0]).replace(/^[dl]['’]/, ''));
  // Read backwards, a linking word may be skipped or give its letter ("des" before "Développement"):
  // a search over (word, letter), each pair tried once.
  const failed = new Set<number>();
  const spell = (w: number, next: number): number => {
    if (next < 0) return w + 1;
    if (w < 0 || failed.has(w * 64 + next)) return -1;
    const linking = LINKING.has(bare[w].replace(/['’]$/, ''));
    if (linking) {
      const skipped = spell(w - 1, next);
      if (skipped >= 0) return skipped;
    }
    if (bare[w][0] === letters[next]) {
      const taken = spell(w - 1, next - 1);
      if (taken >= 0) return taken;
    }
    failed.add(w * 64 + next);
    return -1;
  };
  if (letters.length > 60) return undefined;
  const first = spell(words.length - 1, letters.length - 1);
  if (first < 0) return undefined;
  return { start: from + words[first].index, end: nameEnd, whole: [from + words[first].index, closeAt + 1], form: 'name-first' };
}

/**
 * "Move the definition to the first use": the first use becomes `Full name (ACR)` and the late
 * definition the bare acronym, in one edit set. Only where both places are the writer's own
 * characters and the first use is in the body (a front-matter value may need quoting).
 */
function moveDefinition(ctx: RuleContext, use: Use, definition: Use): Fix | undefined {
  const name = definition.name;
  if (!name || !use.inBody) return undefined;
  const document = ctx.memo.text;
  const [wholeStart, wholeEnd] = name.whole;
  if (!use.text.isVerbatim(document, use.start, use.end) || !definition.text.isVerbatim(document, wholeStart, wholeEnd)) return undefined;
  const full = definition.text.text.slice(name.start, name.end).trim();
  if (full === '' || /[\n\ufffc]/.test(full)) return undefined;
  const atUse = name.form === 'name-first' ? `${full} (${use.word})` : `${use.word} (${full})`;
  const [us, ue] = use.text.span(use.start, use.end);
  const [ds, de] = definition.text.span(wholeStart, wholeEnd);
  // The definition keeps its acronym: `Full name (ACR)` becomes `ACR`; `ACR (Full name)` loses its parenthesis.
  const atDefinition = name.form === 'name-first' ? definition.word : '';
  return {
    title: ctx.t('fix.moveDefinition', { acronym: use.word }),
    edits: [ctx.edit(us, ue, atUse), ctx.edit(ds, de, atDefinition)],
    safe: false,
    preferred: true,
  };
}

function report(ctx: RuleContext, use: Use, definition: Use | undefined): void {
  const [start, end] = use.text.span(use.start, use.end);
  const related = definition
    ? [{ range: ctx.memo.lines.range(...definition.text.span(definition.start, definition.end)), message: ctx.t('acronym.definedHere', { acronym: definition.word }) }]
    : undefined;
  const glossary = addToGlossary(ctx.config, use.lang ? { [use.lang]: use.key } : { en: use.key, fr: use.key }, ctx.t('fix.addToGlossary', { term: use.key }), ctx.t('glossary.header'));
  const move = definition ? moveDefinition(ctx, use, definition) : undefined;
  ctx.report({
    start, end,
    message: ctx.t(definition ? 'acronym.late' : 'acronym.undefined', { acronym: use.word }),
    fixes: [...(move ? [move] : []), ...(glossary ? [glossary] : [])],
    ...(related ? { related } : {}),
  });
}

/** Every acronym defined at or before its first use, in each language of the memo. */
export const acronym: Rule = {
  id: 'acronym',
  defaultSeverity: 'warning',
  needsData: true,
  check(ctx) {
    const extra = new Set(ctx.config.acronyms);
    const exempted = new Map<string, boolean>();
    const exempt = (word: string) => {
      let known = exempted.get(word);
      if (known === undefined) {
        known = BUILT_IN.has(word) || extra.has(word) || inGlossary(ctx.config, word);
        exempted.set(word, known);
      }
      return known;
    };
    const uses: Use[] = [];
    const definitionsOf = new Map<string, Use[]>();
    for (const piece of memoTexts(ctx.memo)) {
      if (piece.field === 'address') continue;
      for (const use of usesIn(piece.text, piece.lang, uses.length, exempt, piece.field === 'body')) {
        uses.push(use);
        if (!use.definition) continue;
        const known = definitionsOf.get(use.key);
        if (known) known.push(use);
        else definitionsOf.set(use.key, [use]);
      }
    }
    // A definition in one language does not serve a reader of the other; text in no particular language serves both.
    const visible = (definition: Use, use: Use) => !use.lang || !definition.lang || definition.lang === use.lang;
    const done = new Set<string>();
    for (const use of uses) {
      const scope = `${use.lang ?? '*'}\u0000${use.key}`;
      if (done.has(scope)) continue;
      done.add(scope);
      const definitions = (definitionsOf.get(use.key) ?? []).filter((d) => visible(d, use));
      if (definitions.some((d) => d.order <= use.order)) continue;
      report(ctx, use, definitions[0]);
    }
  },
};
