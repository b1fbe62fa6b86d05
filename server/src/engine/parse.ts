import { Document, isMap, isScalar, parseDocument } from 'yaml';
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
  /** The parsed YAML, when there is YAML to parse. */
  doc?: Document.Parsed;
  /** The YAML as plain data, when it could be converted (undefined on an alias bomb or no YAML). */
  data?: unknown;
  /** Set when the YAML could not be converted to data (for example too many aliases). */
  dataError?: string;
  /** Set (to the YAML's length) when the YAML is too large to parse in bounded time; `doc` is then undefined. */
  yamlTooLarge?: number;
  /** The Markdown body and the offset where it starts in `text` (for `.memo.yaml`, the `body` value's text). */
  body: { text: string; start: number };
}

/** Limits alias expansion so a "billion laughs" document cannot exhaust memory. */
const MAX_ALIAS_COUNT = 100;

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

function parseYaml(source: string): { doc: Document.Parsed; data?: unknown; dataError?: string } {
  // logLevel 'error': the engine reports through findings, never by writing warnings to the process's stderr.
  const doc = parseDocument(source, { prettyErrors: false, uniqueKeys: true, keepSourceTokens: false, logLevel: 'error' });
  if (doc.errors.length > 0) return { doc };
  try {
    const data = doc.contents === null ? {} : doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    return { doc, data };
  } catch (error) {
    return { doc, dataError: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * The `body` value of a `.memo.yaml` file. Its start is where the value's first character is in the
 * file (past a block scalar's `|` line and indentation); `bodySource` maps every character.
 */
function yamlBody(text: string, doc: Document.Parsed, yamlStart: number): { text: string; start: number } {
  if (!isMap(doc.contents)) return { text: '', start: yamlStart };
  const node = doc.contents.get('body', true);
  if (!isScalar(node) || typeof node.value !== 'string' || !node.range) return { text: '', start: yamlStart };
  const mapped = mapScalar(text, yamlStart, node);
  return { text: node.value, start: mapped ? mapped.span(0, 0)[0] : yamlStart + node.range[0] };
}
