import { isMap } from 'yaml';
import { defaultConfig } from './config/load';
import type { MemoConfig } from './config/types';
import { MemoFiles, RuleContext } from './context';
import type { Finding, Fix, Severity } from './findings';
import type { Locale } from './messages';
import { MemoKind, parseMemo, ParsedMemo } from './parse';
import type { Rule } from './rule';
import { rules } from './rules';
import { builtInMemoSchema, MemoSchema, SchemaError, validateMemoData } from './schema';
import { applyEdits, LineIndex, TextEdit } from './text';

export interface CheckOptions {
  locale?: Locale;
  /** The schema to validate against; the built-in one by default. */
  schema?: MemoSchema;
  /** Per-rule severity overrides; `off` turns a rule off. They win over the config's. */
  severities?: Record<string, Severity | 'off'>;
  /** The `.policy-memo/` folder as loaded by the host (see `buildConfig`); the defaults when absent. */
  config?: MemoConfig;
  /** This memo's path and a way to read others, for `parity` across `translation:`. */
  files?: MemoFiles;
}

export interface CheckResult {
  memo: ParsedMemo;
  findings: Finding[];
}

/** Parses and checks a memo: the one entry point the server, the CLI and the preview share. */
export function checkMemo(text: string, kind: MemoKind, options: CheckOptions = {}): CheckResult {
  const memo = parseMemo(text, kind);
  return { memo, findings: checkParsed(memo, options) };
}

/** Checks an already parsed memo. */
export function checkParsed(memo: ParsedMemo, options: CheckOptions = {}): Finding[] {
  const locale = options.locale ?? 'en';
  const schema = options.schema ?? builtInMemoSchema();
  const hasData = memo.data !== undefined && memo.doc !== undefined && memo.doc.errors.length === 0;
  const rootIsMap = hasData && (memo.doc?.contents === null || isMap(memo.doc?.contents) || memo.kind === 'yaml');
  const errors: SchemaError[] = rootIsMap ? validateMemoData(schema, memo.data) : [];
  const claimed = new Map<Rule, SchemaError[]>(rules.map((r) => [r, []]));
  for (const error of errors) {
    // Unclaimed errors go to the generic `schema` rule.
    const owner = rules.find((r) => r.claims?.(error)) ?? rules.find((r) => r.id === 'schema');
    if (owner) claimed.get(owner)?.push(error);
  }
  const findings: Finding[] = [];
  const config = options.config ?? defaultConfig();
  const severities = { ...config.severities, ...options.severities };
  for (const rule of rules) {
    const override = severities[rule.id];
    if (override === 'off' || (rule.needsData && !rootIsMap)) continue;
    const ctx = new RuleContext(memo, locale, schema, claimed.get(rule) ?? [], rule.id, rule.defaultSeverity, config, options.files);
    rule.check(ctx);
    for (const f of ctx.findings) findings.push(override ? { ...f, severity: override } : f);
  }
  return findings.sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.rule.localeCompare(b.rule),
  );
}

/** The safe fixes of these findings whose edits do not overlap each other, as one list of edits. */
export function safeEdits(findings: readonly Finding[], text: string): TextEdit[] {
  const lines = new LineIndex(text);
  const taken: [number, number][] = [];
  const edits: TextEdit[] = [];
  const safe: Fix[] = findings.flatMap((f) => f.fixes.filter((fix) => fix.safe));
  for (const fix of safe) {
    const spans = fix.edits.map((e) => [lines.offsetAt(e.range.start), lines.offsetAt(e.range.end)] as [number, number]);
    const overlaps = spans.some(([s, e]) => taken.some(([ts, te]) => (s < te && ts < e) || s === ts));
    if (overlaps) continue;
    taken.push(...spans);
    edits.push(...fix.edits);
  }
  return edits;
}

/**
 * Applies every safe fix, re-checking after each pass (a fix can reveal another), until nothing
 * changes. Returns the fixed text and the findings that remain.
 */
export function fixMemo(text: string, kind: MemoKind, options: CheckOptions = {}): CheckResult & { text: string } {
  let current = text;
  for (let pass = 0; pass < 10; pass++) {
    const result = checkMemo(current, kind, options);
    const edits = safeEdits(result.findings, current);
    if (edits.length === 0) return { ...result, text: current };
    current = applyEdits(current, edits);
  }
  return { ...checkMemo(current, kind, options), text: current };
}
