import { readFileSync, realpathSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { ImageResolver } from './markdown';

const TYPES: Record<string, string> = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.webp': 'image/webp' };
const MAX_BYTES = 5 * 1024 * 1024;

/**
 * Images from the memo's own folder, inlined as data: URLs so the page loads nothing: raster images
 * only (no SVG), at most 5 MB, and never outside the folder (symbolic links are followed first).
 */
export function folderImages(folder: string): ImageResolver {
  // The live preview renders on every keystroke: read an image again only when it changed.
  const cache = new Map<string, { stamp: string; url: string }>();
  return (relativePath) => {
    const type = TYPES[path.extname(relativePath).toLowerCase()];
    if (!type) return undefined;
    try {
      const root = realpathSync(folder);
      const file = realpathSync(path.resolve(folder, relativePath));
      const inside = path.relative(root, file);
      if (inside.startsWith('..') || path.isAbsolute(inside)) return undefined;
      const stats = statSync(file);
      if (!stats.isFile() || stats.size > MAX_BYTES) return undefined;
      const stamp = `${stats.mtimeMs}:${stats.size}`;
      const cached = cache.get(file);
      if (cached?.stamp === stamp) return cached.url;
      const url = `data:${type};base64,${readFileSync(file).toString('base64')}`;
      cache.set(file, { stamp, url });
      return url;
    } catch {
      return undefined;
    }
  };
}
