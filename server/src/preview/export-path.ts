/** The path of the export beside the memo: `name.memo.md` -> `name.memo.html` (or `.docx`, `.pdf`). No dependencies: the VS Code client uses it too. */
export function exportPathFor(memoPath: string, extension: 'html' | 'docx' | 'pdf' = 'html'): string {
  return memoPath.replace(/\.(md|ya?ml)$/i, '') + '.' + extension;
}
