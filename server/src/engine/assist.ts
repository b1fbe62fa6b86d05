import { isMap, isPair, isScalar, isSeq, Node } from 'yaml';
import type { YamlPath } from './ast';
import type { Directory, DirectoryEntry } from './config/types';
import { t, Locale } from './messages';
import type { ParsedMemo } from './parse';
import { isTemplatePlaceholder } from './rules/placeholder-text';
import { describe, enumValues, JsonSchema, schemaAt } from './schema';
import type { Range } from './text';
import { yamlScalar } from './yaml-text';

/** A completion proposal, editor-neutral: the server maps it to an LSP CompletionItem. */
export interface Suggestion {
  label: string;
  kind: 'key' | 'value';
  insertText: string;
  documentation?: string;
  /** Required keys sort first. */
  required?: boolean;
  /** The text the suggestion replaces, as offsets (the cursor position when absent). */
  replace?: [number, number];
  /** What the editor filters on (the label when absent): on a template's placeholder, the placeholder itself, so every name shows. */
  filterText?: string;
  /** Other edits made with it, on other lines (the other language's value of the same entry). */
  alsoReplace?: { start: number; end: number; newText: string }[];
}

export interface HoverInfo {
  markdown: string;
  range: Range;
}

interface Collection {
  path: YamlPath;
  node: Node;
  /** Column of the first key (maps) or of the first "-" (sequences). */
  column: number;
  line: number;
}

/** Every block map and sequence in the YAML, with where its first entry starts. */
function collections(memo: ParsedMemo): Collection[] {
  const found: Collection[] = [];
  const add = (node: unknown, path: YamlPath) => {
    if (isMap(node) && !node.flow) {
      const first = node.items[0]?.key as Node | undefined;
      if (first?.range) {
        const pos = memo.lines.positionAt(memo.yamlStart + first.range[0]);
        found.push({ path, node, column: pos.character, line: pos.line });
      }
      for (const pair of node.items) if (isPair(pair) && isScalar(pair.key)) add(pair.value, [...path, String(pair.key.value)]);
    } else if (isSeq(node) && !node.flow) {
      if (node.range) {
        const pos = memo.lines.positionAt(memo.yamlStart + node.range[0]);
        found.push({ path, node, column: pos.character, line: pos.line });
      }
      node.items.forEach((item, i) => add(item, [...path, i]));
    }
  };
  add(memo.doc?.contents, []);
  return found;
}

/** The nearest collection above `line` whose entries start at `column`. */
function nearest(all: Collection[], line: number, column: number, kind: 'map' | 'seq'): Collection | undefined {
  let best: Collection | undefined;
  for (const c of all) {
    if (c.column !== column || c.line > line || (kind === 'map' ? !isMap(c.node) : !isSeq(c.node))) continue;
    if (!best || c.line >= best.line) best = c;
  }
  return best;
}

function inYaml(memo: ParsedMemo, offset: number): boolean {
  const fm = memo.split?.frontMatter;
  if (memo.kind === 'markdown') return !!fm && offset >= fm.contentStart && offset < fm.contentEnd;
  return memo.doc !== undefined;
}

function keySuggestions(schema: JsonSchema, path: YamlPath, present: Set<string>, locale: Locale): Suggestion[] {
  const node = schemaAt(schema, path);
  const props = node?.resolved.properties as Record<string, JsonSchema> | undefined;
  if (!props) return [];
  const required = new Set(Array.isArray(node?.resolved.required) ? (node?.resolved.required as string[]) : []);
  return Object.keys(props)
    .filter((key) => !present.has(key))
    .map((key) => {
      const child = schemaAt(schema, [...path, key]);
      return {
        label: key,
        kind: 'key' as const,
        insertText: `${key}: `,
        documentation: child ? describe(child, locale) : undefined,
        required: required.has(key),
      };
    });
}

