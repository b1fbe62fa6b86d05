import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * The local path of a `file:` URI; undefined for another scheme, or for a file URI that names no
 * local path (`file://host/share/…` where the system has no UNC paths: Node throws on it).
 * The web build's file-uris.browser.ts gives every workspace URI a path instead.
 */
export function localPathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** The `file:` URI of a local path. */
export function pathToUri(file: string): string {
  return pathToFileURL(file).toString();
}
