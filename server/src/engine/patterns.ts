/** Text patterns several rules share: what is an address rather than words. */

/** Web addresses, written with a scheme or starting with www. */
export const URL_PATTERN = /\b(?:https?:\/\/|ftp:\/\/|mailto:|www\.)[^\s<>«»"]*[^\s<>«»".,;:!?)\]]/giu;

/** E-mail addresses. */
export const EMAIL_PATTERN = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;

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
