import * as path from 'node:path';
import { t } from '../engine';
import type { Finding, Locale, ParsedMemo } from '../engine';
import type { BytesRead, ReadLimits } from '../files/read';
import { loadTemplate, TEMPLATE_FILE } from '../preview/docx-template';
import { renderDocx } from '../preview/docx';
import { exportPage } from '../preview/export';
import type { ImageResolver } from '../preview/markdown';
import { renderMemo } from '../preview/render';
import type { ExportFileParams, ExportFileResult, ExportHtmlResult, RenderPreviewResult } from './protocol';
import { localPathOf } from './settings';

/** Folders whose image reader (and its cache) is kept; past this, they are all dropped and read again. */
const MAX_FOLDERS = 32;

/**
 * What the renderer reads or runs beside a memo, given by the host (lsp/node-runtime.ts on the
 * desktop, lsp/browser-runtime.ts on the web), so the renderer itself needs no file system.
 */
export interface RenderHost {
  /** The images of a memo's folder as data: URLs, read while the memo renders (preview/images.ts `folderImages` on the desktop). */
  images(folder: string): ImageResolver;
  /** Reads ahead the images a render will ask for, where reading cannot happen while rendering (the web asks its client). */
  prefetchImages?(folder: string, wanted: readonly string[]): Promise<void>;
  /** A file's bytes within the limits (the Word template; files/read.ts `readBytes` on the desktop). */
  readBytes(file: string, limits: ReadLimits): Promise<BytesRead>;
  /** The browser that prints PDFs (`explicit`: the setting); undefined when none is found, or none can run here (the web). */
  findBrowser(explicit: string | undefined): string | undefined;
  /** Prints a standalone page to PDF; rejects with a PdfError (its message said to the writer) when the browser did not print. */
  printPdf(html: string, browser: string): Promise<Uint8Array>;
  /** Whether an error of printPdf is the browser's own failure (said to the writer), not the server's. */
  isPrintFailure(error: unknown): boolean;
}

/**
 * Renders memos for the client's preview and export. Images come from the memo's own folder, with
 * the renderer's limits, through the host.
 */
export class MemoRenderer {
  private readonly images = new Map<string, ImageResolver>();

  constructor(private readonly host: RenderHost) {}

  /** The preview of one document version; `problems` is the count the server published for it. */
  async preview(uri: string, version: number, memo: ParsedMemo, problems: number): Promise<RenderPreviewResult> {
    const { html, langs, complete } = renderMemo(memo, { resolveImage: await this.imagesOf(uri, memo), sourceLines: true });
    return { version, html, langs, complete, problems };
  }

  /** The standalone page of a checked memo, with its counts of errors and of all problems. */
  async exportPage(uri: string, memo: ParsedMemo, findings: readonly Finding[]): Promise<ExportHtmlResult> {
    const html = exportPage(renderMemo(memo, { resolveImage: await this.imagesOf(uri, memo) }));
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
    const resolveImage = await this.imagesOf(uri, memo);
    if (format === 'docx') {
      const template = configFolder ? await loadTemplate(configFolder, (file, limits) => this.host.readBytes(file, limits)) : undefined;
      const refused = typeof template === 'string';
      const data = Buffer.from(await renderDocx(memo, { resolveImage, template: refused ? undefined : template })).toString('base64');
      if (!refused) return { data, ...counts };
      const shown = `${path.basename(configFolder as string)}/${TEMPLATE_FILE}`;
      return { data, ...counts, templateRefused: t(locale, 'export.templateRefused', { path: shown, reason: t(locale, template) }) };
    }
    const browser = this.host.findBrowser(browserPath || undefined);
    if (!browser) return { ...counts, noBrowser: true };
    try {
      const pdf = await this.host.printPdf(exportPage(renderMemo(memo, { resolveImage })), browser);
      return { data: Buffer.from(pdf).toString('base64'), ...counts };
    } catch (error) {
      if (this.host.isPrintFailure(error)) return { ...counts, failure: (error as Error).message };
      throw error;
    }
  }

  private async imagesOf(uri: string, memo: ParsedMemo): Promise<ImageResolver | undefined> {
    // Untitled memos have no folder: their images show as alt text, as before.
    const file = localPathOf(uri);
    if (file === undefined) return undefined;
    const folder = path.dirname(file);
    if (this.host.prefetchImages) {
      // The images this memo shows, found by rendering it once without them.
      const wanted: string[] = [];
      renderMemo(memo, { resolveImage: (relativePath) => void wanted.push(relativePath) });
      await this.host.prefetchImages(folder, wanted);
    }
    let resolve = this.images.get(folder);
    if (!resolve) {
      if (this.images.size >= MAX_FOLDERS) this.images.clear();
      resolve = this.host.images(folder);
      this.images.set(folder, resolve);
    }
    return resolve;
  }
}
