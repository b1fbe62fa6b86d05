import * as vscode from 'vscode';

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
