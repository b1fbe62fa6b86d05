import { isMap, isPair, isScalar, isSeq, Node, Scalar, YAMLError } from 'yaml';
import { forEachMap, nodeAt, pairOf, YamlPath } from './ast';
import type { MessageId, MessageParams } from './messages';
import type { ParsedMemo } from './parse';

/**
 * The YAML mistakes writers make, found where they made them. The parser notices a mistake where it
 * stops making sense of the text (often lines below, at the end of the front matter); these helpers
 * read the lines around that place and the parsed nodes to find the line, quote or bracket the writer
 * got wrong, what it should have been, and an edit that puts it right. Offsets are absolute in the memo.
 */

/** A replacement of [start, end) by `text`, in the memo's absolute offsets. */
export interface MistakeEdit {
  start: number;
  end: number;
  text: string;
}

export interface MistakeFix {
  title: MessageId;
  params?: MessageParams;
  edits: MistakeEdit[];
  safe: boolean;
}

/** One mistake, said once, at the place it was made. */
export interface YamlMistake {
  start: number;
  end: number;
  message: MessageId;
  params?: MessageParams;
  fixes: MistakeFix[];
  /** YAML that is valid but surely not what the writer meant (a subject cut by `#`): a warning. */
  warning?: boolean;
  related?: { start: number; end: number; message: MessageId; params?: MessageParams };
}

/** One line of the YAML, read the way a writer lays it out. */
interface YamlLine {
  line: number;
  start: number;
  end: number;
  text: string;
  /** Leading spaces and tabs. */
  indent: number;
  tab: boolean;
  /** Empty or only a comment. */
  blank: boolean;
  /** Starts with `- `. */
  item: boolean;
  /** Column after the indentation and any `- ` markers, where a key or value starts. */
  keyCol: number;
  key?: string;
  /** `key:` with nothing after it: the lines below belong to it. */
  opens: boolean;
}

const LINE = /^([ \t]*)((?:-[ \t]+)*)(.*)$/;
// Greedy, with no optional spaces before the colon, so a long line without a colon is read in linear time.
const KEY = /^("[^"]*"|'[^']*'|[^\s:#"'{}[\],&*!|>%@`-][^:#]*|-[^\s:#][^:#]*):(?=[ \t]|$)/;

export class YamlLines {
  readonly lines: YamlLine[] = [];

  constructor(private readonly memo: ParsedMemo, readonly start: number, readonly end: number) {
    const idx = memo.lines;
    const first = idx.positionAt(start).line;
    const last = idx.positionAt(end).line;
    for (let line = first; line <= last; line++) {
      const s = Math.max(idx.lineStart(line), start);
      const e = Math.min(idx.lineEnd(line), end);
      if (line === last && line > first && s >= end) break;
      const text = memo.text.slice(s, e);
      const m = LINE.exec(text) as RegExpExecArray;
      const rest = m[3];
      const key = KEY.exec(rest);
      const item = m[2] !== '';
      const afterKey = key ? rest.slice(key[0].length).trim() : '';
      this.lines.push({
        line, start: s, end: e, text,
        indent: m[1].length,
        tab: m[1].includes('\t') || m[2].includes('\t'),
        blank: !item && (rest.trim() === '' || rest.startsWith('#')),
        item,
        keyCol: m[1].length + m[2].length,
        key: key ? key[1].trimEnd() : undefined,
        opens: key !== null && (afterKey === '' || afterKey.startsWith('#')),
      });
    }
  }

  /** The index of the line holding `offset`. */
  at(offset: number): number {
    const line = this.memo.lines.positionAt(offset).line;
    return Math.max(0, Math.min(this.lines.length - 1, line - (this.lines[0]?.line ?? 0)));
  }

  private previous(i: number): number | undefined {
    for (let j = i - 1; j >= 0; j--) if (!this.lines[j].blank) return j;
    return undefined;
  }

  private next(i: number): number | undefined {
    for (let j = i + 1; j < this.lines.length; j++) if (!this.lines[j].blank) return j;
    return undefined;
  }

