import { ClientCapabilities, MarkupKind } from 'vscode-languageserver';

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
  /** It takes code actions as literals (else they go as commands the server carries out). */
  codeActionLiterals: boolean;
  /** It takes `documentChanges` in a workspace edit (else `changes`). */
  documentChanges: boolean;
  /**
   * It pulls diagnostics (`textDocument/diagnostic`, LSP 3.17): open memos are checked when it asks,
   * and closed ones reach it through `workspace/diagnostic`; it gets no publishDiagnostics for memos.
   */
  pullDiagnostics: boolean;
  /** It pulls every open memo again when asked (`workspace/diagnostic/refresh`). */
  diagnosticRefresh: boolean;
  /** The format hover contents and completion documentation are written in. */
  hoverFormat: MarkupKind;
  completionFormat: MarkupKind;
}

/** A client that announced nothing (before `initialize`). */
export const noClientFeatures: ClientFeatures = {
  askConfiguration: false,
  watchFiles: false,
  createFiles: false,
  folderChanges: false,
  codeActionLiterals: false,
  documentChanges: false,
  pullDiagnostics: false,
  diagnosticRefresh: false,
  hoverFormat: MarkupKind.Markdown,
  completionFormat: MarkupKind.Markdown,
};

/** The features of a client, from the capabilities it sent in `initialize`. */
export function clientFeaturesOf(capabilities: ClientCapabilities): ClientFeatures {
  const workspace = capabilities.workspace;
  const workspaceEdit = workspace?.workspaceEdit;
  return {
    askConfiguration: workspace?.configuration === true,
    watchFiles: workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
    createFiles: workspaceEdit?.documentChanges === true && (workspaceEdit.resourceOperations ?? []).includes('create'),
    folderChanges: workspace?.workspaceFolders === true,
    codeActionLiterals: capabilities.textDocument?.codeAction?.codeActionLiteralSupport !== undefined,
    documentChanges: workspaceEdit?.documentChanges === true,
    pullDiagnostics: capabilities.textDocument?.diagnostic !== undefined,
    diagnosticRefresh: workspace?.diagnostics?.refreshSupport === true,
    hoverFormat: formatOf(capabilities.textDocument?.hover?.contentFormat),
    completionFormat: formatOf(capabilities.textDocument?.completion?.completionItem?.documentationFormat),
  };
}

/** Markdown unless the client lists the formats it takes and Markdown is not one of them. */
function formatOf(formats: MarkupKind[] | undefined): MarkupKind {
  return formats === undefined || formats.includes(MarkupKind.Markdown) ? MarkupKind.Markdown : MarkupKind.PlainText;
}
