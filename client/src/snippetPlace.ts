/**
 * Where the cursor is in a memo, read from its lines the way a writer lays them out, so completion
 * offers only the snippets whose text fits there: a whole memo in an empty file, a key or a list item
 * at the start of a front-matter line, a closing formula in the body, nothing inside a value. No YAML
 * parser: the client stays thin, and a half-typed memo (often invalid YAML) must still be read.
 */

/** The memo's lines, read on demand (the editor's document, or an array in tests). */
export interface MemoLines {
  readonly count: number;
  at(line: number): string;
}

export type Place =
  /** Nothing in the file but the word being typed. */
  | { kind: 'empty' }
  /**
   * The start of a YAML line (only indentation before the word): a key or a list item goes here.
   * `owner` is the top-level key whose lines these are, `childIndent` the indentation of its first line below it.
   */
  | { kind: 'key'; indent: number; owner?: string; childIndent?: number }
  /** Inside a value: after `key:` on its line, in a quoted, bracketed, block or continued value. */
  | { kind: 'value' }
  /** The memo's text: a `.memo.md` after its front matter, or a `.memo.yaml`'s `body:` block. */
  | { kind: 'body' }
  /** A comment or a `---` line. */
  | { kind: 'none' };

/** Where a snippet's text belongs: a whole memo, a top-level key, an item of one of these lists, or body text. */
export type SnippetWhere = 'memo' | 'key' | 'to' | 'from' | 'divisions' | 'body';

export const SNIPPET_WHERE: readonly SnippetWhere[] = ['memo', 'key', 'to', 'from', 'divisions', 'body'];

/** Whether a snippet that belongs `where` fits the place. */
export function fits(where: SnippetWhere, place: Place): boolean {
  switch (where) {
    case 'memo':
      return place.kind === 'empty';
    case 'body':
      return place.kind === 'body';
    case 'key':
      return place.kind === 'key' && place.indent === 0;
    default:
      // A list item under its own key, lined up with the lines already there.
      return place.kind === 'key' && place.owner === where && (place.childIndent === undefined || place.indent === place.childIndent);
  }
}

/** One language's half of a snippet's "English / Français" description (the one VS Code's Insert Snippet shows whole). */
export function descriptionIn(description: string, locale: 'en' | 'fr'): string {
  const [en, fr] = description.split(' / ');
  return (locale === 'fr' ? fr : en) ?? description;
}

/** The text a snippet inserts, its fields filled with their placeholders, for the completion's details (`today` for the date). */
export function snippetPreview(body: string, today: string): string {
  let text = body.replace(/\$\{\d+\|((?:[^,|\\]|\\.)*)[^}]*\}/g, '$1');
  for (let before = ''; before !== text; ) {
    before = text;
    text = text.replace(/\$\{\d+:([^{}]*)\}/g, '$1');
  }
  return text
    .replace(/\$CURRENT_YEAR-\$CURRENT_MONTH-\$CURRENT_DATE/g, today)
    .replace(/\$\{?\d+\}?/g, '')
    .replace(/\\([$},|\\])/g, '$1');
}

