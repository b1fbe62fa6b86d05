import { Document, isAlias, isCollection, isMap, isPair, isScalar, Lexer, Node, parseDocument, YAMLParseError } from 'yaml';
import { mapScalar } from './prose/scalars';
import { LineIndex } from './text';

export type MemoKind = 'markdown' | 'yaml';

/** The memo kind of a file name (`*.memo.md`, `*.memo.yaml`, `*.memo.yml`), or undefined for other files. */
export function memoKindOf(fileName: string): MemoKind | undefined {
  const name = fileName.toLowerCase();
  if (name.endsWith('.memo.md')) return 'markdown';
  if (name.endsWith('.memo.yaml') || name.endsWith('.memo.yml')) return 'yaml';
  return undefined;
}

/** Offsets of a `.memo.md` file's front matter: the `---` lines and the YAML between them. */
export interface FrontMatter {
  openStart: number;
  openEnd: number;
  contentStart: number;
  contentEnd: number;
  /** Where the closing `---` line starts and ends; undefined when the front matter is never closed. */
  closeStart?: number;
  closeEnd?: number;
}

export type FrontMatterProblem = 'missing' | 'unterminated';

export interface FrontMatterSplit {
  frontMatter?: FrontMatter;
  problem?: FrontMatterProblem;
  /** Where the Markdown body starts. */
  bodyStart: number;
}

const DELIMITER = /^---[ \t]*$/;
const CLOSER = /^(---|\.\.\.)[ \t]*$/;

/** Finds the YAML front matter at the very top of a Markdown text (after an optional BOM). */
export function splitFrontMatter(text: string, lines: LineIndex = new LineIndex(text)): FrontMatterSplit {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const firstEnd = lines.lineEnd(0);
  if (!DELIMITER.test(text.slice(bom, firstEnd))) return { problem: 'missing', bodyStart: 0 };
  const contentStart = lines.lineStart(1);
  for (let line = 1; line < lines.lineCount; line++) {
    const start = lines.lineStart(line);
    const end = lines.lineEnd(line);
    if (CLOSER.test(text.slice(start, end))) {
      return {
        frontMatter: { openStart: bom, openEnd: firstEnd, contentStart, contentEnd: start, closeStart: start, closeEnd: end },
        bodyStart: lines.lineStart(line + 1),
      };
    }
  }
  return {
    frontMatter: { openStart: bom, openEnd: firstEnd, contentStart, contentEnd: text.length },
    problem: 'unterminated',
    bodyStart: text.length,
  };
}

/** A memo parsed once, shared by every rule, completion, hover and code action. */
export interface ParsedMemo {
  text: string;
  kind: MemoKind;
  lines: LineIndex;
  split?: FrontMatterSplit;
  /** Offset of the YAML source inside `text` (YAML node ranges are relative to it). */
  yamlStart: number;
  /** The parsed YAML, when there is YAML to parse (and it is not too large or has too many tokens to parse). */
  doc?: Document.Parsed;
  /** The YAML as plain data, when it could be converted (undefined on an alias bomb or no YAML). */
  data?: unknown;
  /** Set when the YAML could not be converted to data (for example too many aliases). */
  dataError?: string;
  /** Set (to the YAML's length) when the YAML is too large to parse in bounded time; `doc` is then undefined. */
  yamlTooLarge?: number;
  /**
   * Set when the YAML has more tokens than MAX_YAML_TOKENS (`doc` is then undefined) or more values than
   * MAX_YAML_NODES, counting what aliases repeat (`data` is then undefined).
   */
  yamlTooComplex?: TooComplex;
  /** The Markdown body and the offset where it starts in `text` (for `.memo.yaml`, the `body` value's text). */
  body: { text: string; start: number };
}

/** Limits alias expansion so a "billion laughs" document cannot exhaust memory. */
export const MAX_ALIAS_COUNT = 100;

/**
 * The most YAML (in UTF-16 code units) parsed per check. The `yaml` package parses about 2 MB of
 * dense lists a second, so this keeps a check of any memo under about a second; a real memo's YAML
 * is a few kilobytes, and a `.memo.yaml` of 2 MB (mostly body) still fits.
 */
export const MAX_YAML_LENGTH = 2 * 1024 * 1024;

