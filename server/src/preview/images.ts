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
  return (relativePath) => {
    const type = TYPES[path.extname(relativePath).toLowerCase()];
    if (!type) return undefined;
    try {
      const root = realpathSync(folder);
      const file = realpathSync(path.resolve(folder, relativePath));
      if (path.relative(root, file).startsWith('..') || !statSync(file).isFile() || statSync(file).size > MAX_BYTES) return undefined;
      return `data:${type};base64,${readFileSync(file).toString('base64')}`;
    } catch {
      return undefined;
    }
  };
}