  /**
   * The column line `i` should start at, and the line it lines up with: the list item before it for
   * an item, the first child of the key above it, else the key on the line above.
   */
  expected(i: number): { column: number; ref?: YamlLine; under?: boolean } {
    const me = this.lines[i];
    const p = this.previous(i);
    if (p === undefined) return { column: 0 };
    const above = this.lines[p];
    if (me.item && !above.opens) {
      for (let j = p; j >= 0; j--) {
        const l = this.lines[j];
        if (l.item && !l.tab) return { column: l.indent, ref: l };
      }
    }
    if (above.opens) {
      const n = this.next(i);
      const sibling = n === undefined ? undefined : this.lines[n];
      if (sibling && !sibling.tab && sibling.indent > above.keyCol && sibling.indent <= above.keyCol + 8 && sibling.item === me.item) {
        return { column: sibling.indent, ref: sibling };
      }
      return { column: above.keyCol + 2, ref: above, under: true };
    }
    return { column: above.keyCol, ref: above };
  }

  /** Edits that move line `i` to `column`, with the lines below it that belong to it. */
  reindent(i: number, column: number): MistakeEdit[] {
    const me = this.lines[i];
    const delta = column - me.indent;
    const edits: MistakeEdit[] = [{ start: me.start, end: me.start + me.indent, text: ' '.repeat(column) }];
    // A tab has no width a writer can count, so the lines below it are left where they are.
    if (me.tab) return edits;
    for (let j = i + 1; j < this.lines.length; j++) {
      const l = this.lines[j];
      if (l.blank && l.text.trim() === '') continue;
      if (l.indent <= me.indent || l.tab) break;
      edits.push({ start: l.start, end: l.start + l.indent, text: ' '.repeat(Math.max(0, l.indent + delta)) });
    }
    return edits;
  }

  /** The indentation mistake of line `i`, if its indentation is not the expected one. */
  indentMistake(i: number): YamlMistake | undefined {
    const me = this.lines[i];
    if (me.blank || (!me.key && !me.item)) return undefined;
    const { column, ref, under } = this.expected(i);
    if (column === me.indent && !me.tab) return undefined;
    const start = me.start;
    const end = me.start + me.indent + (me.key && !me.item ? me.key.length : 1);
    const fix: MistakeFix = { title: me.tab ? 'fix.tabsToSpaces' : 'fix.reindent', params: { spaces: column }, edits: this.reindent(i, column), safe: false };
    const line = ref ? ref.line + 1 : 1;
    if (me.tab) return { start, end: me.start + me.indent, message: 'yaml.tabIndent', params: { spaces: column, line }, fixes: [fix] };
    if (me.item) return { start, end, message: 'yaml.itemAlign', params: { line, spaces: column }, fixes: [fix] };
    const message: MessageId = under ? 'yaml.indentUnder' : 'yaml.indentAlign';
    return { start, end, message, params: { key: me.key ?? '', other: ref?.key ?? '', line, spaces: column }, fixes: [fix] };
  }

  line(i: number): YamlLine {
    return this.lines[i];
  }

  nextContent(i: number): number | undefined {
    return this.next(i);
  }
}