/** Parses a memo once: front matter split (Markdown) and YAML with ranges. */
export function parseMemo(text: string, kind: MemoKind): ParsedMemo {
  const lines = new LineIndex(text);
  if (kind === 'markdown') {
    const split = splitFrontMatter(text, lines);
    const body = { text: text.slice(split.bodyStart), start: split.bodyStart };
    if (!split.frontMatter) return { text, kind, lines, split, yamlStart: 0, body };
    const fm = split.frontMatter;
    if (fm.contentEnd - fm.contentStart > MAX_YAML_LENGTH) {
      return { text, kind, lines, split, yamlStart: fm.contentStart, yamlTooLarge: fm.contentEnd - fm.contentStart, body };
    }
    const yaml = parseYaml(text.slice(fm.contentStart, fm.contentEnd));
    return { text, kind, lines, split, yamlStart: fm.contentStart, ...yaml, body };
  }
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (text.length - bom > MAX_YAML_LENGTH) {
    return { text, kind, lines, yamlStart: bom, yamlTooLarge: text.length - bom, body: { text: '', start: bom } };
  }
  const yaml = parseYaml(text.slice(bom));
  return { text, kind, lines, yamlStart: bom, ...yaml, body: yamlBody(text, yaml.doc, bom) };
}

function parseYaml(source: string): { doc?: Document.Parsed; data?: unknown; dataError?: string; yamlTooComplex?: TooComplex } {
  const { doc, tooComplex: tooManyTokens } = parseYamlDocument(source);
  if (!doc) return { yamlTooComplex: tooManyTokens };
  if (doc.errors.length > 0) return { doc };
  // Counted before conversion and validation: an alias makes one copy of its data, but the
  // validator and the rules walk every place it is used.
  const tooComplex = yamlComplexity(doc);
  if (tooComplex) return { doc, yamlTooComplex: tooComplex };
  try {
    const data = doc.contents === null ? {} : doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    return { doc, data };
  } catch (error) {
    return { doc, dataError: error instanceof Error ? error.message : String(error) };
  }
}

/** A YAML parse error the engine adds: a key written again in one mapping, with where it was first written. */
export interface DuplicateKeyError extends YAMLParseError {
  code: 'DUPLICATE_KEY';
  /** The first occurrence of the key, relative to the YAML's start. */
  firstRange: [number, number];
}

/**
 * Parses YAML (a memo's or a `.policy-memo/` file's) with ranges. The parser's own `uniqueKeys`
 * compares each key with every key before it, quadratic in a mapping's size; duplicates are found
 * here in one pass instead, reported as the parser did (`DUPLICATE_KEY` at the later key).
 */
export function parseYamlDocument(source: string): { doc?: Document.Parsed; tooComplex?: TooComplex } {
  if (tooManyTokens(source)) return { tooComplex: { range: [0, Math.max(0, source.search(/\r?\n|\r|$/))], aliases: false } };
  // logLevel 'error': the engine reports through findings, never by writing warnings to the process's stderr.
  const doc = withoutStackTraces(() => parseDocument(source, { prettyErrors: false, uniqueKeys: false, keepSourceTokens: false, logLevel: 'error' }));
  const duplicates = duplicateKeys(doc);
  if (duplicates.length > 0) doc.errors = mergeByPosition(doc.errors, duplicates);
  return { doc };
}

/**
 * Runs `parse` without capturing stack traces. The parser makes an Error for each problem it meets,
 * one per tab-indented line, and V8 records a stack trace for each: that doubled the time of YAML
 * indented with tabs (37,000 such lines: 1.8 s instead of 0.9 s). Its errors are data to the engine,
 * shown by position, never by stack.
 */
