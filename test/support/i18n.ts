import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './memo';

/** Reads a JSON file of the repository. */
export function readJson<T = unknown>(...parts: string[]): T {
  return JSON.parse(readFileSync(path.join(ROOT, ...parts), 'utf8')) as T;
}

/** The `{name}` placeholders of a message, sorted, for comparing the two languages. */
export function placeholders(message: string): string[] {
  return [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
}

/**
 * Words that are code in our French texts: every key the memo schema knows, the language codes and
 * the CLI's options. `name:` after one of them is YAML, not a sentence.
 */
export function codeWords(): Set<string> {
  const words = new Set<string>(['en', 'fr', 'none', 'original']);
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'properties' && typeof value === 'object' && value !== null) Object.keys(value).forEach((k) => words.add(k));
      visit(value);
    }
  };
  visit(readJson('schemas', 'memo.schema.json'));
  return words;
}

/** The fenced code blocks of a Markdown text, as written. */
export function fencedBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[ \t]*$/gm)].map((m) => m[0]);
}

/**
 * The prose of a Markdown text, for the typography check: fenced code, link targets and HTML
 * comments blanked out (inline code is left to the check, which skips it).
 */
export function markdownProse(markdown: string): string {
  return markdown
    .replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[ \t]*$/gm, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/\]\([^)]*\)/g, ']');
}
