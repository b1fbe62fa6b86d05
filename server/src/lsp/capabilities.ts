import type { ClientCapabilities } from 'vscode-languageserver';

/** What the client can do, read once from `initialize`; the features consult this, not the raw capabilities. */
export interface ClientFeatures {
  /** It answers `workspace/configuration`. */
  askConfiguration: boolean;
  /** It can watch files for us (`workspace/didChangeWatchedFiles` registered dynamically). */
  watchFiles: boolean;
  /** It applies workspace edits that create files. */
  createFiles: boolean;
  /** It sends `workspace/didChangeWorkspaceFolders` (listening for it throws otherwise). */
  folderChanges: boolean;
}

/** A client that announced nothing (before `initialize`). */
export const noClientFeatures: ClientFeatures = { askConfiguration: false, watchFiles: false, createFiles: false, folderChanges: false };

/** The features of a client, from the capabilities it sent in `initialize`. */
export function clientFeaturesOf(capabilities: ClientCapabilities): ClientFeatures {
  const workspace = capabilities.workspace;
  const workspaceEdit = workspace?.workspaceEdit;
  return {
    askConfiguration: workspace?.configuration === true,
    watchFiles: workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
    createFiles: workspaceEdit?.documentChanges === true && (workspaceEdit.resourceOperations ?? []).includes('create'),
    folderChanges: workspace?.workspaceFolders === true,
  };
}
