import * as path from 'node:path';
import picomatch from 'picomatch';

/**
 * Whether a file is ignored by globs relative to `base` (the current folder for `--ignore`, the
 * folder holding `.policy-memo/` for `ignore:`): a glob matches the file or one of its folders, so
 * `drafts` and `drafts/**` both skip everything under drafts/. A file outside `base` is never ignored.
 */
export function ignoreMatcher(globs: readonly string[], base: string): (file: string) => boolean {
  if (globs.length === 0) return () => false;
  const matches = picomatch([...globs], { dot: true });
  return (file) => {
    const relative = path.relative(base, path.resolve(file));
    if (relative === '' || relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) return false;
    const parts = relative.split(path.sep);
    for (let i = parts.length; i > 0; i--) if (matches(parts.slice(0, i).join('/'))) return true;
    return false;
  };
}
