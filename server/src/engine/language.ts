import type { Language } from './body';

// Frequent words of one language that are not words of the other (so "a", "on", "plus" are left out).
const STOPWORDS: Record<Language, Set<string>> = {
  en: new Set('the and of to is are will with for that this be by from have has we you your our it in was were which their they not or at an'.split(' ')),
  fr: new Set('le la les des du et est une un pour que qui dans avec sur au aux nous vous sont ce cette ces par pas été leur leurs ou être'.split(' ')),
};
const WORDS = /\p{L}+/gu;

/**
 * The language a text is clearly written in, judged by its frequent words; undefined when the text
 * is short or mixed. Used only to flag a block that looks untranslated, so it errs on the side of silence.
 */
export function clearLanguage(text: string): Language | undefined {
  // Counted while matching: no array of every word of a long block.
  let words = 0;
  let en = 0;
  let fr = 0;
  const lower = text.toLowerCase();
  WORDS.lastIndex = 0;
  for (let m = WORDS.exec(lower); m; m = WORDS.exec(lower)) {
    words++;
    if (STOPWORDS.en.has(m[0])) en++;
    else if (STOPWORDS.fr.has(m[0])) fr++;
  }
  if (words < 8) return undefined;
  if (en >= 4 && en >= 3 * fr) return 'en';
  if (fr >= 4 && fr >= 3 * en) return 'fr';
  return undefined;
}