/**
 * `text` as literal Markdown: every ASCII punctuation character backslash-escaped (CommonMark lets any
 * of them be), so a name from `directory.yaml` such as `![x](http://host/pixel)` or `<img src=…>`
 * shows as written instead of becoming an image, a link or HTML in the editor, and line breaks
 * become spaces so a name cannot start a block of its own.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, ' ').replace(/[!-/:-@[-`{-~]/g, '\\$&');
}

/**
 * The directory's names as completions that write both languages at once: `lines(entry)` gives the
 * lines to insert, the first after `lead`, the others at their own indentation.
 */
function directorySuggestions(
  entries: readonly DirectoryEntry[],
  locale: Locale,
  replace: [number, number],
  text: (e: DirectoryEntry) => string,
  more: Partial<Pick<Suggestion, 'filterText'>> & { also?: (e: DirectoryEntry) => Suggestion['alsoReplace'] } = {},
): Suggestion[] {
  return entries.map((entry) => ({
    label: locale === 'fr' ? entry.fr : entry.en,
    kind: 'value' as const,
    insertText: text(entry),
    // The documentation is Markdown, and the directory may come from anyone (a shared folder, a pull request).
    documentation: t(locale, 'complete.directory', { en: escapeMarkdown(entry.en), fr: escapeMarkdown(entry.fr) }),
    replace,
    ...(more.filterText === undefined ? {} : { filterText: more.filterText }),
    ...(more.also ? { alsoReplace: more.also(entry) } : {}),
  }));
}

/** Which directory list names the entry at `parent`: the ministry, a division of the letterhead, or a sender's division. */
function directoryListAt(parent: YamlPath): 'ministries' | 'divisions' | undefined {
  if (parent.length === 1 && parent[0] === 'ministry') return 'ministries';
  if (parent.length === 2 && parent[0] === 'divisions' && typeof parent[1] === 'number') return 'divisions';
  if (parent.length === 3 && parent[0] === 'from' && typeof parent[1] === 'number' && parent[2] === 'division') return 'divisions';
  return undefined;
}

/**
 * The directory's names on the `en:` or `fr:` value of a bilingual entry (the templates write
 * `ministry:` and `divisions:` that way): the value under the cursor becomes the name in its language,
 * and the entry's other-language value, when it is on one line, the name in the other.
 */
function bilingualValueSuggestions(
  memo: ParsedMemo,
  all: Collection[],
  at: { line: number; offset: number; mapColumn: number; valueStart: number; lang: 'en' | 'fr' },
  entries: readonly DirectoryEntry[],
  locale: Locale,
): Suggestion[] {
  const lineText = memo.text.slice(memo.lines.lineStart(at.line), memo.lines.lineStart(at.line) + memoLineLength(memo, at.line));
  const valueEnd = Math.max(at.offset, memo.lines.lineStart(at.line) + lineText.replace(/\s+$/, '').length);
  const typed = memo.text.slice(at.valueStart, at.offset);
  const map = nearest(all, at.line, at.mapColumn, 'map');
  const other = at.lang === 'en' ? 'fr' : 'en';
  const pair = map && isMap(map.node) ? map.node.items.find((p) => isScalar(p.key) && p.key.value === other) : undefined;
  const sibling = pair ? siblingValueRange(memo, pair.key as Node, pair.value as Node | null) : undefined;
  return directorySuggestions(entries, locale, [at.valueStart, valueEnd], (e) => yamlScalar(e[at.lang]), {
    // A template's placeholder ("Nom du ministère") filters nothing out: every name is offered in its place.
    ...(typed.trim() !== '' && isTemplatePlaceholder(typed.trim()) ? { filterText: typed } : {}),
    ...(sibling ? { also: (e: DirectoryEntry) => [{ start: sibling[0], end: sibling[1], newText: sibling[2] + yamlScalar(e[other]) }] } : {}),
  });
}

/** The length of a line without its line break. */
function memoLineLength(memo: ParsedMemo, line: number): number {
  const start = memo.lines.lineStart(line);
  const next = line + 1 < memo.lines.lineCount ? memo.lines.lineStart(line + 1) : memo.text.length;
  return memo.text.slice(start, next).replace(/\r?\n$/, '').length;
}

