import * as path from 'node:path';
import type { Finding, ParsedMemo } from '../engine';
import { exportPage, folderImages, ImageResolver, renderMemo } from '../preview';
import type { ExportHtmlResult, RenderPreviewResult } from './protocol';
import { uriToPath } from './settings';

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
    const { html, langs, complete } = renderMemo(memo, { resolveImage: this.imagesOf(uri) });
    return { version, html, langs, complete, problems };
  }

  /** The standalone page of a checked memo, with its counts of errors and of all problems. */
  exportPage(uri: string, memo: ParsedMemo, findings: readonly Finding[]): ExportHtmlResult {
    const html = exportPage(renderMemo(memo, { resolveImage: this.imagesOf(uri) }));
    return { html, errors: findings.filter((f) => f.severity === 'error').length, problems: findings.length };
  }

  private imagesOf(uri: string): ImageResolver | undefined {
    // Untitled memos have no folder: their images show as alt text, as before.
    if (!uri.startsWith('file:')) return undefined;
    const folder = path.dirname(uriToPath(uri));
    let resolve = this.images.get(folder);
    if (!resolve) {
      if (this.images.size >= MAX_FOLDERS) this.images.clear();
      resolve = folderImages(folder);
      this.images.set(folder, resolve);
    }
    return resolve;
  }
}
