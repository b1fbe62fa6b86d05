import type { Language } from './body';

// Frequent words of one language that are not words of the other (so "a", "on", "plus" are left out).
const STOPWORDS: Record<Language, Set<string>> = {
  en: new Set('the and of to is are will with for that this be by from have has we you your our it in was were which their they not or at an'.split(' ')),
  fr: new Set('le la les des du et est une un pour que qui dans avec sur au aux nous vous sont ce cette ces par pas été leur leurs ou être'.split(' ')),
};

/**
 * The language a text is clearly written in, judged by its frequent words; undefined when the text
 * is short or mixed. Used only to flag a block that looks untranslated, so it errs on the side of silence.
 */
export function clearLanguage(text: string): Language | undefined {
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  if (words.length < 8) return undefined;
  const count = (lang: Language) => words.filter((w) => STOPWORDS[lang].has(w)).length;
  const en = count('en');
  const fr = count('fr');
  if (en >= 4 && en >= 3 * fr) return 'en';
  if (fr >= 4 && fr >= 3 * en) return 'fr';
  return undefined;
}
