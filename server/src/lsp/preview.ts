import * as path from 'node:path';
import { t } from '../engine';
import type { Finding, Locale, ParsedMemo } from '../engine';
import { exportPage, findBrowser, folderImages, ImageResolver, loadTemplate, PdfError, printPdf, renderDocx, renderMemo, TEMPLATE_FILE } from '../preview';
import type { ExportFileParams, ExportFileResult, ExportHtmlResult, RenderPreviewResult } from './protocol';
import { localPathOf } from './settings';

/** Folders whose image reader (and its cache) is kept; past this, they are all dropped and read again. */
const MAX_FOLDERS = 32;

/**
 * Renders memos for the client's preview and export. The server runs beside the files, so it reads
 * a memo's images from the memo's own folder, with the renderer's limits (`folderImages`).
 */
export class MemoRenderer {
  private readonly images = new Map<string, ImageResolver>();

  /** The preview of one document version; `problems` is the count the server published for it. */
  preview(uri: string, version: number, memo: ParsedMemo, problems: number): RenderPreviewResult {
    const { html, langs, complete } = renderMemo(memo, { resolveImage: this.imagesOf(uri), sourceLines: true });
    return { version, html, langs, complete, problems };
  }

  /** The standalone page of a checked memo, with its counts of errors and of all problems. */
  exportPage(uri: string, memo: ParsedMemo, findings: readonly Finding[]): ExportHtmlResult {
    const html = exportPage(renderMemo(memo, { resolveImage: this.imagesOf(uri) }));
    return { html, errors: findings.filter((f) => f.severity === 'error').length, problems: findings.length };
  }

  /**
   * A checked memo as a Word document or a PDF, base64, with its count of errors. A Word export uses
   * the template of the memo's `.policy-memo/` folder (`configFolder`) when there is a usable one.
   */
  async exportFile(
    uri: string,
    memo: ParsedMemo,
    findings: readonly Finding[],
    request: { format: ExportFileParams['format']; browserPath?: string; configFolder?: string; locale: Locale },
  ): Promise<ExportFileResult> {
    const { format, browserPath, configFolder, locale } = request;
    const counts = { errors: findings.filter((f) => f.severity === 'error').length, problems: findings.length };
    const resolveImage = this.imagesOf(uri);
    if (format === 'docx') {
      const template = configFolder ? await loadTemplate(configFolder) : undefined;
      const refused = typeof template === 'string';
      const data = Buffer.from(await renderDocx(memo, { resolveImage, template: refused ? undefined : template })).toString('base64');
      if (!refused) return { data, ...counts };
      const shown = `${path.basename(configFolder as string)}/${TEMPLATE_FILE}`;
      return { data, ...counts, templateRefused: t(locale, 'export.templateRefused', { path: shown, reason: t(locale, template) }) };
    }
    const browser = findBrowser({ explicit: browserPath || undefined });
    if (!browser) return { ...counts, noBrowser: true };
    try {
      const pdf = await printPdf(exportPage(renderMemo(memo, { resolveImage })), browser);
      return { data: Buffer.from(pdf).toString('base64'), ...counts };
    } catch (error) {
      if (error instanceof PdfError) return { ...counts, failure: error.message };
      throw error;
    }
  }

  private imagesOf(uri: string): ImageResolver | undefined {
    // Untitled memos have no folder: their images show as alt text, as before.
    const file = localPathOf(uri);
    if (file === undefined) return undefined;
    const folder = path.dirname(file);
    let resolve = this.images.get(folder);
    if (!resolve) {
      if (this.images.size >= MAX_FOLDERS) this.images.clear();
      resolve = folderImages(folder);
      this.images.set(folder, resolve);
    }
    return resolve;
  }
}