/** Where the other language's value is, as [start, end, text to put before the name]; undefined when it spans lines. */
function siblingValueRange(memo: ParsedMemo, key: Node, value: Node | null): [number, number, string] | undefined {
  if (!key.range) return undefined;
  const keyLine = memo.lines.positionAt(memo.yamlStart + key.range[1]).line;
  const lineEnd = memo.lines.lineStart(keyLine) + memoLineLength(memo, keyLine);
  if (!value || !value.range || (isScalar(value) && (value.value === null || value.value === '') && value.range[0] === value.range[1])) {
    // `fr:` with nothing after it: the name goes after the colon.
    const colon = memo.text.indexOf(':', memo.yamlStart + key.range[1]);
    return colon >= 0 && colon < lineEnd ? [colon + 1, lineEnd, ' '] : undefined;
  }
  if (!isScalar(value)) return undefined;
  const start = memo.yamlStart + value.range[0];
  const end = memo.yamlStart + value.range[1];
  if (memo.lines.positionAt(start).line !== keyLine || memo.lines.positionAt(end).line !== keyLine) return undefined;
  return [start, end, ''];
}

/**
 * Completion at an offset in the front matter: keys where a key goes, allowed values after `key: `,
 * and the directory's ministries and divisions (both languages at once) after `ministry:` / `divisions:`.
 */
export function completeAt(memo: ParsedMemo, offset: number, schema: JsonSchema, locale: Locale, directory?: Directory): Suggestion[] {
  if (!inYaml(memo, offset)) return [];
  const pos = memo.lines.positionAt(offset);
  const before = memo.text.slice(memo.lines.lineStart(pos.line), offset);
  const all = collections(memo);
  const parentOf = (indent: number, dash: boolean): YamlPath | undefined => {
    if (dash) {
      const seq = nearest(all, pos.line, indent, 'seq');
      return seq ? [...seq.path, 0] : undefined;
    }
    const map = nearest(all, pos.line - (before.trim() === '' ? 0 : 1), indent, 'map') ?? nearest(all, pos.line, indent, 'map');
    if (map) return map.path;
    return indent === 0 ? [] : undefined;
  };
  const eol = memo.lines.eol;
  // The value may hold spaces: a template's placeholder ("Nom du ministère") is selected, the cursor after it.
  const value = /^(\s*)(-\s+)?([\w-]+):([ \t]*)(.*)$/.exec(before);
  if (value) {
    const parent = parentOf(value[1].length, !!value[2]);
    if (!parent) return [];
    const lineStart = memo.lines.lineStart(pos.line);
    const mapColumn = value[1].length + (value[2]?.length ?? 0);
    if (directory && parent.length === 0 && !value[2] && (value[3] === 'ministry' || value[3] === 'divisions')) {
      const keyEnd = lineStart + value[1].length + value[3].length + 1;
      const indent = `${value[1]}  `;
      if (value[3] === 'ministry') {
        return directorySuggestions(directory.ministries, locale, [keyEnd, offset], (e) => `${eol}${indent}en: ${yamlScalar(e.en)}${eol}${indent}fr: ${yamlScalar(e.fr)}`);
      }
      return directorySuggestions(directory.divisions, locale, [keyEnd, offset], (e) => `${eol}${indent}- en: ${yamlScalar(e.en)}${eol}${indent}  fr: ${yamlScalar(e.fr)}`);
    }
    const list = directory && (value[3] === 'en' || value[3] === 'fr') ? directoryListAt(parent) : undefined;
    if (directory && list && (value[3] === 'en' || value[3] === 'fr')) {
      const valueStart = lineStart + value[1].length + (value[2]?.length ?? 0) + value[3].length + 1 + value[4].length;
      return bilingualValueSuggestions(memo, all, { line: pos.line, offset, mapColumn, valueStart, lang: value[3] }, directory[list], locale);
    }
    // A sender's division, empty: both languages at once, as under `ministry:`.
    if (directory && value[3] === 'division' && parent.length === 2 && parent[0] === 'from' && value[5].trim() === '') {
      const keyEnd = lineStart + mapColumn + value[3].length + 1;
      const indent = ' '.repeat(mapColumn + 2);
      return directorySuggestions(directory.divisions, locale, [keyEnd, offset], (e) => `${eol}${indent}en: ${yamlScalar(e.en)}${eol}${indent}fr: ${yamlScalar(e.fr)}`);
    }
    const node = schemaAt(schema, [...parent, value[3]]);
    if (!node) return [];
    const documentation = describe(node, locale);
    return enumValues(node).map((v) => ({ label: v, kind: 'value' as const, insertText: v, documentation }));
  }
  const key = /^(\s*)(-\s+)?([\w-]*)$/.exec(before);
  if (!key) return [];
  const parent = parentOf(key[1].length, !!key[2]);
  if (!parent) return [];
  const division = directory && key[2] && key[3] === '' && parent.length === 2 && parent[0] === 'divisions';
  const names = division
    ? directorySuggestions(directory.divisions, locale, [offset, offset], (e) => `en: ${yamlScalar(e.en)}${eol}${' '.repeat(before.length)}fr: ${yamlScalar(e.fr)}`)
    : [];
  const present = new Set<string>();
  const existing = key[2] ? undefined : nearest(all, pos.line, key[1].length, 'map');
  if (existing && isMap(existing.node) && existing.path.join('/') === parent.join('/')) {
    for (const pair of existing.node.items) {
      if (isScalar(pair.key) && pair.key.range && memo.lines.positionAt(memo.yamlStart + pair.key.range[0]).line !== pos.line) {
        present.add(String(pair.key.value));
      }
    }
  }
  // `body` is a key of `.memo.yaml` only: in a `.memo.md` the body is the text after the front matter.
  const keys = keySuggestions(schema, parent, present, locale).filter((k) => !(memo.kind === 'markdown' && parent.length === 0 && k.label === 'body'));
  return [...names, ...keys];
}

