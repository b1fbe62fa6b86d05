/**
 * The `--format sarif` output: one SARIF 2.1.0 run, as GitHub code scanning and other SARIF viewers
 * read it. Positions are SARIF's: 1-based lines and columns, columns counted in UTF-16 code units
 * (the engine's own unit, said explicitly with `columnKind`), an end column one past the last
 * character, and lines ended by CRLF, LF or a lone CR as the engine counts them.
 */
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import { Finding, Locale, MessageId, Range, rules, Severity, t } from '../engine';
import { isInside } from '../files/limits';
import type { FileReport } from './format';
import { terminalJson } from './terminal';

/** The project's home, and the base of every rule's docs page (`docs/rules/<id>.md`, `<id>.fr.md` in French). */
export const PROJECT_URL = 'https://github.com/policy-memo/policy-memo';
export const DOCS_URL = `${PROJECT_URL}/blob/main/docs/`;
export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
/** The base the results' paths are relative to: the repository (or folder) being checked. */
export const SRCROOT = '%SRCROOT%';

const LEVELS: Record<Severity, Sarif.ReportingConfiguration.level> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/** The rules a result can name: every registered rule, and `config` for a broken `.policy-memo/` file. */
function ruleList(): { id: string; level: Severity; page: string }[] {
  return [...rules.map((r) => ({ id: r.id, level: r.defaultSeverity, page: `rules/${r.id}` })), { id: 'config', level: 'error' as Severity, page: 'config' }];
}

export function docsUrl(page: string, locale: Locale): string {
  return `${DOCS_URL}${page}${locale === 'fr' ? '.fr' : ''}.md`;
}

export interface SarifOptions {
  locale: Locale;
  /** The tool's version (package.json). */
  version: string;
  /** The working folder the reports' paths are relative to. */
  cwd: string;
  /** The repository (or folder) being checked: results inside it get paths relative to it. */
  root: string;
}

/** The SARIF log for the reports, as JSON with no raw control character (as `--format json`). */
export function formatSarif(reports: readonly FileReport[], options: SarifOptions): string {
  const { locale } = options;
  const list = ruleList();
  const indexOf = new Map(list.map((r, i) => [r.id, i]));
  const descriptors: Sarif.ReportingDescriptor[] = list.map((r) => {
    const summary = t(locale, `rules.${r.id}.summary` as MessageId);
    const helpUri = docsUrl(r.page, locale);
    return {
      id: r.id,
      name: r.id,
      shortDescription: { text: t(locale, `rules.${r.id}.name` as MessageId) },
      fullDescription: { text: summary },
      help: { text: t(locale, 'sarif.help', { summary, url: helpUri }) },
      helpUri,
      defaultConfiguration: { level: LEVELS[r.level] },
    };
  });
  const results: Sarif.Result[] = [];
  for (const report of reports) {
    const artifactLocation = artifactOf(path.resolve(options.cwd, report.file), options.root);
    const seen = new Map<string, number>();
    for (const finding of report.findings) {
      const result: Sarif.Result = {
        ruleId: finding.rule,
        level: LEVELS[finding.severity],
        message: { text: finding.message },
        locations: [{ physicalLocation: { artifactLocation, region: regionOf(finding.range) } }],
        partialFingerprints: { 'policyMemoFinding/v1': fingerprint(finding, artifactLocation.uri ?? '', seen) },
      };
      const index = indexOf.get(finding.rule);
      if (index !== undefined) result.ruleIndex = index;
      const fixes = finding.fixes.filter((fix) => fix.safe && fix.edits.length > 0);
      if (fixes.length > 0) {
        result.fixes = fixes.map((fix) => ({
          description: { text: fix.title },
          artifactChanges: [
            {
              artifactLocation,
              replacements: fix.edits.map((edit) => ({ deletedRegion: regionOf(edit.range), insertedContent: { text: edit.newText } })),
            },
          ],
        }));
      }
      results.push(result);
    }
  }
  const tag = locale === 'fr' ? 'fr-CA' : 'en-CA';
  const log: Sarif.Log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'policy-memo',
            fullName: 'Policy Memo',
            version: options.version,
            semanticVersion: /^\d+\.\d+\.\d+/.test(options.version) ? options.version : undefined,
            informationUri: PROJECT_URL,
            language: tag,
            rules: descriptors,
          },
        },
        language: tag,
        columnKind: 'utf16CodeUnits',
        newlineSequences: ['\r\n', '\n', '\r'],
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(options.root).href.replace(/\/?$/, '/') } },
        results,
      },
    ],
  };
  return terminalJson(JSON.stringify(log, null, 2));
}

/** An LSP range (0-based, end exclusive) as a SARIF region (1-based, end column one past the last character). */
export function regionOf(range: Range): Sarif.Region {
  return {
    startLine: range.start.line + 1,
    startColumn: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

/** A file inside the root as a relative URI on %SRCROOT%, each segment percent-encoded; elsewhere, its absolute file URI. */
function artifactOf(file: string, root: string): Sarif.ArtifactLocation {
  if (!isInside(root, file) || file === root) return { uri: pathToFileURL(file).href };
  const uri = path.relative(root, file).split(path.sep).map(encodeURIComponent).join('/');
  return { uri, uriBaseId: SRCROOT };
}

/**
 * What identifies a finding from one run to the next, whatever moved above it: its rule, file and
 * message, and how many identical ones came before it in the file.
 */
function fingerprint(finding: Finding, uri: string, seen: Map<string, number>): string {
  const key = `${finding.rule}\u0000${uri}\u0000${finding.message}`;
  const n = seen.get(key) ?? 0;
  seen.set(key, n + 1);
  return createHash('sha256').update(`${key}\u0000${n}`).digest('hex');
}
