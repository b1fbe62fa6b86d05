/** Text patterns several rules share: what is an address rather than words. */

/** Web addresses, written with a scheme or starting with www (bounded in length, so a huge line stays linear). */
export const URL_PATTERN = /\b(?:https?:\/\/|ftp:\/\/|mailto:|www\.)[^\s<>«»"]{0,2048}[^\s<>«»".,;:!?)\]]/giu;

/**
 * E-mail addresses. A match starts only where a run of address characters starts, and each part is
 * bounded as in RFC 5321 (64 characters before the @, 63 per label): unbounded, a 5 MB line of
 * letters made the search quadratic and overflowed the regular expression's stack.
 */
export const EMAIL_PATTERN = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]{1,64}@[\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63}){0,8}\.\p{L}{2,24}/gu;

/** The [start, end) ranges of `text` that are web or e-mail addresses (never read as words or punctuation). */
export function addressRanges(text: string): [number, number][] {
  const ranges: [number, number][] = [];
  for (const pattern of [URL_PATTERN, EMAIL_PATTERN]) {
    for (const m of text.matchAll(pattern)) ranges.push([m.index, m.index + m[0].length]);
  }
  return ranges.sort((a, b) => a[0] - b[0]);
}

/** A copy of `text` with the addresses replaced by U+FFFC of the same length, so indexes still line up. */
export function maskAddresses(text: string): string {
  let masked = text;
  for (const [start, end] of addressRanges(text)) masked = masked.slice(0, start) + '\ufffc'.repeat(end - start) + masked.slice(end);
  return masked;
}

/** A whole-word search for `term` (case-insensitive when it is written in lower case). */
export function termPattern(term: string): RegExp {
  const escaped = term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, term === term.toLowerCase() ? 'giu' : 'gu');
}
