import * as vscode from 'vscode';

/** The memo files the extension serves: selected by file pattern, so they keep their Markdown/YAML language. */
export const MEMO_SELECTOR: { scheme: string; pattern: string }[] = ['file', 'untitled'].flatMap((scheme) => [
  { scheme, pattern: '**/*.memo.md' },
  { scheme, pattern: '**/*.memo.{yaml,yml}' },
]);

/** Whether the language server holds this document (the preview and the export ask the server for it). */
export function isMemoDocument(document: vscode.TextDocument): boolean {
  return vscode.languages.match(MEMO_SELECTOR, document) > 0;
}
