import { OPAQUE } from '../prose/body';
import type { RuleContext } from '../context';
import type { MappedText } from '../prose/mapped';
import type { MessageId, MessageParams } from '../messages';
import { addressesOf } from '../prose/patterns';
import type { Rule } from '../rule';
import { memoTexts } from '../prose/texts';

const NBSP = '\u00a0';
const NNBSP = '\u202f';
const SPACE = /[ \t\u00a0\u202f\u2009]/;
/** The marks whose spacing is checked (the search skips the words between them at native speed). */
const MARKS = /[:;!?«»]/g;
/** What may stand right before a mark that takes a space: a word, a number, a closing sign. */
const WORDLIKE = /[\p{L}\p{N})\]»"'\u2019%$]/u;

interface Problem {
  from: number;
  to: number;
  message: MessageId;
  params?: MessageParams;
  /** Replacements inside the text: [from, to, newText]. */
  replace?: [number, number, string][];
  fixTitle?: MessageId;
}

function spacesBefore(text: string, i: number): number {
  let start = i;
  while (start > 0 && SPACE.test(text[start - 1])) start--;
  return start;
}

function spacesAfter(text: string, i: number): number {
  let end = i;
  while (end < text.length && SPACE.test(text[end])) end++;
  return end;
}

/** The spacing problems of one French text (addresses and code already masked). */
export function typographyProblems(text: string, france: boolean): Problem[] {
  const problems: Problem[] = [];
  for (const mark of text.matchAll(MARKS)) {
    const i = mark.index;
    const c = mark[0];
    if (c === ':' || c === ';' || c === '!' || c === '?') {
      const run = spacesBefore(text, i);
      const spaces = text.slice(run, i);
      const previous = text[run - 1];
      if (run === 0 || previous === '\n' || previous === OPAQUE) continue;
      if (c === ':') {
        // Times and ratios (9:00, 3:1) and runs of colons are not punctuation.
        if ((/\d/.test(text[i - 1]) && /\d/.test(text[i + 1] ?? '')) || text[i + 1] === ':' || previous === ':') continue;
        if (spaces === NBSP) continue;
        if (spaces === '' && !WORDLIKE.test(previous)) continue;
        problems.push({ from: run, to: i + 1, message: 'typography.colon', replace: [[run, i, NBSP]], fixTitle: 'fix.typography' });
      } else if (!france) {
        if (spaces !== '') problems.push({ from: run, to: i + 1, message: 'typography.noSpace', params: { mark: c }, replace: [[run, i, '']], fixTitle: 'fix.typography' });
      } else if (spaces !== NNBSP && (spaces !== '' || WORDLIKE.test(previous))) {
        problems.push({ from: run, to: i + 1, message: 'typography.thinSpace', params: { mark: c }, replace: [[run, i, NNBSP]], fixTitle: 'fix.typography' });
      }
    } else if (c === '«' || c === '»') {
      const open = c === '«';
      const [from, to] = open ? [i + 1, spacesAfter(text, i + 1)] : [spacesBefore(text, i), i];
      const spaces = text.slice(from, to);
      const neighbour = open ? text[to] : text[from - 1];
      if (spaces === NBSP || (france && spaces === NNBSP) || neighbour === undefined || neighbour === '\n') continue;
      problems.push({ from: open ? i : from, to: open ? to + 1 : i + 1, message: 'typography.guillemets', replace: [[from, to, NBSP]], fixTitle: 'fix.typography' });
    }
  }
  const quotes = [...text.matchAll(/"/g)].map((m) => m.index);
  for (let q = 0; q < quotes.length; q += 2) {
    const open = quotes[q];
    const close = quotes[q + 1];
    if (close === undefined) {
      problems.push({ from: open, to: open + 1, message: 'typography.straightQuotes' });
      break;
    }
    const inner = spacesAfter(text, open + 1);
    const innerEnd = spacesBefore(text, close);
    problems.push({
      from: open, to: close + 1,
      message: 'typography.straightQuotes',
      replace: [[open, inner, `«${NBSP}`], [Math.max(innerEnd, inner), close + 1, `${NBSP}»`]],
      fixTitle: 'fix.guillemets',
    });
  }
  return problems;
}

function reportAll(ctx: RuleContext, mapped: MappedText, france: boolean): void {
  const document = ctx.memo.text;
  for (const p of typographyProblems(addressesOf(mapped).masked, france)) {
    const [start, end] = mapped.span(p.from, p.to);
    const edits = (p.replace ?? []).map(([from, to, newText]) => {
      const [s, e] = mapped.span(from, to);
      return { s, e, newText };
    });
    // A fix never joins lines or reaches across a line break: only the characters concerned change.
    const fixable = p.fixTitle && edits.length > 0 && edits.every(({ s, e }) => !/[\r\n]/.test(document.slice(s, e)));
    // A French text can hold hundreds of thousands of these: built only if shown (or fixed).
    const fixTitle = fixable ? p.fixTitle : undefined;
    ctx.reportIfShown(start, end, () => ({
      message: ctx.t(p.message, p.params),
      fixes: fixTitle ? [{ title: ctx.t(fixTitle), edits: edits.map(({ s, e, newText }) => ctx.edit(s, e, newText)), safe: true, preferred: true }] : [],
    }), { fixable: fixTitle !== undefined });
  }
}

/** Canadian (or, by setting, France's) French spacing in French text: fields, `fr` sides, `::: fr` blocks. */
export const frTypography: Rule = {
  id: 'fr-typography',
  defaultSeverity: 'warning',
  needsData: true,
  check(ctx) {
    const france = ctx.config.typography === 'france';
    for (const piece of memoTexts(ctx.memo)) {
      if (piece.lang === 'fr') reportAll(ctx, piece.text, france);
    }
  },
};
