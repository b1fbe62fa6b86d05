// The web entry (dist/web/client.js, the manifest's `browser`): VS Code for the Web, github.dev, and
// code-server's web worker extension host. The language server runs in a web worker and reads the
// workspace's files through this client (vscode.workspace.fs), which has the only file access there.
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/browser';
import { findWorkspaceFiles, readWorkspaceFile } from '../../../server/src/lsp/protocol';
import { activateWith } from '../extension';
import { FileAccess, FindFiles, findWorkspaceFilesFor, readWorkspaceFileFor } from './workspace-files';

declare const Worker: new (url: string, options?: { name?: string }) => ConstructorParameters<typeof LanguageClient>[3];

const files: FileAccess = {
  parse: (uri) => vscode.Uri.parse(uri, true),
  stat: (uri) => Promise.resolve(vscode.workspace.fs.stat(uri as vscode.Uri)),
  readFile: (uri) => Promise.resolve(vscode.workspace.fs.readFile(uri as vscode.Uri)),
  folders: () => (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri),
  types: { file: vscode.FileType.File, directory: vscode.FileType.Directory, symbolicLink: vscode.FileType.SymbolicLink },
  isNotFound: (error) => error instanceof vscode.FileSystemError && error.code === 'FileNotFound',
};

// VS Code's search of the workspace, the one listing the web has (it does not honour .gitignore: the server does).
const findFiles: FindFiles = (base, include, exclude, max) => Promise.resolve(vscode.workspace.findFiles(new vscode.RelativePattern(base as vscode.Uri, include), exclude, max));

/**
 * The URL to start the server's worker from. VS Code for the Web serves extensions over https, which
 * a worker loads as is; an extension installed on a remote server (code-server, Codespaces in a
 * browser) has a `vscode-remote:` URI, from which the web extension host starts no worker: its
 * script is read through the file system and started from a blob.
 */
async function workerUrl(script: vscode.Uri): Promise<string> {
  if (script.scheme !== 'vscode-remote') return script.toString(true);
  const bytes = await vscode.workspace.fs.readFile(script);
  return URL.createObjectURL(new Blob([bytes], { type: 'text/javascript' }));
}

export function activate(context: vscode.ExtensionContext): ReturnType<typeof activateWith> {
  return activateWith(context, {
    canPrintPdf: false,
    async createClient(context, clientOptions) {
      const worker = new Worker(await workerUrl(vscode.Uri.joinPath(context.extensionUri, 'dist/web/server.js')), { name: 'Policy Memo language server' });
      return new LanguageClient('policyMemo', 'Policy Memo', clientOptions, worker);
    },
    attach: (client) => [
      client.onRequest(readWorkspaceFile, (params) => readWorkspaceFileFor(params, files)),
      client.onRequest(findWorkspaceFiles, (params) => findWorkspaceFilesFor(params, files, findFiles)),
    ],
  });
}

export { deactivate } from '../extension';
