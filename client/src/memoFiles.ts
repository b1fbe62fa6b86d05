import * as vscode from 'vscode';

/**
 * The schemes memos are served in: files and untitled memos, and whatever scheme the workspace's
 * folders have (`vscode-vfs:` on github.dev, `vscode-remote:` in a browser's code-server), so a
 * virtual workspace is served too; a diff's `git:` side is not.
 */
function memoSchemes(): string[] {
  return [...new Set(['file', 'untitled', ...(vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.scheme)])];
}

/** The memo files the extension serves: selected by file pattern, so they keep their Markdown/YAML language. */
export function memoSelector(): { scheme: string; pattern: string }[] {
  return memoSchemes().flatMap((scheme) => [
    { scheme, pattern: '**/*.memo.md' },
    { scheme, pattern: '**/*.memo.{yaml,yml}' },
  ]);
}

/** Whether the language server holds this document (the preview and the export ask the server for it). */
export function isMemoDocument(document: vscode.TextDocument): boolean {
  return vscode.languages.match(memoSelector(), document) > 0;
}
