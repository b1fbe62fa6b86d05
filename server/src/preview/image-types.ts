import * as path from 'node:path';

/** The images a memo may show, by extension: raster only (no SVG, which can carry scripts). */
export const IMAGE_TYPES: Record<string, string> = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.webp': 'image/webp' };
/** The largest image inlined. */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

/** The media type of an image path, undefined when it is not an image a memo may show. */
export function imageTypeOf(relativePath: string): string | undefined {
  return IMAGE_TYPES[path.extname(relativePath).toLowerCase()];
}
