/** The limits of the file reader (files/read.ts), apart from it so hosts without file access can share them. */
import * as path from 'node:path';

/** The largest memo the CLI reads: well above any real memo, far below what would stall a check. */
export const MAX_MEMO_BYTES = 10 * 1024 * 1024;
/** The largest `translation:` file read: it is parsed again on every check of its memo (the default `maxFileSize`). */
export const MAX_TRANSLATION_BYTES = 2 * 1024 * 1024;
/** The largest `.policy-memo/` file read (the YAML parse refuses more anyway). */
export const MAX_CONFIG_BYTES = 2 * 1024 * 1024;

/** Whether a path is inside a folder (or is it), comparing resolved paths. */
export function isInside(root: string, file: string): boolean {
  const relative = path.relative(root, file);
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}
