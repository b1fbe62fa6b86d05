import { isSeq, parseDocument } from 'yaml';
import type { GlossaryTerm, MemoConfig } from './config/types';
import type { Fix } from './findings';
import { LineIndex } from './text';
import { yamlScalar } from './yaml-text';

/** Whether the glossary holds `word` on either side (compared without case for words in lower case). */
export function inGlossary(config: MemoConfig, word: string): boolean {
  const same = (term: string | undefined) => term !== undefined && (term === word || term.toLowerCase() === word.toLowerCase());
  return config.glossary.some((t) => same(t.en) || same(t.fr));
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
  const doc = parseDocument(text);
  if (doc.errors.length > 0 || (doc.contents !== null && !(isSeq(doc.contents) && !doc.contents.flow))) return undefined;
  const lines = new LineIndex(text);
  const end = lines.positionAt(text.length);
  const eol = lines.eol;
  const before = text === '' || /[\r\n]$/.test(text) ? '' : eol;
  return { title, safe: false, edits: [], otherFiles: [{ path, edits: [{ range: { start: end, end }, newText: `${before}${entry(eol)}${eol}` }] }] };
}
