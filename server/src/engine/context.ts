import { isMap, isScalar, isSeq, Node } from 'yaml';
import { keyNodeAt, nodeAt, pairOf, YamlPath } from './ast';
import type { MemoConfig } from './config/types';
import type { FileRefusal } from './file-refusal';
import type { Finding, Fix, RelatedPlace, Severity } from './findings';
import { Locale, MessageId, MessageParams, PluralId, t, tn } from './messages';
import type { ParsedMemo } from './parse';
import { keysAt, MemoSchema, SchemaError } from './schema';
import type { TextEdit } from './text';

/** What a rule reports: offsets in the memo's text; the context turns them into LSP ranges. */
export interface Report {
  start: number;
  end: number;
  message: string;
  severity?: Severity;
  fixes?: Fix[];
  related?: RelatedPlace[];
}

/**
 * What a host tells the engine about files, so rules stay free of file-system access: the memo's
 * own path, and synchronous reading (hosts read ahead what a memo links to).
 */
export interface MemoFiles {
  /** This memo's path. */
  self: string;
  /** The text of a file; undefined when it does not exist; a refusal when the host would not read it (and why). */
  read(path: string): string | FileRefusal | undefined;
  /** The path of `relative` as written in the file `from` (a `translation:` value). */
  resolve(from: string, relative: string): string;
}

/** Everything a rule may read, and the one way it reports. Built once per check. */
export class RuleContext {
  readonly findings: Finding[] = [];

  constructor(
    readonly memo: ParsedMemo,
    readonly locale: Locale,
    readonly schema: MemoSchema,
    /** The schema errors this rule claimed (see Rule.claims). */
    readonly schemaErrors: SchemaError[],
    private readonly rule: string,
    private readonly severity: Severity,
    /** The workspace configuration (defaults when there is none). */
    readonly config: MemoConfig,
    readonly files?: MemoFiles,
  ) {}

  t(id: MessageId, params?: MessageParams): string {
    return t(this.locale, id, params);
  }

  /** A catalogue message in the form that fits `count` (singular or plural) in the writer's language. */
  tn(id: PluralId, count: number, params?: MessageParams): string {
    return tn(this.locale, id, count, params);
  }

  report(r: Report): void {
    this.findings.push({
      rule: this.rule,
      severity: r.severity ?? this.severity,
      message: r.message,
      range: this.memo.lines.range(r.start, r.end),
      fixes: r.fixes ?? [],
      ...(r.related ? { related: r.related } : {}),
    });
  }

  /** The root YAML node (the front matter's mapping), if any. */
  get root(): unknown {
    return this.memo.doc?.contents ?? undefined;
  }

  /** Absolute [start, end) of a YAML node's value. */
  spanOf(node: Node): [number, number] {
    const [start, end] = node.range ?? [0, 0];
    const from = this.memo.yamlStart + start;
    let to = this.memo.yamlStart + end;
    // Block collections end after their last line break; a finding stops at the last visible character.
    while (to > from && /\s/.test(this.memo.text[to - 1])) to--;
    return [from, to];
  }

  /** Where to report something at a data path: the value node, else its key, else the parent's anchor. */
  spanAt(path: YamlPath): [number, number] {
    const node = nodeAt(this.root, path);
    if (node?.range) return this.spanOf(node);
    const key = keyNodeAt(this.root, path);
    if (key?.range) return this.spanOf(key);
    return this.anchorOf(path.slice(0, -1));
  }

  /** Where a key missing from the object at `path` is reported: the object's own key, or the `---` line / first line at the root. */
  anchorOf(path: YamlPath): [number, number] {
    if (path.length > 0) {
      const key = keyNodeAt(this.root, path);
      if (key?.range) return this.spanOf(key);
    }
    const split = this.memo.split?.frontMatter;
    if (split) return [split.openStart, split.openEnd];
    const lines = this.memo.lines;
    const firstLine = lines.positionAt(this.memo.yamlStart).line;
    return [this.memo.yamlStart, lines.lineEnd(firstLine)];
  }

  edit(start: number, end: number, newText: string): TextEdit {
    return { range: this.memo.lines.range(start, end), newText };
  }

  /**
   * An edit inserting `key` (with the skeleton `lines` below it) into the mapping at `path`, at its
   * indentation, after the keys the schema puts before it. Undefined where no safe place exists.
   */
  insertKey(path: YamlPath, key: string, lines: string[]): TextEdit | undefined {
    const text = this.memo.text;
    const idx = this.memo.lines;
    const eol = idx.eol;
    const node = path.length === 0 ? this.root : nodeAt(this.root, path);
    if (node === undefined || node === null || (isScalar(node) && node.value === null)) {
      if (path.length > 0) return undefined;
      const at = this.memo.split?.frontMatter?.contentStart ?? this.memo.yamlStart;
      return this.edit(at, at, lines.join(eol) + eol);
    }
    if (!isMap(node)) return undefined;
    if (node.flow) {
      if (lines.length !== 1 || !node.range) return undefined;
      const close = this.memo.yamlStart + node.range[1] - 1;
      if (text[close] !== '}') return undefined;
      let before = close;
      while (before > 0 && /\s/.test(text[before - 1])) before--;
      const separator = node.items.length > 0 ? ', ' : '';
      return this.edit(before, before, separator + lines[0]);
    }
    const first = node.items[0]?.key as Node | undefined;
    if (!first?.range) return undefined;
    const firstStart = this.memo.yamlStart + first.range[0];
    const column = idx.positionAt(firstStart).character;
    const lineOfFirst = idx.positionAt(firstStart).line;
    if (text.slice(idx.lineStart(lineOfFirst), firstStart).trim().replace(/^-$/, '') !== '') return undefined;
    const indent = ' '.repeat(column);
    const order = keysAt(this.schema.source, path.map((p) => (typeof p === 'number' ? 0 : p)));
    const rank = (k: string) => (order.indexOf(k) < 0 ? order.length : order.indexOf(k));
    let after: Node | undefined;
    for (const pair of node.items) {
      if (isScalar(pair.key) && rank(String(pair.key.value)) < rank(key)) {
        const value = pair.value as Node | null;
        after = value?.range ? value : (pair.key as Node);
      }
    }
    const block = lines.map((l) => indent + l).join(eol) + eol;
    if (!after) {
      // Before the first key: at its line start, unless it shares its line with a "- " item marker.
      if (text.slice(idx.lineStart(lineOfFirst), firstStart).trim() === '-') return undefined;
      return this.edit(idx.lineStart(lineOfFirst), idx.lineStart(lineOfFirst), block);
    }
    const end = this.memo.yamlStart + (after.range as [number, number, number])[1];
    const pos = idx.positionAt(end);
    if (pos.character === 0 && end > 0) return this.edit(end, end, block);
    const next = idx.lineStart(pos.line + 1);
    if (next <= idx.lineEnd(pos.line)) return this.edit(idx.lineEnd(pos.line), idx.lineEnd(pos.line), eol + block.slice(0, -eol.length));
    return this.edit(next, next, block);
  }

  /** The mapping at a path, if it is one. */
  mapAt(path: YamlPath) {
    const node = path.length === 0 ? this.root : nodeAt(this.root, path);
    return isMap(node) ? node : undefined;
  }

  /** Whether the mapping at `path` has `key`. */
  hasKey(path: YamlPath, key: string): boolean {
    const map = this.mapAt(path);
    return map ? pairOf(map, key) !== undefined : false;
  }

  /** Whether the node at `path` is a sequence. */
  isList(path: YamlPath): boolean {
    return isSeq(nodeAt(this.root, path));
  }
}
