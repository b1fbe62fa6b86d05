import { isMap, isScalar, isSeq } from 'yaml';
import { pairOf, YamlPath } from '../ast';
import { analyzeBody, Language } from './body';
import type { MappedText } from './mapped';
import type { ParsedMemo } from '../parse';
import { mapScalar } from './scalars';

/** A piece of the memo a reader reads, with its language when it has one. */
export interface MemoText {
  /** The top-level key it belongs to, or `body`. */
  field: string;
  /** Its data path (fields only). */
  path?: YamlPath;
  /** Undefined for text in no particular language (a two-language memo's names and lists). */
  lang?: Language;
  text: MappedText;
}

/**
 * The front-matter keys holding words, in the order a reader meets them in the printed memo (the
 * copies and attachments come after the body), and which of their sub-keys are words.
 */
const READING_ORDER: readonly string[] = ['ministry', 'divisions', 'address', 'to', 'from', 'subject', 'body', 'cc', 'attachments', 'contact'];
const WORD_KEYS: Record<string, readonly string[]> = { from: ['title', 'division'], contact: ['title'] };

/** The memo's languages: one (`lang: fr`) or two (`lang: [en, fr]`); none when `lang` is not valid. */
export function memoLanguages(memo: ParsedMemo): Language[] {
  const lang = (memo.data as { lang?: unknown } | undefined)?.lang;
  const valid = (l: unknown): l is Language => l === 'en' || l === 'fr';
  if (valid(lang)) return [lang];
  if (Array.isArray(lang) && lang.every(valid)) return lang;
  return [];
}

const cache = new WeakMap<ParsedMemo, readonly MemoText[]>();

/**
 * Every piece of writing in the memo, in reading order: field values (each language side apart) and
 * the body's paragraphs. Gathered once per parse: the rules that read it share the same pieces (and
 * so whatever is cached about each piece, such as its addresses).
 */
export function memoTexts(memo: ParsedMemo): readonly MemoText[] {
  let texts = cache.get(memo);
  if (!texts) {
    texts = gather(memo);
    cache.set(memo, texts);
  }
  return texts;
}

function gather(memo: ParsedMemo): MemoText[] {
  const languages = memoLanguages(memo);
  const single = languages.length === 1 ? languages[0] : undefined;
  const root = memo.doc?.contents;
  const out: MemoText[] = [];
  const visit = (field: string, node: unknown, path: YamlPath, lang: Language | undefined, keys?: readonly string[]) => {
    if (isScalar(node)) {
      const text = mapScalar(memo.text, memo.yamlStart, node);
      if (text) out.push({ field, path, lang, text });
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => visit(field, item, [...path, i], lang, keys));
    } else if (isMap(node)) {
      for (const pair of node.items) {
        if (!isScalar(pair.key)) continue;
        const key = String(pair.key.value);
        if (key === 'en' || key === 'fr') visit(field, pair.value, [...path, key], key);
        else if (keys?.includes(key)) visit(field, pair.value, [...path, key], lang);
      }
    }
  };
  for (const field of READING_ORDER) {
    if (field === 'body') {
      for (const section of analyzeBody(memo).sections) {
        for (const text of section.prose) out.push({ field, lang: section.lang ?? single, text });
      }
      continue;
    }
    if (!isMap(root)) continue;
    const pair = pairOf(root, field);
    if (pair) visit(field, pair.value, [field], single, WORD_KEYS[field]);
  }
  return out;
}
