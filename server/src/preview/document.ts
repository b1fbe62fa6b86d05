import { escapeHtml } from './escape';
import { EXPORT_GENERATOR_META } from './export-path';
import { sha256Base64 } from './sha256';
import type { RenderedMemo } from './render';

/**
 * The export's Content-Security-Policy: nothing may load or run; only the inline style block,
 * allowed by its hash, and images the exporter inlined as data: URLs.
 */
export function exportCsp(css: string): string {
  return `default-src 'none'; style-src 'sha256-${sha256Base64(css)}'; img-src data:; base-uri 'none'; form-action 'none'`;
}

/** The start of a page under a CSP, up to the stylesheets: shared by the export and the preview webview. */
export function pageHead(lang: string, csp: string): string[] {
  return [
    '<!DOCTYPE html>',
    `<html lang="${escapeHtml(lang)}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
  ];
}

/** One standalone HTML file: the rendered memo with its CSS inside and the same strict CSP as the preview. */
export function exportDocument(rendered: RenderedMemo, title: string, css: string): string {
  return [
    ...pageHead(rendered.langs[0], exportCsp(css)),
    EXPORT_GENERATOR_META,
    `<title>${escapeHtml(title)}</title>`,
    `<style>${css}</style>`,
    '</head>',
    '<body class="memo-export">',
    rendered.html + '</body>',
    '</html>',
    '',
  ].join('\n');
}
