/**
 * The `--format github` output: one GitHub Actions workflow command per finding
 * (`::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`), which the runner turns
 * into an annotation on the pull request's diff.
 */
import * as path from 'node:path';
import type { Finding, Locale, Severity } from '../engine';
import { isInside } from '../files/limits';
import { FileReport, summaryLine } from './format';
import { terminalText } from './terminal';

const COMMANDS: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' };

/**
 * A command's message, escaped as the runner reads it back (actions/toolkit's `escapeData`): `%`
 * first, then CR and LF. Any other control or bidi character is then made visible, as everywhere
 * the CLI writes to a terminal, so a memo cannot end the command or reorder what the log shows.
 */
export function escapeData(text: string): string {
  return terminalText(text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
}

/** A command's property value (actions/toolkit's `escapeProperty`): as data, and `:` and `,` too, which end a property. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * One finding as a workflow command. Columns are 1-based, in UTF-16 code units, `endColumn` the last
 * character's; the runner takes columns only on a one-line annotation, so a finding over several
 * lines gives its lines only.
 */
export function githubCommand(file: string, finding: Finding): string {
  const { start, end } = finding.range;
  const properties: [string, string | number][] = [['file', file], ['line', start.line + 1]];
  if (start.line === end.line) {
    properties.push(['col', start.character + 1], ['endLine', end.line + 1], ['endColumn', Math.max(start.character + 1, end.character)]);
  } else {
    properties.push(['endLine', end.line + 1]);
  }
  properties.push(['title', finding.rule]);
  const shown = properties.map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(',');
  return `::${COMMANDS[finding.severity]} ${shown}::${escapeData(finding.message)}`;
}

/**
 * The annotations, then the summary as a plain log line. Paths are relative to the repository (the
 * runner's workspace), where the pull request's files are; a file outside it keeps its absolute path.
 */
export function formatGithub(reports: readonly FileReport[], cwd: string, root: string, locale: Locale): string {
  const out: string[] = [];
  let errors = 0;
  let warnings = 0;
  for (const report of reports) {
    const absolute = path.resolve(cwd, report.file);
    const file = isInside(root, absolute) ? path.relative(root, absolute).split(path.sep).join('/') : absolute;
    for (const finding of report.findings) {
      out.push(githubCommand(file, finding));
      if (finding.severity === 'error') errors++;
      else if (finding.severity === 'warning') warnings++;
    }
  }
  const problems = out.length;
  out.push(summaryLine(locale, { problems, errors, warnings, files: reports.length }));
  return out.join('\n');
}
