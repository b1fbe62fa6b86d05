/**
 * The custom messages between the VS Code client and the server, declared once for both sides.
 */
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { FileRefusal } from '../engine/file-refusal';
import type { MemoLang } from '../preview/labels';

/** Options the client sends in `initializationOptions`. */
export interface InitializationOptions {
  /** Whether the workspace is trusted (a custom schema is honoured only then). */
  trusted?: boolean;
  /** Settings for a client that cannot be asked for them (no `workspace/configuration`), as didChangeConfiguration sends them. */
  settings?: { policyMemo?: Partial<MemoSettings> };
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

/** A memo held open by the client, by URI (the server renders its own copy of the text). */
export interface MemoDocumentParams {
  uri: string;
}

/** What the preview shows: the memo rendered from the version the server holds, and its problem count. */
export interface RenderPreviewResult {
  /** The document version rendered. */
  version: number;
  /** The memo as an HTML fragment (`.memo-pages`), every value escaped, images inlined as data: URLs. */
  html: string;
  langs: MemoLang[];
  /** False when the YAML could not be read: the header block is then empty. */
  complete: boolean;
  /** The count of the problems the server publishes for this memo (same schema, configuration and locale). */
  problems: number;
}

/**
 * Renders an open memo for the preview. Fails with `ContentModified` when the memo keeps changing
 * while it is checked, and with `InvalidParams` when the server does not hold the document.
 */
export const renderPreview = new RequestType<MemoDocumentParams, RenderPreviewResult, void>('policyMemo/renderPreview');

/** A memo as one standalone HTML file (what "Export to HTML" writes). */
export interface ExportHtmlResult {
  html: string;
  /** The memo's error-severity problems: a memo with errors is still exported, and the client says so. */
  errors: number;
  /** All its problems (errors, warnings and the rest), as the Problems panel lists them. */
  problems: number;
}

/** Exports an open memo to standalone HTML (the client writes the file); fails like `renderPreview`. */
export const exportHtml = new RequestType<MemoDocumentParams, ExportHtmlResult, void>('policyMemo/exportHtml');

/** An open memo to export as a Word document or a PDF; `browserPath` is the setting `policyMemo.export.browserPath`. */
export interface ExportFileParams extends MemoDocumentParams {
  format: 'docx' | 'pdf';
  browserPath?: string;
}

/** The exported file's bytes, base64 (the client writes them), or why there are none. */
export interface ExportFileResult {
  /** The file, base64; absent when `noBrowser` or `failure` says why. */
  data?: string;
  /** The memo's error-severity problems: a memo with errors is still exported, and the client says so. */
  errors: number;
  /** All its problems (errors, warnings and the rest), as the Problems panel lists them. */
  problems: number;
  /** No Chrome, Edge or Chromium was found to print the PDF (or the one set was not found). */
  noBrowser?: boolean;
  /** The browser could not print the PDF: its last words. */
  failure?: string;
  /** Why the workspace's `.policy-memo/template.docx` was not used (the built-in styles were), in the writer's language. */
  templateRefused?: string;
}

/** Exports an open memo to Word or PDF (the server renders, the client writes); fails like `renderPreview`. */
export const exportFile = new RequestType<ExportFileParams, ExportFileResult, void>('policyMemo/exportFile');

/**
 * A workspace file the server asks the client for, when the server cannot read files itself (the
 * web build runs in a web worker: VS Code for the Web has no file system but vscode.workspace.fs).
 * The client reads it within the limits and only inside `root`, one of its workspace folders.
 */
export interface WorkspaceFileParams {
  uri: string;
  /** The folder the file must be in (a workspace folder or inside one); without it, the workspace folder holding the file. Elsewhere: refused as `outside`, unread. */
  root?: string;
  /** The most bytes accepted; a larger file is refused as `tooLarge`. */
  maxBytes: number;
  /** `text`: UTF-8 text (bytes that are not UTF-8 are refused); `bytes`: base64; `stamp`: only its stamp; `folder`: only whether it is a folder. */
  read: 'text' | 'bytes' | 'stamp' | 'folder';
}

/** The file's text or bytes and its stamp (size and time of change), whether it is a folder, or why it was not read. */
export interface WorkspaceFileResult {
  text?: string;
  base64?: string;
  stamp?: string;
  folder?: boolean;
  refusal?: FileRefusal;
}

/** Reads a workspace file for the server (see WorkspaceFileParams). */
export const readWorkspaceFile = new RequestType<WorkspaceFileParams, WorkspaceFileResult, void>('policyMemo/readWorkspaceFile');

/**
 * Names of files below a workspace folder that the web server asks the client to search for (the
 * workspace check: it has no file system to list): memo files, or the `.gitignore` files it then
 * reads with `readWorkspaceFile` and applies itself. The client searches only inside its workspace
 * folders, leaves out `exclude` (node_modules and .git among them) as far as its search can, and
 * gives at most `max` URIs; the server checks every name again, as it would any answer from outside.
 */
export interface FindWorkspaceFilesParams {
  /** A workspace folder, or a folder inside one. */
  folderUri: string;
  /** `memos`: `*.memo.md|yaml|yml`; `gitignores`: `.gitignore` files. */
  find: 'memos' | 'gitignores';
  /** Globs relative to the workspace folder to leave out. */
  exclude: string[];
  max: number;
}

export interface FindWorkspaceFilesResult {
  uris: string[];
}

/** The most URIs a `findWorkspaceFiles` answer holds (one more than the workspace check's cap, which tells it the folder holds more). */
export const MAX_FOUND_FILES = 10_001;

/** Searches a workspace folder for the web server (see FindWorkspaceFilesParams). */
export const findWorkspaceFiles = new RequestType<FindWorkspaceFilesParams, FindWorkspaceFilesResult, void>('policyMemo/findWorkspaceFiles');

/** What applied to a memo's check, and why (the status bar's tooltip and the hover on the front matter's `---`). */
export interface MemoSummary {
  /** The summary as Markdown, in the writer's language; paths are in code spans. */
  markdown: string;
  /** The `.policy-memo/` folder the memo uses (a local path), if any. */
  configFolder?: string;
  /** Where a new `.policy-memo/` folder would go (the memo's workspace folder), when the memo has none. */
  newConfigFolder?: string;
  /** The same folder as a URI in the workspace's own scheme (`file:`, or `vscode-vfs:` on the web), for the client to open. */
  configFolderUri?: string;
  /** When the memo is checked now: as the writer types, or on open and save only. */
  run: 'onType' | 'onSave';
  /** The longest the memo's text can be (in UTF-16 code units) and still be checked as the writer types (policyMemo.maxFileSize). */
  maxLiveLength: number;
  /** The memo's language for messages (the client's quick pick speaks it too). */
  locale: 'en' | 'fr';
}

/** The memo whose summary is asked, and what the client alone can see of its settings. */
export interface MemoSummaryParams extends MemoDocumentParams {
  /**
   * `policyMemo.schema` as the workspace's settings file writes it, sent only in an untrusted workspace,
   * where VS Code hides a restricted setting from extensions: the summary says it is ignored, and never uses it.
   */
  ignoredSchema?: string;
}

/** The summary of what applied to an open memo's check; fails like `renderPreview`. */
export const memoSummary = new RequestType<MemoSummaryParams, MemoSummary, void>('policyMemo/memoSummary');

/** Checks every memo of the workspace folders and publishes their diagnostics, open or not. */
export interface CheckWorkspaceParams {
  /** Globs relative to each workspace folder that are left out (VS Code's `files.exclude`). */
  exclude: string[];
}

export interface CheckWorkspaceResult {
  /** Memo files checked (open ones included, from the editor's text). */
  files: number;
  /** Problems found in them, all severities. */
  problems: number;
  /** More memo files than the cap: only the first ones (sorted by path) were checked. */
  capped: boolean;
  /** The client cancelled the request: the files checked until then keep their diagnostics. */
  cancelled: boolean;
}

/** Cancellable; the server reports its progress with `checkWorkspaceProgress`. */
export const checkWorkspace = new RequestType<CheckWorkspaceParams, CheckWorkspaceResult, void>('policyMemo/checkWorkspace');

/** How far a workspace check is: `done` of `total` memo files. */
export const checkWorkspaceProgress = new NotificationType<{ done: number; total: number }>('policyMemo/checkWorkspaceProgress');