function withoutStackTraces<T>(parse: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return parse();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/**
 * The most lexical tokens (scalars, indicators, spaces, line breaks) parsed per YAML. Building the
 * document costs about ten times as much as finding its tokens, so counting them first refuses in
 * bounded time what would take seconds to parse: 2 MB of `1,` is a million values. A real memo has a
 * few thousand tokens, a glossary of 10,000 terms about 170,000.
 */
export const MAX_YAML_TOKENS = 300_000;

function tooManyTokens(source: string): boolean {
  let count = 0;
  for (const token of new Lexer().lex(source)) {
    void token;
    if (++count > MAX_YAML_TOKENS) return true;
  }
  return false;
}

/** Every key written again in its mapping, compared as the parser's `uniqueKeys` does (scalars by value). */
function duplicateKeys(doc: Document.Parsed): DuplicateKeyError[] {
  const found: DuplicateKeyError[] = [];
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Map<unknown, Node>();
      for (const pair of node.items) {
        const key = pair.key;
        if (isScalar(key) && key.range && !(typeof key.value === 'number' && Number.isNaN(key.value))) {
          const first = seen.get(key.value);
          if (!first) seen.set(key.value, key);
          else {
            const at = key.range[0];
            const error = new YAMLParseError([at, at + 1], 'DUPLICATE_KEY', 'Map keys must be unique') as DuplicateKeyError;
            error.firstRange = [first.range?.[0] ?? 0, first.range?.[1] ?? 0];
            found.push(error);
          }
        }
        stack.push(pair.key, pair.value);
      }
    } else if (isCollection(node)) {
      for (const item of node.items) stack.push(item);
    }
  }
  return found.sort((a, b) => a.pos[0] - b.pos[0]);
}

/** Adds sorted errors to the parser's, each before the first of the parser's that starts after it. */
function mergeByPosition(parsed: YAMLParseError[], added: YAMLParseError[]): YAMLParseError[] {
  const merged: YAMLParseError[] = [];
  let i = 0;
  for (const error of parsed) {
    while (i < added.length && added[i].pos[0] < error.pos[0]) merged.push(added[i++]);
    merged.push(error);
  }
  return merged.concat(added.slice(i));
}

/**
 * The most values (scalars and collections, each use of an alias counting what it repeats) a YAML
 * may have to be checked. Validating and checking 200,000 values takes well under a second; a real
 * memo has a few hundred, a glossary of 10,000 terms about 60,000.
 */
export const MAX_YAML_NODES = 200_000;

/** Where a YAML passes MAX_YAML_NODES, and whether aliases repeated values on the way. */
export interface TooComplex {
  /** Range of the value at which the count passed the limit, relative to the YAML's start. */
  range: [number, number];
  aliases: boolean;
}

/**
 * Counts a document's values in one pass, an alias counting the values of the node it names (known
 * once that node has been counted: anchors come before their aliases). Undefined within the limit.
 */
export function yamlComplexity(doc: Document.Parsed, limit = MAX_YAML_NODES): TooComplex | undefined {
  const anchors = new Map<string, Node>();
  const sizes = new Map<Node, number>();
  const entered = new Map<Node, number>();
  const stack: (unknown | { exit: Node })[] = [doc.contents];
  let total = 0;
  let aliases = false;
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item === 'object' && item !== null && 'exit' in item) {
      const node = (item as { exit: Node }).exit;
      sizes.set(node, total - (entered.get(node) ?? total));
      continue;
    }
    if (isPair(item)) {
      stack.push(item.value, item.key);
      continue;
    }
    if (isAlias(item)) {
      const target = anchors.get(item.source);
      // An alias inside the node it names (a cycle) repeats nothing more.
      const size = (target && sizes.get(target)) ?? 1;
      if (size > 1) aliases = true;
      total += size;
    } else if (isScalar(item) || isCollection(item)) {
      total += 1;
      if (item.anchor) {
        anchors.set(item.anchor, item);
        entered.set(item, total - 1);
        stack.push({ exit: item });
      }
      if (isCollection(item)) for (let i = item.items.length - 1; i >= 0; i--) stack.push(item.items[i]);
    } else continue;
    if (total > limit) {
      const range = item.range ?? [0, 0];
      return { range: [range[0], range[1]], aliases };
    }
  }
  return undefined;
}

/**
 * The `body` value of a `.memo.yaml` file. Its start is where the value's first character is in the
 * file (past a block scalar's `|` line and indentation); `bodySource` maps every character.
 */
function yamlBody(text: string, doc: Document.Parsed | undefined, yamlStart: number): { text: string; start: number } {
  if (!doc || !isMap(doc.contents)) return { text: '', start: yamlStart };
  const node = doc.contents.get('body', true);
  if (!isScalar(node) || typeof node.value !== 'string' || !node.range) return { text: '', start: yamlStart };
  const mapped = mapScalar(text, yamlStart, node);
  return { text: node.value, start: mapped ? mapped.span(0, 0)[0] : yamlStart + node.range[0] };
}
