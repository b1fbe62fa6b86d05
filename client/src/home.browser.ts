import type * as vscode from 'vscode';

/** On the web there is no home folder: an untitled memo with no folder open is saved where the writer chooses. */
export function homeFolder(): vscode.Uri | undefined {
  return undefined;
}
