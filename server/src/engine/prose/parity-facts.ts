import type { BodySection, Language } from './body';
import type { GlossaryTerm } from '../config/types';
import type { MappedText } from './mapped';
import { numbersIn } from './numbers';
import { addressesOf } from './patterns';
import { glossaryIndex } from '../glossary';

/** Something found on one side: its canonical value, as written, and where (document offsets). */
export interface Mention {
  shown: string;
  span: [number, number];
}

/** What one language's text holds that its translation must hold too. */
export interface SideFacts {
  lang: Language;
  /** Where a finding about this side as a whole goes. */
  anchor: [number, number];
  numbers: Map<string, Mention>;
  emails: Map<string, Mention>;
  urls: Map<string, Mention>;
  /** Glossary pairs (by index) whose term in this side's language appears. */
  terms: Map<number, Mention>;
  paragraphs: number;
  listItems: number;
  links: number;
}

function remember(map: Map<string, Mention> | Map<number, Mention>, key: string | number, text: MappedText, start: number, end: number): void {
  if ((map as Map<string | number, Mention>).has(key)) return;
  (map as Map<string | number, Mention>).set(key, { shown: text.text.slice(start, end), span: text.span(start, end) });
}

/** The facts of a language's sections of a body (all of them for a one-language memo). */
export function sideFacts(sections: readonly BodySection[], lang: Language, glossary: readonly GlossaryTerm[], anchor: [number, number]): SideFacts {
  const facts: SideFacts = {
    lang,
    anchor,
    numbers: new Map(),
    emails: new Map(),
    urls: new Map(),
    terms: new Map(),
    paragraphs: 0,
    listItems: 0,
    links: 0,
  };
  const terms = glossaryIndex(glossary).pairs[lang];
  for (const section of sections) {
    facts.paragraphs += section.paragraphs;
    facts.listItems += section.listItems;
    facts.links += section.links.length;
    for (const text of section.prose) {
      const { emails, urls, masked: words } = addressesOf(text);
      for (const m of emails) remember(facts.emails, m.text.toLowerCase(), text, m.start, m.end);
      for (const m of urls) remember(facts.urls, m.text.replace(/\/$/, ''), text, m.start, m.end);
      for (const n of numbersIn(words, lang)) remember(facts.numbers, n.value, text, n.start, n.end);
      for (const m of terms.matcher.firstMatches(words)) remember(facts.terms, terms.index[m.index], text, m.start, m.end);
    }
  }
  return facts;
}
