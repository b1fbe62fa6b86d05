import { checkMemo, CheckOptions } from '../engine/check';
import type { Finding } from '../engine/findings';
import type { MemoKind } from '../engine/parse';
import { exportDocument } from './document';
import { memoCss } from './media';
import { RenderedMemo, renderMemo, RenderOptions } from './render';

export interface ExportResult {
  html: string;
  /** The memo's findings: a memo with errors is still exported, and the caller says so. */
  findings: Finding[];
}

/** Checks and renders a memo as one standalone, print-ready HTML file. */
export function exportMemo(text: string, kind: MemoKind, options: CheckOptions & RenderOptions & { css?: string } = {}): ExportResult {
  const { memo, findings } = checkMemo(text, kind, options);
  return { html: exportPage(renderMemo(memo, options), options.css), findings };
}

/** A rendered memo as one standalone page, titled with its subject (the CLI and the language server use it). */
export function exportPage(rendered: RenderedMemo, css = memoCss()): string {
  const title = rendered.title || (rendered.langs[0] === 'fr' ? 'Note de service' : 'Memorandum');
  return exportDocument(rendered, title, css);
}
