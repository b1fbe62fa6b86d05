import * as os from 'node:os';
import * as vscode from 'vscode';

/** Where an untitled memo would be saved when no folder is open: the home folder (home.browser.ts on the web). */
export function homeFolder(): vscode.Uri | undefined {
  return vscode.Uri.file(os.homedir());
}
