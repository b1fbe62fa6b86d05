import type { Language } from './body';

// Frequent words of one language that are not words of the other (so "a", "on", "plus" are left out).
const STOPWORDS: Record<Language, Set<string>> = {
  en: new Set('the and of to is are will with for that this be by from have has we you your our it in was were which their they not or at an'.split(' ')),
  fr: new Set('le la les des du et est une un pour que qui dans avec sur au aux nous vous sont ce cette ces par pas été leur leurs ou être'.split(' ')),
};
const LONGEST = Math.max(...[...STOPWORDS.en, ...STOPWORDS.fr].map((w) => w.length));

const LETTER = /^\p{L}$/u;
/** Per BMP code unit: 0 not yet known, 1 a letter, 2 not one. */
const letters = new Uint8Array(0x10000);

/**
 * The language a text is clearly written in, judged by its frequent words; undefined when the text
 * is short or mixed. Used only to flag a block that looks untranslated, so it errs on the side of silence.
 * The text's words are its runs of letters, compared in lower case.
 */
export function clearLanguage(texts: readonly string[]): Language | undefined {
  const counts = { words: 0, en: 0, fr: 0 };
  for (const text of texts) countWords(text, counts);
  const { words, en, fr } = counts;
  if (words < 8) return undefined;
  if (en >= 4 && en >= 3 * fr) return 'en';
  if (fr >= 4 && fr >= 3 * en) return 'fr';
  return undefined;
}

/** The ASCII stop words by their letters read as a base-32 number (a = 1 … z = 26): no string per word to build. */
const ASCII_KEYS = new Map<number, Language>();
for (const lang of ['en', 'fr'] as const) {
  for (const word of STOPWORDS[lang]) {
    if (/^[a-z]+$/.test(word)) ASCII_KEYS.set([...word].reduce((key, ch) => key * 32 + ch.charCodeAt(0) - 96, 0), lang);
  }
}

/**
 * Counts the words of a text, and those that are stop words, in one pass without lower-casing the
 * whole text (a long block is most of a memo). Lower case keeps every letter a letter, one for one,
 * except U+0130 (İ), which becomes `i` and a combining dot that ends the word; so only a short
 * word can be a stop word, and only a short word with letters beyond ASCII needs lower-casing.
 */
function countWords(text: string, counts: { words: number; en: number; fr: number }): void {
  let start = -1;
  /** The lower-case ASCII letters of the word so far as a key, or -1 once it has another letter. */
  let key = 0;
  const wordEnds = (at: number, tail: string) => {
    counts.words++;
    if (at - start + tail.length <= LONGEST) {
      const lang = key >= 0 && tail === '' ? ASCII_KEYS.get(key) : stopword(text.slice(start, at).toLowerCase() + tail);
      if (lang) counts[lang]++;
    }
    start = -1;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 128) {
      const lower = c | 32;
      if (lower >= 97 && lower <= 122) {
        if (start < 0) {
          start = i;
          key = 0;
        }
        if (key >= 0 && i - start < LONGEST) key = key * 32 + lower - 96;
      } else if (start >= 0) wordEnds(i, '');
      continue;
    }
    let units = 1;
    let letter: boolean;
    if (c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      units = 2;
      letter = LETTER.test(text.slice(i, i + 2));
    } else {
      if (letters[c] === 0) letters[c] = LETTER.test(String.fromCharCode(c)) ? 1 : 2;
      letter = letters[c] === 1;
    }
    if (letter && start < 0) start = i;
    if (letter) key = -1;
    if (c === 0x130) wordEnds(i, 'i');
    else if (!letter && start >= 0) wordEnds(i, '');
    i += units - 1;
  }
  if (start >= 0) wordEnds(text.length, '');
}

function stopword(word: string): Language | undefined {
  if (STOPWORDS.en.has(word)) return 'en';
  return STOPWORDS.fr.has(word) ? 'fr' : undefined;
}
