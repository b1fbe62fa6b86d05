/** The path of the export beside the memo: `name.memo.md` -> `name.memo.html`. No dependencies: the VS Code client uses it too. */
export function exportPathFor(memoPath: string): string {
  return memoPath.replace(/\.(md|ya?ml)$/i, '') + '.html';
}
