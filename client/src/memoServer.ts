import { BaseLanguageClient, LSPErrorCodes } from 'vscode-languageclient';

/** The running language client, started on demand; it renders and checks memos for the preview and the export. */
export type RunningClient = () => Promise<BaseLanguageClient>;

/** Whether a request failed only because the memo changed meanwhile: the change brings a newer request. */
export function isContentModified(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === LSPErrorCodes.ContentModified;
}

/** What a failed request says, for a message to the writer. */
export function failureText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
