import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * The extension's `media/` folder: beside the bundles (dist/../media) or the compiled sources
 * (out/server/src/preview/../../../../media).
 */
export function mediaFolder(): string {
  for (const up of ['..', '../../../..']) {
    const folder = path.resolve(__dirname, up, 'media');
    if (existsSync(path.join(folder, 'memo.css'))) return folder;
  }
  throw new Error(`policy-memo: the media folder was not found near ${__dirname}`);
}

/** The memo page's CSS (shared by the preview and the export). */
export function memoCss(): string {
  return readFileSync(path.join(mediaFolder(), 'memo.css'), 'utf8');
}
