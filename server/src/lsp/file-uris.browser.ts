/**
 * The web build's file-uris.ts. In VS Code for the Web the workspace's files are not `file:` URIs
 * (github.dev's are `vscode-vfs://github/owner/repo/…`), and the server reads none itself: the
 * client reads them through vscode.workspace.fs. The server's file logic (the `.policy-memo/`
 * folder, `translation:` files, images, confinement to the workspace folder) works on POSIX paths,
 * so each hierarchical URI gets one: `/<scheme>:<authority>/<path>`, e.g.
 * `/vscode-vfs:github/owner/repo/memo.memo.md`, and back. Distinct URIs get distinct paths; what
 * is read stays inside the workspace folder as on the desktop (the server's isInside checks, then
 * the client's), and a path climbed above its scheme and authority names no URI at all.
 */

/** The path of a workspace URI (`scheme://authority/path`), undefined for one without a path (`untitled:Untitled-1`). */
export function localPathOf(uri: string): string | undefined {
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/([^/?#]*)(\/[^?#]*)?$/.exec(uri);
  if (!m) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(m[3] ?? '/');
  } catch {
    return undefined;
  }
  // A path that the encoding could not give back unchanged is refused rather than confused with another.
  if (decoded.split('/').some((part) => part === '..' || part === '.')) return undefined;
  return `/${m[1].toLowerCase()}:${decodeURIComponent(m[2])}${decoded === '/' ? '' : decoded}`;
}

/** The URI of a path that localPathOf gave (the inverse: percent-encoded as VS Code writes URIs). */
export function pathToUri(file: string): string {
  const m = /^\/([a-z][a-z0-9+.-]*):([^/]*)(\/.*)?$/.exec(file);
  if (!m) throw new Error(`policy-memo: ${file} is not a workspace path of the web build`);
  const encoded = (m[3] ?? '/').split('/').map(encodeURIComponent).join('/');
  return `${m[1]}://${encodeURIComponent(m[2]).replace(/%3A/gi, ':')}${encoded}`;
}
