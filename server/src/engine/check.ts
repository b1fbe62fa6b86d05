import { isMap } from 'yaml';
import { defaultConfig } from './config/load';
import type { MemoConfig } from './config/types';
import { MemoFiles, RuleContext } from './context';
import type { Finding, Fix, Severity } from './findings';
import { Locale, tn } from './messages';
import { MemoKind, parseMemo, ParsedMemo, yamlComplexity } from './parse';
import type { Rule } from './rule';
import { rules } from './rules';
import { builtInMemoSchema, MAX_VALUES_FOR_ALL_ERRORS, MemoSchema, SchemaError, validateMemoData } from './schema';
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
  /** At most this many findings per rule, then one "and N more" (MAX_FINDINGS_PER_RULE by default). */
  maxFindingsPerRule?: number;
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
  const large = rootIsMap && memo.doc !== undefined && yamlComplexity(memo.doc, MAX_VALUES_FOR_ALL_ERRORS) !== undefined;
  const errors: SchemaError[] = rootIsMap ? validateMemoData(schema, memo.data, large) : [];
  const claimed = new Map<Rule, SchemaError[]>(rules.map((r) => [r, []]));
  for (const error of errors) {
    // Unclaimed errors go to the generic `schema` rule.
    const owner = rules.find((r) => r.claims?.(error)) ?? rules.find((r) => r.id === 'schema');
    if (owner) claimed.get(owner)?.push(error);
  }
  const findings: Finding[] = [];
  const config = options.config ?? defaultConfig();
  const severities = { ...config.severities, ...options.severities };
  const maxFindings = options.maxFindingsPerRule ?? MAX_FINDINGS_PER_RULE;
  for (const rule of rules) {
    const override = severities[rule.id];
    if (override === 'off' || (rule.needsData && !rootIsMap)) continue;
    // A rule reports at most MAX_FINDINGS_PER_RULE findings, so it needs only about as many schema errors;
    // the rest are counted (ajv's allErrors can give one per value, and rules look each one up in the YAML).
    const ruleErrors = claimed.get(rule) ?? [];
    const maxErrors = 2 * maxFindings;
    const ctx = new RuleContext(memo, locale, schema, ruleErrors.slice(0, maxErrors), rule.id, rule.defaultSeverity, config, options.files);
    rule.check(ctx);
    const unshown = Math.max(0, ruleErrors.length - maxErrors);
    for (const f of capped(ctx.findings, maxFindings, unshown, locale)) findings.push(override ? { ...f, severity: override } : f);
  }
  return findings.sort(
    (a, b) => byPosition(a, b) || a.rule.localeCompare(b.rule),
  );
}

/** The most findings one rule reports on one memo; past it, one finding says how many more there are. */
export const MAX_FINDINGS_PER_RULE = 100;

const byPosition = (a: Finding, b: Finding) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;

/**
 * A rule's first `max` findings in the text and, when there are more (or schema errors it was not
 * given: a rule gets at most twice `max` of them), one finding that says how many more, at the first
 * one left out.
 */
function capped(ruleFindings: Finding[], max: number, unshown: number, locale: Locale): Finding[] {
  if (ruleFindings.length <= max && (unshown === 0 || ruleFindings.length === 0)) return ruleFindings;
  const sorted = [...ruleFindings].sort(byPosition);
  const kept = sorted.slice(0, max);
  const at = sorted[max] ?? sorted[sorted.length - 1];
  const more: Finding = {
    rule: at.rule,
    severity: at.severity,
    message: tn(locale, 'findings.more', sorted.length - kept.length + unshown, { rule: at.rule }),
    range: at.range,
    fixes: [],
  };
  return [...kept, more];
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
  // Every finding's fixes are applied, not only those of the findings a report would show.
  const uncapped = { ...options, maxFindingsPerRule: Infinity };
  for (let pass = 0; pass < 10; pass++) {
    const result = checkMemo(current, kind, uncapped);
    const edits = safeEdits(result.findings, current);
    if (edits.length === 0) break;
    current = applyEdits(current, edits);
  }
  return { ...checkMemo(current, kind, options), text: current };
}
