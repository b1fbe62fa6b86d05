import { isMap } from 'yaml';
import { FindingBudget } from './budget';
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
  /**
   * Also build, past that cap, the findings that carry a safe fix, and return them after the others
   * (for --fix and fix-all, which apply every safe fix; the rest stay only counted).
   */
  keepFixes?: boolean;
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
  const forFixes: Finding[] = [];
  for (const rule of rules) {
    const override = severities[rule.id];
    if (override === 'off' || (rule.needsData && !rootIsMap)) continue;
    // A rule's findings past its cap are only counted, so it needs only so many schema errors (ajv's
    // allErrors can give one per value, and rules look each one up in the YAML).
    const ruleErrors = claimed.get(rule) ?? [];
    const run = (given: SchemaError[]) => {
      const budget = new FindingBudget(maxFindings, options.keepFixes === true);
      rule.check(new RuleContext(memo, locale, schema, given, rule.id, rule.defaultSeverity, config, options.files, budget));
      return budget;
    };
    let budget = run(ruleErrors.slice(0, MAX_SCHEMA_ERRORS_PER_RULE));
    // Those errors gave fewer findings than the cap: the rule checks them all, so the count below is exact.
    let withheld = ruleErrors.length - Math.min(ruleErrors.length, MAX_SCHEMA_ERRORS_PER_RULE);
    if (withheld > 0 && budget.unshown === 0) [budget, withheld] = [run(ruleErrors), 0];
    const more = moreFinding(budget, rule, withheld > 0, memo, locale);
    const withSeverity = (f: Finding) => (override ? { ...f, severity: override } : f);
    findings.push(...budget.shown().map(withSeverity), ...(more ? [withSeverity(more)] : []));
    forFixes.push(...budget.forFixes.map(withSeverity));
  }
  findings.sort((a, b) => byPosition(a, b) || a.rule.localeCompare(b.rule));
  return forFixes.length > 0 ? [...findings, ...forFixes] : findings;
}

/** The most findings one rule reports on one memo; past it, one finding says how many more there are. */
export const MAX_FINDINGS_PER_RULE = 100;

/** The most schema errors a rule is given at first (it is given all of them if these give fewer findings than its cap). */
const MAX_SCHEMA_ERRORS_PER_RULE = 10 * MAX_FINDINGS_PER_RULE;

const byPosition = (a: Finding, b: Finding) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;

/**
 * The finding that says how many more findings a rule has than it shows, at the first one left out.
 * The count is exact, unless schema errors were withheld from the rule: then it is "at least".
 */
function moreFinding(budget: FindingBudget, rule: Rule, atLeast: boolean, memo: ParsedMemo, locale: Locale): Finding | undefined {
  const at = budget.leftOut();
  if (!at) return undefined;
  return {
    rule: rule.id,
    severity: at.severity ?? rule.defaultSeverity,
    message: tn(locale, atLeast ? 'findings.atLeast' : 'findings.more', budget.unshown, { rule: rule.id }),
    range: memo.lines.range(at.start, at.end),
    fixes: [],
  };
}
/** The safe fixes of these findings whose edits do not overlap each other, as one list of edits. */
export function safeEdits(findings: readonly Finding[], text: string): TextEdit[] {
  const lines = new LineIndex(text);
  const taken = new TakenSpans();
  const edits: TextEdit[] = [];
  const safe: Fix[] = findings.flatMap((f) => f.fixes.filter((fix) => fix.safe));
  for (const fix of safe) {
    const spans = fix.edits.map((e) => [lines.offsetAt(e.range.start), lines.offsetAt(e.range.end)] as [number, number]);
    if (spans.some(([s, e]) => taken.overlaps(s, e))) continue;
    for (const [s, e] of spans) taken.add(s, e);
    edits.push(...fix.edits);
  }
  return edits;
}

/**
 * The spans of the edits chosen so far, sorted by start. They never overlap (nor share a start), so
 * their ends are sorted too, and whether a new span overlaps one is two binary searches, not a look
 * at each (a memo can have 150,000 safe fixes).
 */
class TakenSpans {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  /** Whether [s, e) overlaps a taken span (an insertion inside one counts) or starts where one does. */
  overlaps(s: number, e: number): boolean {
    const i = this.firstFrom(s);
    if (i < this.starts.length && this.starts[i] === s) return true;
    // The last span starting before e: if it does not reach past s, no earlier one does.
    const j = this.firstFrom(e) - 1;
    return j >= 0 && this.starts[j] < e && this.ends[j] > s;
  }

  add(s: number, e: number): void {
    const i = this.firstFrom(s);
    this.starts.splice(i, 0, s);
    this.ends.splice(i, 0, e);
  }

  /** The index of the first span starting at or after `at`. */
  private firstFrom(at: number): number {
    let low = 0;
    let high = this.starts.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.starts[mid] < at) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}

/**
 * Applies every safe fix, re-checking after each pass (a fix can reveal another), until nothing
 * changes. Returns the fixed text and the findings that remain.
 */
export function fixMemo(text: string, kind: MemoKind, options: CheckOptions = {}): CheckResult & { text: string } {
  let current = text;
  // Every finding's fixes are applied, not only those of the findings a report would show.
  const withFixes = { ...options, keepFixes: true };
  for (let pass = 0; pass < 10; pass++) {
    const result = checkMemo(current, kind, withFixes);
    const edits = safeEdits(result.findings, current);
    if (edits.length === 0) break;
    current = applyEdits(current, edits);
  }
  return { ...checkMemo(current, kind, options), text: current };
}
