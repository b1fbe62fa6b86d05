import type { Language } from './body';
import { maskRanges } from './patterns';

/** A number as written, with its value in one canonical form so `1 000`, `1,000` and `1000` compare equal. */
export interface NumberMention {
  value: string;
  start: number;
  end: number;
}

const EN_TIME = /(?<![\p{L}\p{N}])(\d{1,2})(?::(\d{2}))?\s*([ap])\.?\s?m\b\.?/giu;
const FR_TIME = /(?<![\p{L}\p{N}])(\d{1,2})\s?h\s?(\d{2})?(?![\p{L}])()/gu;
const CLOCK = /(?<![\p{L}\p{N}])(\d{1,2}):(\d{2})(?!\d)()/gu;
const EN_NUMBER = /(?<![\p{N}.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\p{N}.,])\d+(?:\.\d+)?/gu;
const FR_NUMBER = /(?<![\p{N},])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?(?!\d)|(?<![\p{N},])\d+(?:,\d+)?/gu;

function canonical(digits: string): string {
  const n = Number(digits);
  return Number.isFinite(n) ? String(n) : digits;
}

/**
 * The numbers of a text in its language's notation: English `1,000.5`, French `1 000,5`; times count as
 * their hour (24-hour) and minutes, so `4:30 p.m.` and `16 h 30` agree. Masked text (U+FFFC) is skipped.
 */
export function numbersIn(text: string, lang: Language): NumberMention[] {
  const found: NumberMention[] = [];
  const times = [...text.matchAll(lang === 'en' ? EN_TIME : FR_TIME)];
  const clocks = [...text.matchAll(CLOCK)];
  // A time's characters are blanked once read, so a clock inside it, and its digits, are not read again.
  // Matches of one pattern never overlap, so only a clock starting inside a time is skipped.
  const blanks: { start: number; end: number }[] = [];
  let t = 0;
  const inTime = (at: number) => {
    while (t < times.length && times[t].index + times[t][0].length <= at) t++;
    return t < times.length && times[t].index <= at;
  };
  for (const [i, m] of [...times, ...clocks].entries()) {
    if (i >= times.length && inTime(m.index)) continue;
    let hour = Number(m[1]);
    const half = m[3]?.toLowerCase();
    if (half === 'p' && hour < 12) hour += 12;
    if (half === 'a' && hour === 12) hour = 0;
    const end = m.index + m[0].length;
    found.push({ value: String(hour), start: m.index, end });
    if (m[2] && Number(m[2]) !== 0) found.push({ value: String(Number(m[2])), start: m.index, end });
    blanks.push({ start: m.index, end });
  }
  const rest = maskRanges(text, blanks, ' ');
  for (const m of rest.matchAll(lang === 'en' ? EN_NUMBER : FR_NUMBER)) {
    const digits = lang === 'en' ? m[0].replace(/,/g, '') : m[0].replace(/[ \u00a0\u202f]/g, '').replace(',', '.');
    found.push({ value: canonical(digits), start: m.index, end: m.index + m[0].length });
  }
  return found.sort((a, b) => a.start - b.start);
}
