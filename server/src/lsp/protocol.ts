/**
 * The custom messages between the VS Code client and the server, declared once for both sides.
 */
import { NotificationType } from 'vscode-languageserver-protocol';

/** Options the client sends in `initializationOptions`. */
export interface InitializationOptions {
  /** Whether the workspace is trusted (a custom schema is honoured only then). */
  trusted?: boolean;
}

/** The client tells the server that workspace trust was granted. */
export const trustChanged = new NotificationType<{ trusted: boolean }>('policyMemo/trustChanged');

/** Settings under `policyMemo`, as the server reads them per document. */
export interface MemoSettings {
  run: 'onType' | 'onSave';
  schema: string;
  locale: 'auto' | 'en' | 'fr';
  /** In megabytes: larger memos are checked when opened or saved, not as the writer types. */
  maxFileSize: number;
}

export const defaultSettings: MemoSettings = { run: 'onType', schema: '', locale: 'auto', maxFileSize: 2 };
