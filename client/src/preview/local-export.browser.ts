import type { LocalExports } from './local-export';

/** The web build writes no local files: every export goes through vscode.workspace.fs (see local-export.ts). */
export const localExports: LocalExports | undefined = undefined;
