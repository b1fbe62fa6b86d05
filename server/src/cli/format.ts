import type { Finding, Locale } from '../engine';
import { t, tn } from '../engine';
import { terminalJson, terminalText } from './terminal';

/** The result of linting one file. */
export interface FileReport {
  /** The path as shown to the user (relative to the working folder). */
  file: string;
  findings: Finding[];
}

/** The `--format json` output: one array, one entry per file, LSP ranges; no raw control character. */
export function formatJson(reports: readonly FileReport[]): string {
  const data = reports.map((r) => ({
    file: r.file,
    diagnostics: r.findings.map((f) => ({
      rule: f.rule,
      severity: f.severity,
      message: f.message,
      range: f.range,
      fixable: f.fixes.some((fix) => fix.safe),
    })),
  }));
  return terminalJson(JSON.stringify(data, null, 2));
}

/** The `--format stylish` output: a block per file with 1-based line:column, then a summary. */
export function formatStylish(reports: readonly FileReport[], locale: Locale): string {
  const out: string[] = [];
  let errors = 0;
  let warnings = 0;
  let fixable = 0;
  for (const r of reports) {
    if (r.findings.length === 0) continue;
    // The file's name and the messages (which quote the memo) are the writer's text: shown, never acted on.
    out.push(terminalText(r.file));
    const rows = r.findings.map((f) => [`${f.range.start.line + 1}:${f.range.start.character + 1}`, f.severity, terminalText(f.message), terminalText(f.rule)]);
    const widths = [0, 1].map((i) => Math.max(...rows.map((row) => row[i].length)));
    for (const row of rows) out.push(`  ${row[0].padEnd(widths[0])}  ${row[1].padEnd(widths[1])}  ${row[2]}  ${row[3]}`);
    out.push('');
    for (const f of r.findings) {
      if (f.severity === 'error') errors++;
      else if (f.severity === 'warning') warnings++;
      if (f.fixes.some((fix) => fix.safe)) fixable++;
    }
  }
  const problems = reports.reduce((n, r) => n + r.findings.length, 0);
  out.push(summaryLine(locale, { problems, errors, warnings, files: reports.length }));
  if (problems > 0) {
    if (fixable > 0) out.push(tn(locale, 'cli.fixable', fixable));
  }
  return out.join('\n');
}

/** The last line of a lint: the files checked and no problem, or the problems by severity, each count in its singular or plural. */
export function summaryLine(locale: Locale, counts: { problems: number; errors: number; warnings: number; files: number }): string {
  if (counts.problems === 0) return tn(locale, 'cli.clean', counts.files, { files: counts.files });
  return t(locale, 'cli.summary', {
    problems: tn(locale, 'count.problems', counts.problems),
    errors: tn(locale, 'count.errors', counts.errors),
    warnings: tn(locale, 'count.warnings', counts.warnings),
    files: tn(locale, 'count.files', counts.files),
  });
}
