import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver';
import type { Finding, Locale, Severity } from '../engine';
import { docsPage } from './docs';
import { pathToUri } from './settings';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** A finding as an LSP diagnostic of the document `uri` (related places without a file are in it), linked to its docs page in `docsFolder`. */
export function toDiagnostic(f: Finding, locale: Locale, uri: string, docsFolder: string | undefined): Diagnostic {
  const diagnostic: Diagnostic = {
    range: f.range,
    severity: SEVERITY[f.severity],
    code: f.rule,
    source: 'policy-memo',
    message: f.message,
  };
  const docs = docsPage(docsFolder, f.rule, locale);
  if (docs) diagnostic.codeDescription = { href: pathToUri(docs) };
  if (f.related) {
    // Related places in other files come as paths from the engine; the editor wants URIs.
    const uriOf = (place: string | undefined) => (place === undefined ? uri : /^[a-z][a-z0-9+.-]+:/i.test(place) && !/^[a-z]:[\\/]/i.test(place) ? place : pathToUri(place));
    diagnostic.relatedInformation = f.related.map((r) => ({ location: { uri: uriOf(r.uri), range: r.range }, message: r.message }));
  }
  return diagnostic;
}
