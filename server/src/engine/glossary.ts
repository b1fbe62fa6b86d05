import { isSeq, parseDocument } from 'yaml';
import type { GlossaryTerm, MemoConfig } from './config/types';
import type { Fix } from './findings';
import { TermMatcher } from './prose/terms';
import { LineIndex, Position } from './text';
import { yamlScalar } from './yaml-text';

/** A glossary made ready for the rules: built once per loaded glossary, whatever its size. */
export interface GlossaryIndex {
  /** Every term of either side, in lower case. */
  known: Set<string>;
  /** Per language: a matcher over the pairs' terms in that language, and each matcher index's glossary index. */
  pairs: Record<'en' | 'fr', { matcher: TermMatcher; index: number[] }>;
}

const indexes = new WeakMap<readonly GlossaryTerm[], GlossaryIndex>();

/**
 * The index of a glossary (a config's `glossary` list), built on first use and kept as long as the
 * config is: each check then costs a set lookup per word and one pass per text, not a search per term.
 */
export function glossaryIndex(glossary: readonly GlossaryTerm[]): GlossaryIndex {
  let index = indexes.get(glossary);
  if (!index) {
    const known = new Set<string>();
    for (const term of glossary) {
      if (term.en !== undefined) known.add(term.en.toLowerCase());
      if (term.fr !== undefined) known.add(term.fr.toLowerCase());
    }
    // Parity compares the pairs whose two sides differ; a word used as is has nothing to compare.
    const side = (lang: 'en' | 'fr') => {
      const at: number[] = [];
      glossary.forEach((term, i) => {
        if (term.en && term.fr && term.en !== term.fr) at.push(i);
      });
      return { matcher: new TermMatcher(at.map((i) => glossary[i][lang] as string)), index: at };
    };
    index = { known, pairs: { en: side('en'), fr: side('fr') } };
    indexes.set(glossary, index);
  }
  return index;
}

/** Whether the glossary holds `word` on either side (compared without case). */
export function inGlossary(config: MemoConfig, word: string): boolean {
  return glossaryIndex(config.glossary).known.has(word.toLowerCase());
}

const HEADER = '# Terms for Policy Memo: pairs {en, fr}, or one side for a word used as is.';

/**
 * The "Add to glossary" fix: appends the term to `.policy-memo/glossary.yaml`, creating the file when
 * needed. Undefined when no config folder is known or the file is not a plain list to append to.
 */
export function addToGlossary(config: MemoConfig, term: GlossaryTerm, title: string): Fix | undefined {
  const path = config.glossaryPath;
  if (!path) return undefined;
  const text = config.glossaryText;
  const entry = (eol: string) =>
    (['en', 'fr'] as const)
      .filter((side) => term[side] !== undefined)
      .map((side, i) => `${i === 0 ? '- ' : '  '}${side}: ${yamlScalar(term[side] as string)}`)
      .join(eol);
  if (text === undefined) {
    const at = { line: 0, character: 0 };
    return { title, safe: false, edits: [], otherFiles: [{ path, create: true, edits: [{ range: { start: at, end: at }, newText: `${HEADER}\n${entry('\n')}\n` }] }] };
  }
  const point = appendPoint(text);
  if (!point) return undefined;
  const { end, eol, before } = point;
  return { title, safe: false, edits: [], otherFiles: [{ path, edits: [{ range: { start: end, end }, newText: `${before}${entry(eol)}${eol}` }] }] };
}

interface AppendPoint {
  end: Position;
  eol: string;
  before: string;
}

/** The last glossary text read, and where to append to it: each acronym finding offers the fix, and a 10,000-term glossary takes a second to parse. */
let appendCache: { text: string; point: AppendPoint | undefined } | undefined;

/** Where a new entry goes at the end of a glossary's text; undefined when the text is not a plain list to append to. */
function appendPoint(text: string): AppendPoint | undefined {
  if (appendCache?.text === text) return appendCache.point;
  let point: AppendPoint | undefined;
  const doc = parseDocument(text);
  if (doc.errors.length === 0 && (doc.contents === null || (isSeq(doc.contents) && !doc.contents.flow))) {
    const lines = new LineIndex(text);
    point = { end: lines.positionAt(text.length), eol: lines.eol, before: text === '' || /[\r\n]$/.test(text) ? '' : lines.eol };
  }
  appendCache = { text, point };
  return point;
}