/** The word being typed before the cursor: what completion matches against the prefixes. */
const WORD = /[\p{L}\p{N}_]*$/u;
const DELIMITER = /^\uFEFF?---[ \t]*$/;
const CLOSER = /^(---|\.\.\.)[ \t]*$/;
const LINE = /^([ \t]*)((?:-[ \t]+)*)(.*)$/;
/** A key and its colon, as the engine reads one (yaml-mistakes.ts). */
const KEY = /^("[^"]*"|'[^']*'|[^\s:#"'{}[\],&*!|>%@`-][^:#]*|-[^\s:#][^:#]*):(?=[ \t]|$)/;
const BLOCK = /^[|>][0-9+-]*[ \t]*(#.*)?$/;

const blank = (text: string) => text.trim() === '';
const indentOf = (text: string) => /^[ \t]*/.exec(text)?.[0].length ?? 0;

/** The place of the cursor at `line`, `character` in a memo of this kind. */
export function placeAt(lines: MemoLines, kind: 'markdown' | 'yaml', line: number, character: number): Place {
  const text = lines.at(line);
  const wordStart = character - (WORD.exec(text.slice(0, character))?.[0].length ?? 0);
  const before = text.slice(0, wordStart);
  if (blank(before) && blank(text.slice(character)) && onlyLine(lines, line)) return { kind: 'empty' };
  if (kind === 'yaml') return yamlPlace(lines, 0, line, before, true);
  if (!DELIMITER.test(lines.at(0))) return { kind: 'body' };
  if (line === 0) return { kind: 'none' };
  for (let i = 1; i < line; i++) if (CLOSER.test(lines.at(i))) return { kind: 'body' };
  if (CLOSER.test(text)) return { kind: 'none' };
  return yamlPlace(lines, 1, line, before, false);
}

/** Whether every line but `line` is blank (stops at the first that is not). */
function onlyLine(lines: MemoLines, line: number): boolean {
  for (let i = 0; i < lines.count; i++) if (i !== line && !blank(lines.at(i))) return false;
  return true;
}

/** What is still open at the end of a line: a block, quoted, bracketed or plain value that goes on below. */
interface Open {
  block?: { parent: number; body: boolean };
  quote?: string;
  flow?: number;
  plain?: number;
}

function yamlPlace(lines: MemoLines, first: number, line: number, before: string, bodyKey: boolean): Place {
  let open: Open = {};
  let owner: string | undefined;
  let childIndent: number | undefined;
  for (let i = first; i < line; i++) {
    const text = lines.at(i);
    const indent = indentOf(text);
    if (open.block) {
      if (blank(text) || indent > open.block.parent) continue;
      open = {};
    }
    if (open.quote) {
      const end = closingQuote(text, 0, open.quote);
      if (end < 0) continue;
      open = {};
      continue;
    }
    if (open.flow) {
      open.flow = flowDepth(text, 0, open.flow);
      if (open.flow > 0) continue;
      open = {};
      continue;
    }
    if (open.plain !== undefined) {
      if (blank(text) || indent > open.plain) continue;
      open = {};
    }
    const m = LINE.exec(text) as RegExpExecArray;
    const rest = m[3];
    if (rest.trim() === '' && m[2] === '') continue;
    if (rest.startsWith('#')) continue;
    const key = KEY.exec(rest);
    if (indent === 0 && m[2] === '') {
      owner = key ? key[1].trim() : undefined;
      childIndent = undefined;
    } else if (childIndent === undefined && owner !== undefined) childIndent = indent;
    if (!key && m[2] === '') continue;
    const keyCol = m[1].length + m[2].length;
    const valueStart = key ? keyCol + key[0].length : keyCol;
    open = opened(text, valueStart, key ? keyCol : m[1].length, bodyKey && indent === 0 && m[2] === '' && key?.[1].trim() === 'body');
  }
  // On the cursor's line, the word typed is not yet text: only what comes before it counts.
  if (open.block && indentOf(before) > open.block.parent) return open.block.body ? { kind: 'body' } : { kind: 'value' };
  if (open.quote || open.flow) return { kind: 'value' };
  if (open.plain !== undefined && indentOf(before) > open.plain) return { kind: 'value' };
  if (/^[ \t]*$/.test(before)) return { kind: 'key', indent: before.length, owner, childIndent };
  return /(^|[ \t])#/.test(stripQuoted(before)) ? { kind: 'none' } : { kind: 'value' };
}

/** What a value starting at `start` of `text` leaves open for the lines below. */
function opened(text: string, start: number, parent: number, body: boolean): Open {
  const value = text.slice(start).trimStart();
  const at = text.length - value.length;
  if (value === '' || value.startsWith('#')) return {};
  if (BLOCK.test(value)) return { block: { parent, body } };
  const c = value[0];
  if (c === '"' || c === "'") return closingQuote(text, at + 1, c) < 0 ? { quote: c } : {};
  if (c === '[' || c === '{') {
    const depth = flowDepth(text, at, 0);
    return depth > 0 ? { flow: depth } : {};
  }
  return { plain: parent };
}

/** The index just past the closing quote from `from` on, or -1 when the line does not close it. */
function closingQuote(text: string, from: number, quote: string): number {
  for (let k = from; k < text.length; k++) {
    if (quote === '"' && text[k] === '\\') k++;
    else if (text[k] === quote) {
      if (quote === "'" && text[k + 1] === "'") k++;
      else return k + 1;
    }
  }
  return -1;
}

/** The bracket depth after `text` from `from` on, starting at `depth` (quotes and comments skipped). */
function flowDepth(text: string, from: number, depth: number): number {
  for (let k = from; k < text.length; k++) {
    const c = text[k];
    if (c === '"' || c === "'") {
      const end = closingQuote(text, k + 1, c);
      if (end < 0) return depth;
      k = end - 1;
    } else if (c === '#' && (k === 0 || /\s/.test(text[k - 1]))) return depth;
    else if (c === '[' || c === '{') depth++;
    else if ((c === ']' || c === '}') && depth > 0) depth--;
  }
  return depth;
}

/** The text with its quoted parts blanked, so a `#` inside quotes is not a comment. */
function stripQuoted(text: string): string {
  return text.replace(/"(?:[^"\\]|\\.)*"?|'(?:[^']|'')*'?/g, (q) => ' '.repeat(q.length));
}
