// The web build's media.ts: there is no file system to read media/ from, so the memo page's CSS is bundled (esbuild's text loader).
import css from '../../../media/memo.css';

/** The extension's `media/` folder: not a folder on the web, where the CSS comes with the bundle. */
export function mediaFolder(): string {
  throw new Error('policy-memo: the web build has no media folder on disk');
}

/** The memo page's CSS (shared by the preview and the export). */
export function memoCss(): string {
  return css;
}
