import { isMap, isScalar, isSeq } from 'yaml';
import type { GlossaryTerm, MemoConfig } from './config/types';
import type { Fix } from './findings';
import { parseYamlDocument } from './parse';
import { TermMatcher } from './prose/terms';
import { LineIndex, TextEdit } from './text';
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

/**
 * The "Add to glossary" fix: appends the term to `.policy-memo/glossary.yaml`, creating the file when
 * needed (its first line is `header`, a YAML comment in the writer's language). Undefined when no config folder is known or the file is not a plain list to append to. The
 * file edit carries the term, so a host holding newer text of the glossary (an open editor) places it
 * again with `glossaryAppendEdit`.
 */
export function addToGlossary(config: MemoConfig, term: GlossaryTerm, title: string, header: string): Fix | undefined {
  const path = config.glossaryPath;
  if (!path) return undefined;
  const text = config.glossaryText;
  if (text === undefined) {
    const at = { line: 0, character: 0 };
    const newText = `${header}\n${entryLines(term, '', '- ').join('\n')}\n`;
    return { title, safe: false, edits: [], otherFiles: [{ path, create: true, edits: [{ range: { start: at, end: at }, newText }], glossaryTerm: term }] };
  }
  const edit = glossaryAppendEdit(text, term, layoutOf(config, text));
  return edit && { title, safe: false, edits: [], otherFiles: [{ path, edits: [edit], glossaryTerm: term }] };
}

/**
 * Whether a glossary's text already lists `term` (either of its sides, compared without case, as
 * `inGlossary` does): a host holding newer text than the check read appends nothing then.
 */
export function glossaryHolds(text: string, term: GlossaryTerm): boolean {
  const { doc } = parseYamlDocument(text);
  if (!doc || doc.errors.length > 0 || !isSeq(doc.contents)) return false;
  const sides = [term.en, term.fr].filter((s): s is string => s !== undefined).map((s) => s.toLowerCase());
  return doc.contents.items.some((item) => {
    if (!isMap(item)) return false;
    return item.items.some((pair) => {
      const value = isScalar(pair.value) ? pair.value.value : undefined;
      return typeof value === 'string' && sides.includes(value.toLowerCase());
    });
  });
}

/** Where the glossary's list ends and how its items are written. */
interface ListLayout {
  /** Offset to insert the new item at: after the list's last item (and its trailing comment), before any `...`. */
  at: number;
  /** Spaces before each item's `-`, and the `-` with the spaces up to the item's content. */
  indent: string;
  dash: string;
  lines: LineIndex;
}

/** The layout of a config's glossary, worked out once per loaded config (every finding's fix asks for it). */
const layouts = new WeakMap<MemoConfig, ListLayout | null>();
function layoutOf(config: MemoConfig, text: string): ListLayout | undefined {
  let layout = layouts.get(config);
  if (layout === undefined) {
    layout = listLayout(text) ?? null;
    layouts.set(config, layout);
  }
  return layout ?? undefined;
}

/**
 * The edit appending `term` to a glossary's text, in the list's own style (its indentation, the
 * spacing after its `-`), each value quoted when YAML would read it as anything but that text.
 * Undefined when the text is not a block list (or empty) to append to.
 */
export function glossaryAppendEdit(text: string, term: GlossaryTerm, layout = listLayout(text)): TextEdit | undefined {
  if (!layout) return undefined;
  const { at, indent, dash, lines } = layout;
  const eol = lines.eol;
  const before = at === 0 || text[at - 1] === '\n' ? '' : eol;
  const position = lines.positionAt(at);
  return { range: { start: position, end: position }, newText: `${before}${entryLines(term, indent, dash).join(eol)}${eol}` };
}

function listLayout(text: string): ListLayout | undefined {
  // The one-pass duplicate check: the parser's own is quadratic in the number of keys.
  const { doc } = parseYamlDocument(text);
  if (!doc || doc.errors.length > 0) return undefined;
  const lines = new LineIndex(text);
  const list = doc.contents;
  if (list === null || (!isSeq(list) && isEmptyScalar(list))) {
    // Only comments (or nothing, or `---`/`...`): the list starts at the end of the document's content.
    return { at: doc.range[1], indent: '', dash: '- ', lines };
  }
  if (!isSeq(list) || list.flow || !list.range) return undefined;
  const column = (offset: number) => offset - lines.offsetAt({ line: lines.positionAt(offset).line, character: 0 });
  const indent = ' '.repeat(column(list.range[0]));
  const first = list.items[0] as { range?: [number, number, number] } | undefined;
  const sameLine = first?.range && lines.positionAt(first.range[0]).line === lines.positionAt(list.range[0]).line;
  const gap = sameLine && first?.range ? first.range[0] - list.range[0] : 2;
  return { at: list.range[1], indent, dash: '-' + ' '.repeat(Math.max(1, gap - 1)), lines };
}

function isEmptyScalar(node: unknown): boolean {
  return typeof node === 'object' && node !== null && 'value' in node && (node as { value: unknown }).value === null && (node as { source?: unknown }).source === '';
}

/** The item's lines: `- en: …` then `  fr: …`, values quoted when needed. */
function entryLines(term: GlossaryTerm, indent: string, dash: string): string[] {
  return (['en', 'fr'] as const)
    .filter((side) => term[side] !== undefined)
    .map((side, i) => `${indent}${i === 0 ? dash : ' '.repeat(dash.length)}${side}: ${yamlScalar(term[side] as string)}`);
}
