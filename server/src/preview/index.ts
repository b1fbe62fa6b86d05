/** The memo renderer: memo -> HTML in the official layout. Editor-independent; the preview, the export command and the CLI use it. */
export { exportCsp, exportDocument } from './document';
export { exportMemo, exportPage } from './export';
export { exportPathFor } from './export-path';
export type { ExportResult } from './export';
export { formatMemoDate } from './date';
export { escapeHtml, wellFormed } from './escape';
export { folderImages } from './images';
export { label, recipientsLabel, sendersLabel } from './labels';
export type { MemoLang } from './labels';
export { isAllowedLink, isLocalImagePath, renderBody } from './markdown';
export type { ImageResolver } from './markdown';
export { mediaFolder, memoCss } from './media';
export { inLang, memoView } from './model';
export type { MemoText, MemoView } from './model';
export { renderMemo } from './render';
export type { RenderedMemo, RenderOptions } from './render';
export { isExternalLink, parseWebviewMessage, webviewCsp, webviewHtml } from './webview';
export type { UpdateMessage, WebviewMessage, WebviewPage } from './webview';