/** The description of the key under the cursor (or of the key whose value is under it). */
export function hoverAt(memo: ParsedMemo, offset: number, schema: JsonSchema, locale: Locale): HoverInfo | undefined {
  if (!inYaml(memo, offset) || !memo.doc) return undefined;
  const local = offset - memo.yamlStart;
  let hit: { path: YamlPath; key: Node } | undefined;
  const visit = (node: unknown, path: YamlPath) => {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair) || !isScalar(pair.key) || !pair.key.range) continue;
        const childPath = [...path, String(pair.key.value)];
        const value = pair.value as Node | null;
        const end = value?.range ? value.range[1] : pair.key.range[1];
        if (local >= pair.key.range[0] && local <= end) {
          hit = { path: childPath, key: pair.key };
          visit(value, childPath);
        }
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        const range = (item as Node | null)?.range;
        if (range && local >= range[0] && local <= range[1]) visit(item, [...path, i]);
      });
    }
  };
  visit(memo.doc.contents, []);
  if (!hit) return undefined;
  const found: { path: YamlPath; key: Node } = hit;
  const node = schemaAt(schema, found.path);
  if (!node) return undefined;
  const parent = schemaAt(schema, found.path.slice(0, -1));
  const required = Array.isArray(parent?.resolved.required) && (parent?.resolved.required as string[]).includes(String(found.path[found.path.length - 1]));
  const values = enumValues(node);
  const parts = [`**${found.path.filter((p) => typeof p === 'string').join('.')}**`, describe(node, locale) ?? ''];
  if (required) parts.push(t(locale, 'hover.required'));
  if (values.length > 0) parts.push(t(locale, 'hover.values', { values: values.map((v) => `\`${v}\``).join(', ') }));
  const [start, end] = found.key.range as [number, number, number];
  return { markdown: parts.filter(Boolean).join('\n\n'), range: memo.lines.range(memo.yamlStart + start, memo.yamlStart + end) };
}
