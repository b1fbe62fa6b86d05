import { ErrorCodes, ResponseError } from 'vscode-languageserver';
import { memoKindOf, parseMemo } from '../engine';
import { findConfigFolderAsync } from '../workspace/config-folder';
import { MemoChecks, OpenDocuments, openMemo } from './documents';
import { MemoRenderer } from './preview';
import type { ExportFileParams, ExportFileResult, ExportHtmlResult, MemoDocumentParams, RenderPreviewResult } from './protocol';
import { checksAsTyped, isLarge, localPathOf, SettingsStore } from './settings';
import type { ServerRuntime } from './runtime';
import type { WorkspaceFolders } from './workspace-folders';

/** What the custom requests need from the server. */
export interface MemoRequestsDeps {
  documents: OpenDocuments;
  settings: SettingsStore;
  checks: Pick<MemoChecks, 'checkCurrent' | 'last' | 'publishedCountOf'>;
  folders: WorkspaceFolders;
  runtime: Pick<ServerRuntime, 'isFolder' | 'render'>;
}

/** The client's custom requests (protocol.ts): the preview, and the HTML, Word and PDF exports of an open memo. */
export class MemoRequests {
  private readonly renderer: MemoRenderer;
  /** The previews of memos over `maxFileSize`, made when they are opened or saved (as they are checked), not on every change. */
  private readonly largePreviews = new Map<string, RenderPreviewResult>();

  constructor(private readonly deps: MemoRequestsDeps) {
    this.renderer = new MemoRenderer(deps.runtime.render);
  }

  /**
   * The preview shows the problems the Problems panel shows: the current version's when memos are
   * checked as the writer types, else (on save, or a large memo) the last published count.
   */
  async renderPreview(params: MemoDocumentParams | undefined): Promise<RenderPreviewResult> {
    const { documents, settings: store, checks } = this.deps;
    const { uri } = openMemo(documents, params?.uri);
    const settings = await store.of(uri);
    // Fetched again: the memo may have changed or closed while the settings were read.
    const document = openMemo(documents, uri);
    if (checksAsTyped(document, settings)) {
      const result = await checks.checkCurrent(uri);
      return this.renderer.preview(uri, result.version, result.memo, result.findings.length);
    }
    const large = isLarge(document, settings);
    const kept = large ? this.largePreviews.get(uri) : undefined;
    if (kept) return { ...kept, problems: checks.publishedCountOf(uri) };
    const cached = checks.last(uri);
    const memo = cached?.version === document.version ? cached.memo : parseMemo(document.getText(), memoKindOf(uri) ?? 'markdown');
    const preview = await this.renderer.preview(uri, document.version, memo, checks.publishedCountOf(uri));
    if (large) this.largePreviews.set(uri, preview);
    return preview;
  }

  /** The memo as a standalone page. An export is checked whatever the `run` setting: its error count is about the text it writes. */
  async exportHtml(params: MemoDocumentParams | undefined): Promise<ExportHtmlResult> {
    const { uri } = openMemo(this.deps.documents, params?.uri);
    const result = await this.deps.checks.checkCurrent(uri);
    return this.renderer.exportPage(uri, result.memo, result.findings);
  }

  /** The memo as a Word document or a PDF, checked like `exportHtml`. */
  async exportFile(params: ExportFileParams): Promise<ExportFileResult> {
    const { uri } = openMemo(this.deps.documents, params?.uri);
    if (params.format !== 'docx' && params.format !== 'pdf') throw new ResponseError(ErrorCodes.InvalidParams, `policy-memo: unknown export format ${String(params.format)}`);
    const browserPath = typeof params.browserPath === 'string' ? params.browserPath : undefined;
    const result = await this.deps.checks.checkCurrent(uri);
    const file = localPathOf(uri);
    const configFolder = file !== undefined ? await findConfigFolderAsync(file, this.deps.runtime.isFolder, this.deps.folders.folderOf(uri)) : undefined;
    return this.renderer.exportFile(uri, result.memo, result.findings, { format: params.format, browserPath, configFolder, locale: result.locale });
  }

  /** Drops a memo's kept preview (it was opened, saved or closed). */
  forget(uri: string): void {
    this.largePreviews.delete(uri);
  }
}
