import { isMap, isPair, isScalar, isSeq, Node } from 'yaml';
import type { YamlPath } from './ast';
import type { Directory, DirectoryEntry } from './config/types';
import { t, Locale } from './messages';
import type { ParsedMemo } from './parse';
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
function directorySuggestions(entries: readonly DirectoryEntry[], locale: Locale, replace: [number, number], text: (e: DirectoryEntry) => string): Suggestion[] {
  return entries.map((entry) => ({
    label: locale === 'fr' ? entry.fr : entry.en,
    kind: 'value' as const,
    insertText: text(entry),
    // The documentation is Markdown, and the directory may come from anyone (a shared folder, a pull request).
    documentation: t(locale, 'complete.directory', { en: escapeMarkdown(entry.en), fr: escapeMarkdown(entry.fr) }),
    replace,
  }));
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
  const value = /^(\s*)(-\s+)?([\w-]+):\s*(\S*)$/.exec(before);
  if (value) {
    const parent = parentOf(value[1].length, !!value[2]);
    if (!parent) return [];
    if (directory && parent.length === 0 && !value[2] && (value[3] === 'ministry' || value[3] === 'divisions')) {
      const keyEnd = memo.lines.lineStart(pos.line) + value[1].length + value[3].length + 1;
      const indent = `${value[1]}  `;
      if (value[3] === 'ministry') {
        return directorySuggestions(directory.ministries, locale, [keyEnd, offset], (e) => `${eol}${indent}en: ${yamlScalar(e.en)}${eol}${indent}fr: ${yamlScalar(e.fr)}`);
      }
      return directorySuggestions(directory.divisions, locale, [keyEnd, offset], (e) => `${eol}${indent}- en: ${yamlScalar(e.en)}${eol}${indent}  fr: ${yamlScalar(e.fr)}`);
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
