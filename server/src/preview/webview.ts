/**
 * The preview webview's page and its messages, without the VS Code API: the client fills in the
 * URIs, and the browser tests load the very same page under the very same CSP.
 */
import { pageHead } from './document';
import { escapeHtml } from './escape';
import type { MemoLang } from './labels';

/** CSP of the preview: nothing by default; styles from the media folder; scripts only with the nonce; inlined images. */
export function webviewCsp(cspSource: string, nonce: string): string {
  return `default-src 'none'; style-src ${cspSource}; script-src 'nonce-${nonce}'; img-src data:; base-uri 'none'; form-action 'none'`;
}

export interface WebviewPage {
  /** The webview's resource origin (`webview.cspSource`). */
  cspSource: string;
  nonce: string;
  /** Stylesheet URLs from the media folder. */
  styles: string[];
  /** The preview script's URL from the media folder. */
  script: string;
  /** The editor's display language, for the toolbar. */
  uiLang: MemoLang;
  /** Toolbar texts, already translated. */
  text: { toolbar: string; english: string; french: string; both: string };
}

/** The preview's HTML shell; the memo itself arrives in `update` messages. */
export function webviewHtml(page: WebviewPage): string {
  const attr = escapeHtml;
  const button = (show: string, text: string) => `<button type="button" data-show="${show}" aria-pressed="false">${attr(text)}</button>`;
  return [
    ...pageHead(page.uiLang, webviewCsp(page.cspSource, page.nonce)),
    ...page.styles.map((href) => `<link rel="stylesheet" href="${attr(href)}">`),
    '</head>',
    '<body class="memo-preview show-both">',
    `<div class="toolbar" role="toolbar" aria-label="${attr(page.text.toolbar)}" hidden>`,
    button('en', page.text.english) + button('fr', page.text.french) + button('both', page.text.both),
    '</div>',
    '<div class="banner" role="status" hidden></div>',
    '<main id="memo"></main>',
    `<script nonce="${attr(page.nonce)}" src="${attr(page.script)}"></script>`,
    '</body>',
    '</html>',
  ].join('\n');
}

/** The preview's delay after typing for a memo of up to 16 K characters: it follows at once. */
export const PREVIEW_DELAY_MS = 40;
/** The longest delay, for the largest memos: the preview still catches up within a pause in typing. */
export const MAX_PREVIEW_DELAY_MS = 400;

/**
 * How long the preview waits after the last edit before rendering a memo of `chars` characters: 40 ms
 * up to 16 K characters, then 1.5 ms more per K (200 KB: about 330 ms), at most 400 ms. A long memo
 * renders once per pause in typing rather than at every keystroke (the edits between are coalesced).
 */
export function previewDelay(chars: number): number {
  const extra = Math.max(0, chars / 1024 - 16) * 1.5;
  return Math.round(Math.min(MAX_PREVIEW_DELAY_MS, PREVIEW_DELAY_MS + extra));
}

/** What the extension sends the webview. */
export interface UpdateMessage {
  type: 'update';
  html: string;
  langs: MemoLang[];
  /** A problem count to show above the memo, or undefined when the memo is clean. */
  banner?: string;
  /** True when the memo cannot be read right now and `html` is the last good rendering. */
  stale: boolean;
  /** `paper` (default) or `editor` colours. */
  colors: 'paper' | 'editor';
  /** The memo's URI: the webview keeps it in its state, so the preview comes back after a window reload. */
  source: string;
}

/** What a restored preview's webview state says: the memo it showed and the language shown. */
export interface RestoredPreview {
  source: string;
  show: 'en' | 'fr' | 'both';
}

/** Reads a preview's saved webview state (VS Code gives it back after a reload); undefined when it names no memo. */
export function restoredPreview(state: unknown): RestoredPreview | undefined {
  if (typeof state !== 'object' || state === null) return undefined;
  const { source, show } = state as Record<string, unknown>;
  if (typeof source !== 'string' || source === '' || source.length > MAX_HREF) return undefined;
  return { source, show: show === 'en' || show === 'fr' ? show : 'both' };
}

/** The extension asks the webview to show source line `line` at its top (the editor scrolled). */
export interface ScrollMessage {
  type: 'scroll';
  line: number;
}

/**
 * What the webview may send the extension: anything else is dropped. `revealLine`: the writer scrolled
 * the preview, the editor shows that source line at its top; `openSource`: a double-click on a block.
 */
export type WebviewMessage = { type: 'ready' } | { type: 'openLink'; href: string } | { type: 'revealLine' | 'openSource'; line: number };

const MAX_HREF = 2048;
/** More lines than any memo the server checks has (2 MB of empty lines is about a million). */
const MAX_LINE = 10_000_000;

/** Checks a message from the webview against the allow-list; undefined when it is not one we accept. */
export function parseWebviewMessage(value: unknown): WebviewMessage | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const message = value as Record<string, unknown>;
  if (message.type === 'ready' && Object.keys(message).length === 1) return { type: 'ready' };
  if (message.type === 'openLink' && typeof message.href === 'string' && Object.keys(message).length === 2) {
    return isExternalLink(message.href) ? { type: 'openLink', href: message.href } : undefined;
  }
  if ((message.type === 'revealLine' || message.type === 'openSource') && Object.keys(message).length === 2) {
    const line = message.line;
    return typeof line === 'number' && Number.isInteger(line) && line >= 0 && line <= MAX_LINE ? { type: message.type, line } : undefined;
  }
  return undefined;
}

/** Links the preview opens (through VS Code): http, https and mailto, nothing else. */
export function isExternalLink(href: string): boolean {
  if (href.length > MAX_HREF) return false;
  try {
    const url = new URL(href);
    return url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'mailto:';
  } catch {
    return false;
  }
}
