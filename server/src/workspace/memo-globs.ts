/**
 * The names the workspace check lists, shared by the desktop's listing (memo-files.ts), the web
 * server's (lsp/browser-runtime.ts) and the web client that searches for it: data only, no imports.
 */

/** Every memo file below a folder, by name. */
export const MEMO_GLOB = '**/*.memo.{md,yaml,yml}';
/** Every `.gitignore` below a folder. */
export const GITIGNORE_GLOB = '**/.gitignore';
/** Never searched for memos: packages and git's own folder. */
export const ALWAYS_SKIPPED = ['**/node_modules/**', '**/.git/**'];
/** The most `.gitignore` files honoured in one folder (each is read, within the config size cap). */
export const MAX_GITIGNORES = 200;
/** The most excluded globs (`files.exclude`) honoured, and the longest one. */
export const MAX_EXCLUDED_GLOBS = 200;
export const MAX_GLOB_LENGTH = 1000;
