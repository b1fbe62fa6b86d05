/** Text patterns several rules share: what is an address rather than words. */
import type { MappedText } from './mapped';

/** Web addresses, written with a scheme or starting with www (bounded in length, so a huge line stays linear). */
export const URL_PATTERN = /\b(?:https?:\/\/|ftp:\/\/|mailto:|www\.)[^\s<>«»"]{0,2048}[^\s<>«»".,;:!?)\]]/giu;

/**
 * E-mail addresses. A match starts only where a run of address characters starts, and each part is
 * bounded as in RFC 5321 (64 characters before the @, 63 per label): unbounded, a 5 MB line of
 * letters made the search quadratic and overflowed the regular expression's stack.
 */
export const EMAIL_PATTERN = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]{1,64}@[\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63}){0,8}\.\p{L}{2,24}/gu;

// Scanning a whole text with the patterns above costs a Unicode class test at every character (an
// e-mail address search over 200 KB of prose takes tens of milliseconds). Instead, find where an
// address can start with a cheap search (a scheme's literal, an `@`), then try the pattern only
// there, anchored: the matches are the same as the patterns' own, in the same order.
const URL_AT = new RegExp(URL_PATTERN.source, 'iuy');
const URL_START = /https?:\/\/|ftp:\/\/|mailto:|www\./giu;
const EMAIL_AT = new RegExp(EMAIL_PATTERN.source, 'uy');
const LOCAL_PART = /^[\p{L}\p{N}._%+-]$/u;

/** An address found in a text: [start, end) and as written. */
export interface Address {
  start: number;
  end: number;
  text: string;
}

/** The web and e-mail addresses of a text, and the text with them masked. */
export interface Addresses {
  readonly urls: readonly Address[];
  readonly emails: readonly Address[];
  /** The text with every address replaced by U+FFFC of the same length, so indexes still line up. */
  masked: string;
}

/** URL_PATTERN's matches: tried only where a scheme (or `www.`) starts. */
function urlsIn(text: string): Address[] {
  const found: Address[] = [];
  URL_START.lastIndex = 0;
  for (let hint = URL_START.exec(text); hint; hint = URL_START.exec(text)) {
    URL_AT.lastIndex = hint.index;
    const m = URL_AT.exec(text);
    if (m) {
      found.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
      URL_START.lastIndex = m.index + m[0].length;
    } else {
      URL_START.lastIndex = hint.index + 1;
    }
  }
  return found;
}

/** Whether the code point ending just before `end` may be in an address's local part; its length in units, else 0. */
function localUnitBefore(text: string, end: number, floor: number): number {
  const low = text.charCodeAt(end - 1);
  const pair = low >= 0xdc00 && low <= 0xdfff && end - 2 >= floor && (text.charCodeAt(end - 2) & 0xfc00) === 0xd800;
  const units = pair ? 2 : 1;
  return LOCAL_PART.test(text.slice(end - units, end)) ? units : 0;
}

/**
 * EMAIL_PATTERN's matches: tried only at the start of the run of local-part characters before each
 * `@` (the pattern's leftmost match must start there, or nowhere before that `@`).
 */
function emailsIn(text: string): Address[] {
  const found: Address[] = [];
  let from = 0;
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', Math.max(at + 1, from))) {
    let start = at;
    for (let units = start > from ? localUnitBefore(text, start, from) : 0; units > 0; units = start > from ? localUnitBefore(text, start, from) : 0) start -= units;
    if (start === at) continue;
    EMAIL_AT.lastIndex = start;
    const m = EMAIL_AT.exec(text);
    if (!m) continue;
    found.push({ start, end: start + m[0].length, text: m[0] });
    from = start + m[0].length;
  }
  return found;
}

/** The addresses of a text (see Addresses). */
export function addressesIn(text: string): Addresses {
  const urls = urlsIn(text);
  const emails = emailsIn(text);
  // Most paragraphs hold no address: they share one empty list rather than keep two of their own.
  if (urls.length === 0 && emails.length === 0) return { urls: NO_ADDRESSES, emails: NO_ADDRESSES, masked: text };
  return { urls, emails, masked: maskRanges(text, [...urls, ...emails], '\ufffc') };
}

const NO_ADDRESSES: readonly Address[] = Object.freeze([]);

/** `text` with every character inside one of the ranges (they may overlap) replaced by `fill`, in one pass. */
export function maskRanges(text: string, ranges: readonly { start: number; end: number }[], fill: string): string {
  if (ranges.length === 0) return text;
  let masked = '';
  let done = 0;
  for (const { start, end } of [...ranges].sort((a, b) => a.start - b.start)) {
    if (end <= done) continue;
    const from = Math.max(start, done);
    masked += text.slice(done, from) + fill.repeat(end - from);
    done = end;
  }
  return masked + text.slice(done);
}

/** The addresses of a piece of the memo, found once however many rules ask. */
export function addressesOf(text: MappedText): Addresses {
  return text.derived('addresses', () => addressesIn(text.text));
}
