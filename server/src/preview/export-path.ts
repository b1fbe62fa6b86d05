/** The path of the export beside the memo: `name.memo.md` -> `name.memo.html` (or `.docx`, `.pdf`). No dependencies: the VS Code client uses it too. */
export function exportPathFor(memoPath: string, extension: 'html' | 'docx' | 'pdf' = 'html'): string {
  return memoPath.replace(/\.(md|ya?ml)$/i, '') + '.' + extension;
}

/** The mark every export carries in its head, so the editor can tell an earlier export from another file before replacing it. */
export const EXPORT_GENERATOR_META = '<meta name="generator" content="Policy Memo">';

/** Whether the start of a file (its first few kilobytes) is an earlier Policy Memo export. */
export function isPolicyMemoExport(head: string): boolean {
  const end = head.indexOf('</head>');
  return (end < 0 ? head : head.slice(0, end)).includes(EXPORT_GENERATOR_META);
}
