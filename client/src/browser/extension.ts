// The web entry (dist/web/client.js, the manifest's `browser`): VS Code for the Web, github.dev, and
// code-server's web worker extension host. The language server runs in a web worker and reads the
// workspace's files through this client (vscode.workspace.fs), which has the only file access there.
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/browser';
import { readWorkspaceFile } from '../../../server/src/lsp/protocol';
import { activateWith } from '../extension';
import { FileAccess, readWorkspaceFileFor } from './workspace-files';

declare const Worker: new (url: string, options?: { name?: string }) => ConstructorParameters<typeof LanguageClient>[3];

const files: FileAccess = {
  parse: (uri) => vscode.Uri.parse(uri, true),
  stat: (uri) => Promise.resolve(vscode.workspace.fs.stat(uri as vscode.Uri)),
  readFile: (uri) => Promise.resolve(vscode.workspace.fs.readFile(uri as vscode.Uri)),
  folders: () => (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri),
  types: { file: vscode.FileType.File, directory: vscode.FileType.Directory, symbolicLink: vscode.FileType.SymbolicLink },
  isNotFound: (error) => error instanceof vscode.FileSystemError && error.code === 'FileNotFound',
};

export function activate(context: vscode.ExtensionContext): ReturnType<typeof activateWith> {
  return activateWith(context, {
    canPrintPdf: false,
    createClient(context, clientOptions) {
      const worker = new Worker(vscode.Uri.joinPath(context.extensionUri, 'dist/web/server.js').toString(true), { name: 'Policy Memo language server' });
      return new LanguageClient('policyMemo', 'Policy Memo', clientOptions, worker);
    },
    attach: (client) => [client.onRequest(readWorkspaceFile, (params) => readWorkspaceFileFor(params, files))],
  });
}

export { deactivate } from '../extension';
