import type { RuleContext } from '../context';
import type { Rule } from '../rule';

/**
 * What the rule looks for, each run of one kind being one finding:
 * - control characters other than tab and line breaks: C0 (NUL most often), DEL and C1 (U+0080–U+009F,
 *   most often a Windows-1252 quote or dash decoded as Latin-1);
 * - the replacement character U+FFFD that editors and our JSON-RPC transport put where a file's bytes
 *   were not UTF-8, and unpaired surrogates;
 * - bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), which reorder
 *   how the text after them is shown: anywhere;
 * - zero-width and invisible format characters (U+200B–U+200F, U+2060–U+2064, U+FEFF, U+061C, U+180E):
 *   only inside a word, a number or an address (see `insideToken`).
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const DAMAGED = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]+|(?:\ufffd|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff])+|[\u202a-\u202e\u2066-\u2069]+|[\u200b-\u200f\u2060-\u2064\ufeff\u061c\u180e]+/g;

/**
 * Every character a DAMAGED run can start with, as one plain class: the search for it runs at native
 * speed over a clean memo, where DAMAGED itself tries its alternatives at every character.
 */
// eslint-disable-next-line no-control-regex -- as above
const MAY_START = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffd\ud800-\udfff\u202a-\u202e\u2066-\u2069\u200b-\u200f\u2060-\u2064\ufeff\u061c\u180e]/g;
const DAMAGED_AT = new RegExp(DAMAGED.source, 'y');

/** DAMAGED's matches, in order: tried only where one can start. */
function* damagedRuns(text: string): Generator<RegExpExecArray> {
  // Copies: a generator may be left unfinished, and its search positions must not leak into the next check.
  const mayStart = new RegExp(MAY_START);
  const damagedAt = new RegExp(DAMAGED_AT);
  for (let hint = mayStart.exec(text); hint; hint = mayStart.exec(text)) {
    damagedAt.lastIndex = hint.index;
    const match = damagedAt.exec(text);
    if (!match) continue;
    yield match;
    mayStart.lastIndex = match.index + match[0].length;
  }
}

const isBidi = (code: number) => (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);

/** Letters, marks, digits and the punctuation of numbers and addresses: what a name, an amount or an e-mail is made of. */
const TOKEN = /^[\p{L}\p{M}\p{N}@._%+\-'\u2019,/:]$/u;
/** The same, but for the joiners (U+200C, U+200D) only Latin letters: other scripts and emoji sequences need them. */
const LATIN_TOKEN = /^[\p{Script=Latin}\p{Nd}@._%+\-'\u2019,/:]$/u;

/**
 * Whether the invisible run [start, end) sits inside a word, a number or an address: a token character
 * on both sides. Between words (after a space, at a line's end) a zero-width character spoofs nothing,
 * and the joiners inside emoji sequences or in scripts that need them are left alone.
 */
function insideToken(text: string, start: number, end: number, run: string): boolean {
  if (start === 0 || end >= text.length) return false;
  const low = text.charCodeAt(start - 1);
  const pair = low >= 0xdc00 && low <= 0xdfff && start >= 2 && (text.charCodeAt(start - 2) & 0xfc00) === 0xd800;
  const before = String.fromCodePoint(text.codePointAt(pair ? start - 2 : start - 1) as number);
  const after = String.fromCodePoint(text.codePointAt(end) as number);
  const token = /[\u200c\u200d]/.test(run) ? LATIN_TOKEN : TOKEN;
  return token.test(before) && token.test(after);
}

type Kind = 'control' | 'invalid' | 'bidi' | 'invisible';

/** What a run is, by its first character (a run is of one kind). */
function kindOf(code: number): Kind {
  if (code < 0xa0) return 'control';
  if (code === 0xfffd || (code >= 0xd800 && code <= 0xdfff)) return 'invalid';
  return isBidi(code) ? 'bidi' : 'invisible';
}

/** `U+XXXX` for each different character of a run (the first few). */
function codesOf(run: string): string {
  const codes = [...new Set(run)].map((c) => `U+${(c.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}`);
  return codes.length > 4 ? `${codes.slice(0, 4).join(', ')}…` : codes.join(', ');
}

/** Removes a run of characters that carry no text (bidi controls, zero-width characters): nothing visible can be lost, so `--fix` may apply it. */
function removal(ctx: RuleContext, start: number, end: number) {
  return { title: removeTitle(ctx, start, end), edits: [ctx.edit(start, end, '')], safe: true };
}

/** "Remove the invisible character", or "the 3 invisible characters" (counted as characters, not UTF-16 units). */
function removeTitle(ctx: RuleContext, start: number, end: number): string {
  return ctx.tn('fix.removeCharacters', [...ctx.memo.text.slice(start, end)].length);
}

/** A damaged file can hold millions of these; past this many runs the writer has been told enough. */
const MAX_FINDINGS = 100;

/** Text that cannot be right in a memo: invisible control characters, bytes that were not UTF-8, and invisible characters that change what a reader sees. */
export const encoding: Rule = {
  id: 'encoding',
  defaultSeverity: 'error',
  needsData: false,
  check(ctx) {
    const text = ctx.memo.text;
    let count = 0;
    for (const match of damagedRuns(text)) {
      const start = match.index ?? 0;
      const end = start + match[0].length;
      const code = match[0].charCodeAt(0);
      const kind = kindOf(code);
      if (kind === 'invisible' && !insideToken(text, start, end, match[0])) continue;
      if (++count > MAX_FINDINGS) break;
      if (kind === 'control') {
        // The edit removes only the invisible characters, so no visible text can be lost; but a C1
        // control often stands for a quote or a dash that was lost, so the writer decides (not --fix).
        const fix = { title: removeTitle(ctx, start, end), edits: [ctx.edit(start, end, '')], safe: false };
        ctx.report({ start, end, message: ctx.t('encoding.control', { code: `U+${code.toString(16).toUpperCase().padStart(4, '0')}` }), fixes: [fix] });
      } else if (kind === 'invalid') {
        ctx.report({ start, end, message: ctx.t('encoding.invalid') });
      } else {
        ctx.report({ start, end, message: ctx.t(kind === 'bidi' ? 'encoding.bidi' : 'encoding.invisible', { code: codesOf(match[0]) }), fixes: [removal(ctx, start, end)] });
      }
    }
  },
};
