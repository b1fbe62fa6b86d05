import type { Language } from '../body';
import type { RuleContext } from '../context';
import { addToGlossary, inGlossary } from '../glossary';
import type { MappedText } from '../mapped';
import { maskAddresses } from '../patterns';
import type { Rule } from '../rule';
import { memoTexts } from '../texts';

/** Acronyms every reader knows: they never need a definition. */
const BUILT_IN = new Set(['COVID', 'COVID-19', 'OPS', 'FAQ', 'PDF', 'URL', 'TTY', 'ATS']);
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
}

/** The acronym's own form, without a plural s: CMSMs and CMSM are one acronym. */
const keyOf = (word: string) => (/\p{Lu}s$/u.test(word) ? word.slice(0, -1) : word);

const foldAccents = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * The acronyms of one text, in order, each marked when this very place defines it:
 * `Full name (ACR)`, or `ACR (Full name)` whose first word starts like the acronym.
 */
function usesIn(text: MappedText, exempt: (word: string) => boolean): Omit<Use, 'lang' | 'order'>[] {
  const masked = maskAddresses(text.text);
  const words = [...masked.matchAll(WORD)].filter((m) => ACRONYM.test(m[0]) && !ROMAN.test(m[0]) && !exempt(m[0]) && !exempt(keyOf(m[0])));
  // A text in capitals only (a heading, a shouted line) has no acronyms to read.
  if (!/\p{Ll}/u.test(masked) && words.length > 1) return [];
  return words.map((m) => {
    const start = m.index;
    const end = start + m[0].length;
    const before = masked.slice(0, start);
    const after = masked.slice(end);
    const inParens = /\(\s*$/.test(before) && /^\s*\)/.test(after) && /\p{L}/u.test(before.slice(0, -1).replace(/\(\s*$/, ''));
    const expansion = /^\s+\(([^()]+)\)/.exec(after)?.[1].trim() ?? '';
    const expands = expansion.split(/\s+/).length >= 2 && foldAccents(expansion)[0] === foldAccents(m[0])[0];
    return { key: keyOf(m[0]), word: m[0], text, start, end, definition: inParens || expands };
  });
}

function report(ctx: RuleContext, use: Use, definition: Use | undefined): void {
  const [start, end] = use.text.span(use.start, use.end);
  const related = definition
    ? [{ range: ctx.memo.lines.range(...definition.text.span(definition.start, definition.end)), message: ctx.t('acronym.definedHere', { acronym: definition.word }) }]
    : undefined;
  const glossary = addToGlossary(ctx.config, use.lang ? { [use.lang]: use.key } : { en: use.key, fr: use.key }, ctx.t('fix.addToGlossary', { term: use.key }));
  ctx.report({
    start, end,
    message: ctx.t(definition ? 'acronym.late' : 'acronym.undefined', { acronym: use.word }),
    fixes: glossary ? [glossary] : [],
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
    const exempt = (word: string) => BUILT_IN.has(word) || extra.has(word) || inGlossary(ctx.config, word);
    const uses: Use[] = [];
    for (const piece of memoTexts(ctx.memo)) {
      if (piece.field === 'address') continue;
      for (const use of usesIn(piece.text, exempt)) uses.push({ ...use, lang: piece.lang, order: uses.length });
    }
    // A definition in one language does not serve a reader of the other; text in no particular language serves both.
    const visible = (definition: Use, use: Use) => !use.lang || !definition.lang || definition.lang === use.lang;
    const done = new Set<string>();
    for (const use of uses) {
      const scope = `${use.lang ?? '*'}\u0000${use.key}`;
      if (done.has(scope)) continue;
      done.add(scope);
      const definitions = uses.filter((d) => d.definition && d.key === use.key && visible(d, use));
      if (definitions.some((d) => d.order <= use.order)) continue;
      report(ctx, use, definitions[0]);
    }
  },
};
