import * as path from 'node:path';
import { readBytesSync, stampSync } from '../files/read';
import { imageTypeOf, MAX_IMAGE_BYTES } from './image-types';
import type { ImageResolver } from './markdown';
/** The data: URLs kept between renders, all folders together (in characters, about 3/4 of that in image bytes). */
export const IMAGE_CACHE_CHARS = 32 * 1024 * 1024;

/** Data: URLs by real file, the least recently used first; at most IMAGE_CACHE_CHARS in all. */
const cache = new Map<string, { stamp: string; url: string }>();
let cachedChars = 0;

/** How many characters of data: URLs the image cache holds now (for tests of its bound). */
export function cachedImageChars(): number {
  return cachedChars;
}

function remember(file: string, entry: { stamp: string; url: string }): void {
  forget(file);
  if (entry.url.length > IMAGE_CACHE_CHARS) return;
  for (const [oldest, old] of cache) {
    if (cachedChars + entry.url.length <= IMAGE_CACHE_CHARS) break;
    cache.delete(oldest);
    cachedChars -= old.url.length;
  }
  cache.set(file, entry);
  cachedChars += entry.url.length;
}

function forget(file: string): void {
  const old = cache.get(file);
  if (!old) return;
  cache.delete(file);
  cachedChars -= old.url.length;
}

/**
 * Images from the memo's own folder, inlined as data: URLs so the page loads nothing: raster images
 * only (no SVG), regular files of at most 5 MB, and never outside the folder (symbolic links are
 * followed, and one that leads outside is not). What a single render may inline in all is bounded
 * by the renderer (render.ts).
 */
export function folderImages(folder: string): ImageResolver {
  return (relativePath) => {
    const type = imageTypeOf(relativePath);
    if (!type) return undefined;
    const file = path.resolve(folder, relativePath);
    const limits = { maxBytes: MAX_IMAGE_BYTES, root: folder };
    // The live preview renders on every keystroke: read an image again only when it changed.
    const now = stampSync(file, limits);
    if (!('stamp' in now)) {
      forget(file);
      return undefined;
    }
    const cached = cache.get(file);
    if (cached?.stamp === now.stamp) {
      // Used again: it becomes the most recently used.
      cache.delete(file);
      cache.set(file, cached);
      return cached.url;
    }
    const read = readBytesSync(file, limits);
    if (!('bytes' in read)) {
      forget(file);
      return undefined;
    }
    const url = `data:${type};base64,${read.bytes.toString('base64')}`;
    remember(file, { stamp: read.stamp, url });
    return url;
  };
}
