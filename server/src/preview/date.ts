import { isRealDay } from '../engine/dates';
import type { MemoLang } from './labels';

const MONTHS: Record<MemoLang, readonly string[]> = {
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  fr: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
};

/**
 * The memo's date line from its ISO date: `June 11, 2021`, `Le 11 juin 2021`, `Le 1er juin 2021`
 * (French: month in lower case, `1er` on the first, article capitalised at the start of the line).
 * Undefined when the value is not a real YYYY-MM-DD day (the preview then shows it as written).
 */
export function formatMemoDate(value: string, lang: MemoLang): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return undefined;
  const [year, month, day] = [+m[1], +m[2], +m[3]];
  if (!isRealDay(year, month, day)) return undefined;
  const name = MONTHS[lang][month - 1];
  if (lang === 'en') return `${name} ${day}, ${year}`;
  return `Le ${day === 1 ? '1er' : day} ${name} ${year}`;
}
