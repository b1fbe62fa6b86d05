import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient';

/**
 * The rule docs link of a diagnostic (its code's target, from the server's `codeDescription.href`)
 * opens the shipped page in VS Code's Markdown preview, beside the memo, rather than as raw Markdown:
 * a command URI, which the hover and the Problems panel both open (they allow commands for this link).
 * The server keeps a plain file URI for other editors.
 */
export function docsInMarkdownPreview(diagnostic: vscode.Diagnostic): vscode.Diagnostic {
  const code = diagnostic.code;
  if (typeof code !== 'object' || code === null) return diagnostic;
  const page = code.target;
  if (page.scheme !== 'file' || !page.path.endsWith('.md')) return diagnostic;
  // The URI's JSON form (with its `$mid` mark) is what VS Code revives as a URI for the command.
  const args = encodeURIComponent(JSON.stringify([page.toJSON()]));
  diagnostic.code = { value: code.value, target: vscode.Uri.parse(`command:markdown.showPreviewToSide?${args}`) };
  return diagnostic;
}

/** Gives every diagnostic of ours the Markdown-preview docs link, whether the server pushed it or the client pulled it; keeps what is shown while the writer types. */
export const ruleDocsMiddleware: Middleware = {
  handleDiagnostics: (uri, diagnostics, next) => next(uri, diagnostics.map(docsInMarkdownPreview)),
  provideDiagnostics: async (document, previousResultId, token, next) => {
    const report = await next(document, previousResultId, token);
    // vscode-languageclient 9 answers a pull that a newer edit cancelled with an empty report, which
    // takes the memo's problems away until the next answer: said as cancelled, it asks again instead.
    if (token.isCancellationRequested) throw new vscode.CancellationError();
    if (report && 'items' in report) report.items.forEach(docsInMarkdownPreview);
    return report;
  },
  // Closed memos' diagnostics come as partial results of the workspace request, its answer included.
  provideWorkspaceDiagnostics: (resultIds, token, reporter, next) =>
    next(resultIds, token, (chunk) => {
      for (const report of chunk?.items ?? []) if ('items' in report) report.items.forEach(docsInMarkdownPreview);
      reporter(chunk);
    }),
};
