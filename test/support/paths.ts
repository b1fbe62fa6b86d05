import * as path from 'node:path';

/** The repository root (tests run compiled from out/test/...). */
export const repoRoot = path.resolve(__dirname, '../../..');

/** A path inside the repository. */
export function repoPath(...parts: string[]): string {
  return path.join(repoRoot, ...parts);
}