/** Double-quotes a value so YAML reads exactly its text. */
export function doubleQuoted(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** A value that goes on past its line: the next line is indented under the key and is neither a key nor an item. */
function continues(lines: YamlLines, i: number): boolean {
  const n = lines.nextContent(i);
  if (n === undefined) return false;
  const l = lines.line(n);
  return l.indent > lines.line(i).indent && !l.key && !l.item;
}

/** `key: Budget 2021-2022 : répartition`: a colon and a space inside a value. */
function colonInValue(memo: ParsedMemo, lines: YamlLines, i: number, valueStart: number): YamlMistake | undefined {
  const l = lines.line(i);
  const before = memo.text.slice(l.start, valueStart);
  if (!/^[ \t]*(?:-[ \t]+)*[^\s#][^#]*:[ \t]+$/.test(before)) return undefined;
  const value = memo.text.slice(valueStart, l.end).replace(/[ \t]+$/, '');
  const colon = /[ \t]*:(?=[ \t]|$)/.exec(value);
  if (!colon || /^["'[{]/.test(value)) return undefined;
  const start = valueStart + colon.index;
  const fixes: MistakeFix[] = continues(lines, i) ? [] : [{
    title: 'fix.quoteValue',
    edits: [{ start: valueStart, end: valueStart + value.length, text: doubleQuoted(value) }],
    safe: !/[ \t]#/.test(value),
  }];
  return { start, end: start + colon[0].length, message: 'yaml.colonInValue', fixes };
}

/** `date:2021-06-11`: a key and its value with no space after the colon. */
function missingSpace(lines: YamlLines, i: number): YamlMistake | undefined {
  const l = lines.line(i);
  const m = /^([ \t]*(?:-[ \t]+)*)([A-Za-z_][\w-]*):(?=[^\s:/])/.exec(l.text);
  if (!m || l.key) return undefined;
  const colon = l.start + m[1].length + m[2].length;
  return {
    start: colon, end: colon + 1, message: 'yaml.spaceAfterColon', params: { key: m[2] },
    fixes: [{ title: 'fix.spaceAfterColon', edits: [{ start: colon + 1, end: colon + 1, text: ' ' }], safe: true }],
  };
}

/** `lang fr`: a key and its value with no colon between them. */
function missingColon(lines: YamlLines, i: number): YamlMistake | undefined {
  const l = lines.line(i);
  if (l.item || l.key || l.text.includes(':')) return undefined;
  const m = /^([ \t]*)([A-Za-z_][\w-]*)(?=[ \t]+\S)/.exec(l.text);
  if (!m) return undefined;
  const at = l.start + m[1].length + m[2].length;
  return {
    start: l.start + m[1].length, end: at, message: 'yaml.missingColon', params: { key: m[2] },
    fixes: [{ title: 'fix.addColon', params: { key: m[2] }, edits: [{ start: at, end: at, text: ':' }], safe: false }],
  };
}

/** An unclosed quote: the quoted scalar that runs to where the parser gave up. */
function unclosedQuote(memo: ParsedMemo, lines: YamlLines, error: YAMLError): YamlMistake | undefined {
  let found: Scalar | undefined;
  visitScalars(memo.doc?.contents, (s) => {
    if ((s.type === 'QUOTE_DOUBLE' || s.type === 'QUOTE_SINGLE') && s.range && s.range[1] >= error.pos[0] - 1 && (!found || (s.range[0] > (found.range?.[0] ?? 0)))) found = s;
  });
  if (!found?.range) return undefined;
  const open = memo.yamlStart + found.range[0];
  const quote = memo.text[open];
  if (quote !== '"' && quote !== "'") return undefined;
  const i = lines.at(open);
  // The value the writer meant: its first line, and the lines below indented under it that are neither keys nor items.
  let last = i;
  for (let j = i + 1; j < lines.lines.length; j++) {
    const l = lines.line(j);
    if (l.text.trim() === '') break;
    if (l.key || l.item || l.indent <= lines.line(i).indent) break;
    last = j;
  }
  const endLine = lines.line(last);
  const close = endLine.start + endLine.text.replace(/[ \t]+$/, '').length;
  const value = memo.text.slice(open + 1, close);
  const ambiguous = last !== i || value.includes(quote) || (quote === '"' && value.includes('\\'));
  return {
    start: open, end: open + 1, message: 'yaml.unclosedQuote', params: { quote },
    fixes: [{ title: last === i ? 'fix.closeQuoteLine' : 'fix.closeQuoteValue', params: { quote }, edits: [{ start: close, end: close, text: quote }], safe: !ambiguous }],
  };
}

function visitScalars(node: unknown, visit: (s: Scalar) => void): void {
  if (isScalar(node)) visit(node);
  else if (isMap(node) || isSeq(node)) {
    for (const item of node.items) {
      if (isPair(item)) {
        visitScalars(item.key, visit);
        visitScalars(item.value, visit);
      } else visitScalars(item, visit);
    }
  }
}

/** `[` or `{` never closed: the last opener above the place the parser noticed, with no closer after it. */
function unclosedBracket(memo: ParsedMemo, lines: YamlLines, error: YAMLError): YamlMistake | undefined {
  const at = lines.at(memo.yamlStart + error.pos[0]);
  for (let i = at; i >= 0; i--) {
    const l = lines.line(i);
    const stack: number[] = [];
    let quote = '';
    for (let k = 0; k < l.text.length; k++) {
      const c = l.text[k];
      if (quote) {
        if (c === quote) quote = '';
      } else if (c === '"' || c === "'") quote = c;
      else if (c === '#' && (k === 0 || /\s/.test(l.text[k - 1]))) break;
      else if (c === '[' || c === '{') stack.push(k);
      else if ((c === ']' || c === '}') && stack.length) stack.pop();
    }
    if (stack.length === 0) continue;
    const open = l.start + stack[stack.length - 1];
    const bracket = memo.text[open];
    const closer = bracket === '[' ? ']' : '}';
    const end = l.start + l.text.replace(/[ \t]+#.*$/, '').replace(/[ \t,]+$/, '').length;
    return {
      start: open, end: open + 1, message: 'yaml.unclosedBracket', params: { bracket, closer },
      fixes: [{ title: 'fix.closeBracket', params: { closer }, edits: [{ start: end, end, text: closer.repeat(stack.length) }], safe: false }],
    };
  }
  return undefined;
}

/**
 * The mistake behind one parser error, and the lines it explains (other errors on them are the same
 * mistake seen again); undefined when the error is best said in general words at the parser's place.
 */
export function explain(memo: ParsedMemo, lines: YamlLines, error: YAMLError): { mistake: YamlMistake; lines: [number, number] } | undefined {
  const offset = memo.yamlStart + error.pos[0];
  let i = lines.at(offset);
  const all: [number, number] = [0, lines.lines.length - 1];
  switch (error.code) {
    case 'MISSING_CHAR':
    case 'BAD_INDENT':
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
    case 'TAB_AS_INDENT':
      break;
    default:
      return undefined;
  }
  if (error.code === 'MISSING_CHAR' && /quote/.test(error.message)) {
    const mistake = unclosedQuote(memo, lines, error);
    return mistake ? { mistake, lines: [lines.at(mistake.start), all[1]] } : undefined;
  }
  if (error.code === 'BAD_INDENT' && /^Flow (sequence|map)/.test(error.message)) {
    const mistake = unclosedBracket(memo, lines, error);
    return mistake ? { mistake, lines: [lines.at(mistake.start), lines.at(offset)] } : undefined;
  }
  if (error.code === 'TAB_AS_INDENT') {
    const mistake = lines.indentMistake(i);
    return mistake ? { mistake, lines: [i, i] } : undefined;
  }
  if (offset >= lines.line(i).end && i + 1 < lines.lines.length && error.code !== 'MULTILINE_IMPLICIT_KEY') i++;
  const l = lines.line(i);
  if (error.code === 'BLOCK_AS_IMPLICIT_KEY' || error.code === 'MULTILINE_IMPLICIT_KEY') {
    const mistake = colonInValue(memo, lines, i, offset);
    if (mistake) return { mistake, lines: [i, i] };
  }
  const space = missingSpace(lines, i) ?? missingColon(lines, i);
  if (space) return { mistake: space, lines: [i, i] };
  const n = lines.nextContent(i);
  if (n !== undefined && l.key && !l.opens && lines.line(n).key && lines.line(n).indent > l.keyCol) {
    const mistake = lines.indentMistake(n);
    if (mistake) return { mistake, lines: [i, n] };
  }
  const mistake = lines.indentMistake(i);
  return mistake ? { mistake, lines: [i, i] } : undefined;
}

/** Keys written twice in one mapping: the later one, with the first as the related place. */
export function duplicateKeys(memo: ParsedMemo, lines: YamlLines): YamlMistake[] {
  const out: YamlMistake[] = [];
  forEachMap(memo.doc?.contents, (map) => {
    const seen = new Map<string, Node>();
    for (const pair of map.items) {
      if (!isScalar(pair.key) || !pair.key.range) continue;
      const name = String(pair.key.value);
      const first = seen.get(name);
      if (!first) {
        seen.set(name, pair.key);
        continue;
      }
      const start = memo.yamlStart + pair.key.range[0];
      const end = memo.yamlStart + pair.key.range[1];
      const fixes: MistakeFix[] = [];
      const l = lines.line(lines.at(start));
      const value = pair.value as Node | null;
      const empty = value === null || (isScalar(value) && value.value === null && (value.range?.[0] ?? 0) >= pair.key.range[1]);
      if (empty && l.key === name && l.opens && l.start === start - l.keyCol && !l.item) {
        const n = lines.nextContent(lines.at(start));
        const ownsBelow = n !== undefined && lines.line(n).indent > l.indent;
        if (!ownsBelow) {
          const idx = memo.lines;
          const next = idx.lineStart(l.line + 1);
          const edit = next > l.end ? { start: l.start, end: next, text: '' } : { start: idx.lineEnd(l.line - 1), end: l.end, text: '' };
          fixes.push({ title: 'fix.removeDuplicate', params: { key: name }, edits: [edit], safe: false });
        }
      }
      const [fs, fe] = first.range ?? [0, 0];
      out.push({
        start, end, message: 'yaml.duplicateKey', params: { key: name }, fixes,
        related: { start: memo.yamlStart + fs, end: memo.yamlStart + fe, message: 'yaml.duplicateFirst', params: { key: name } },
      });
    }
  });
  return out;
}

/** A plain value followed on its line by ` #` stuck to a word: text YAML drops as a comment. */
function cutByHash(memo: ParsedMemo, lines: YamlLines, value: Scalar): YamlMistake | undefined {
  if (value.type !== 'PLAIN' || !value.range || value.value === null) return undefined;
  const start = memo.yamlStart + value.range[0];
  const end = memo.yamlStart + value.range[1];
  const i = lines.at(end);
  const l = lines.line(i);
  const cut = /^([ \t]+)#(?=[\p{L}\p{N}])(.*)$/u.exec(memo.text.slice(end, l.end));
  if (!cut || lines.at(start) !== i || /^\s*expect(-next)?:/.test(cut[2])) return undefined;
  const whole = memo.text.slice(start, l.end).replace(/[ \t]+$/, '');
  return {
    start: end + cut[1].length, end: l.end, message: 'yaml.hashInValue', warning: true,
    fixes: [{ title: 'fix.quoteValue', edits: [{ start, end: start + whole.length, text: doubleQuoted(whole) }], safe: false }],
  };
}

/** Calls `visit` for every plain item of every list (`to:` recipients, `cc:`…). */
function forEachListItem(node: unknown, visit: (item: Scalar) => void): void {
  if (isSeq(node)) {
    for (const item of node.items) {
      if (isScalar(item)) visit(item);
      else forEachListItem(item, visit);
    }
  } else if (isMap(node)) for (const pair of node.items) forEachListItem(pair.value, visit);
}

/**
 * Valid YAML that is surely a mistake: a plain value cut by ` #` followed by text (YAML drops the rest
 * as a comment), and a list item written `-Directors` with no space after the dash.
 */
export function validButWrong(memo: ParsedMemo, lines: YamlLines): YamlMistake[] {
  const out: YamlMistake[] = [];
  forEachMap(memo.doc?.contents, (map) => {
    for (const pair of map.items) {
      const value = pair.value;
      if (!isScalar(value) || value.type !== 'PLAIN' || !value.range || value.value === null) continue;
      const start = memo.yamlStart + value.range[0];
      const end = memo.yamlStart + value.range[1];
      const cut = cutByHash(memo, lines, value);
      if (cut) out.push(cut);
      const key = pair.key as Node | null;
      const keyLine = key?.range ? lines.at(memo.yamlStart + key.range[0]) : -1;
      const source = memo.text.slice(start, end);
      const dashes: number[] = [];
      const re = /(^|\n|\r)[ \t]*-(?=[^\s\d-])/g;
      for (let m = re.exec(source); m; m = re.exec(source)) {
        const at = start + m.index + m[0].length - 1;
        if (lines.at(at) !== keyLine) dashes.push(at);
      }
      if (dashes.length > 0) {
        out.push({
          start: dashes[0], end: dashes[0] + 1, message: 'yaml.dashSpace',
          fixes: [{ title: 'fix.dashSpace', edits: dashes.map((d) => ({ start: d + 1, end: d + 1, text: ' ' })), safe: false }],
        });
      }
    }
  });
  forEachListItem(memo.doc?.contents, (item) => {
    const cut = cutByHash(memo, lines, item);
    if (cut) out.push(cut);
  });
  return out;
}

/**
 * In front matter never closed, where the writer's keys end: after the last line of keys (or lines
 * indented under them) before the first line that is neither, so the closing `---` can go there.
 */
export function lastKeyLineEnd(memo: ParsedMemo): number | undefined {
  const fm = memo.split?.frontMatter;
  if (!fm) return undefined;
  const idx = memo.lines;
  let last: number | undefined;
  for (let line = idx.positionAt(fm.contentStart).line; line < idx.lineCount; line++) {
    const text = memo.text.slice(idx.lineStart(line), idx.lineEnd(line));
    if (text.trim() === '' || /^[ \t]*#/.test(text)) continue;
    if (/^[ \t]+\S|^-[ \t]/.test(text) || KEY.test(text)) last = line;
    else break;
    if (idx.lineStart(line) >= memo.text.length) break;
  }
  return last === undefined ? undefined : idx.lineEnd(last);
}

/** The key's colon, the value and the key's column, for a `key: value` pair of a block mapping at `path`. */
function blockPair(memo: ParsedMemo, path: YamlPath): { colon: number; column: number; value: Node } | undefined {
  const parent = path.length === 1 ? memo.doc?.contents : nodeAt(memo.doc?.contents, path.slice(0, -1));
  const last = path[path.length - 1];
  if (!isMap(parent) || parent.flow || typeof last !== 'string') return undefined;
  const pair = pairOf(parent, last);
  const key = pair?.key;
  const value = pair?.value;
  if (!isScalar(key) || !key.range || !value?.range) return undefined;
  const keyEnd = memo.yamlStart + key.range[1];
  const colon = memo.text.indexOf(':', keyEnd);
  if (colon < 0 || memo.text.slice(keyEnd, colon).trim() !== '') return undefined;
  return { colon, column: memo.lines.positionAt(memo.yamlStart + key.range[0]).character, value };
}

/** `to: Directors` where a list is expected: the edit that makes it a one-item list under its key. */
export function makeListEdit(memo: ParsedMemo, path: YamlPath): MistakeEdit | undefined {
  const found = blockPair(memo, path);
  if (!found || !isScalar(found.value) || found.value.value === null) return undefined;
  const range = found.value.range as [number, number, number];
  const start = memo.yamlStart + range[0];
  const end = memo.yamlStart + range[1];
  const idx = memo.lines;
  if (idx.positionAt(start).line !== idx.positionAt(found.colon).line || idx.positionAt(end).line !== idx.positionAt(start).line) return undefined;
  const source = memo.text.slice(start, end).replace(/[ \t]+$/, '');
  return { start: found.colon + 1, end: start + source.length, text: `${idx.eol}${' '.repeat(found.column + 2)}- ${source}` };
}

/** `subject:` followed by a one-item list where one value is expected: the edit that makes it that value. */
export function makeValueEdit(memo: ParsedMemo, path: YamlPath): MistakeEdit | undefined {
  const found = blockPair(memo, path);
  if (!found || !isSeq(found.value) || found.value.flow || found.value.items.length !== 1) return undefined;
  const item = found.value.items[0];
  if (!isScalar(item) || !item.range || item.value === null) return undefined;
  const start = memo.yamlStart + item.range[0];
  const end = memo.yamlStart + item.range[1];
  const idx = memo.lines;
  if (idx.positionAt(start).line !== idx.positionAt(end).line) return undefined;
  const source = memo.text.slice(start, end).replace(/[ \t]+$/, '');
  return { start: found.colon + 1, end: start + source.length, text: ` ${source}` };
}
