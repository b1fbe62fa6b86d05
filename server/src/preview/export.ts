import { checkMemo, CheckOptions } from '../engine/check';
import type { Finding } from '../engine/findings';
import type { MemoKind } from '../engine/parse';
import { exportDocument } from './document';
import { memoCss } from './media';
import { renderMemo, RenderOptions } from './render';

export interface ExportResult {
  html: string;
  /** The memo's findings: a memo with errors is still exported, and the caller says so. */
  findings: Finding[];
}

/** The path of the export beside the memo: `name.memo.md` -> `name.memo.html`. */
export function exportPathFor(memoPath: string): string {
  return memoPath.replace(/\.(md|ya?ml)$/i, '') + '.html';
}

/** Checks and renders a memo as one standalone, print-ready HTML file. */
export function exportMemo(text: string, kind: MemoKind, options: CheckOptions & RenderOptions & { css?: string } = {}): ExportResult {
  const { memo, findings } = checkMemo(text, kind, options);
  const rendered = renderMemo(memo, options);
  const title = rendered.title || (rendered.langs[0] === 'fr' ? 'Note de service' : 'Memorandum');
  return { html: exportDocument(rendered, title, options.css ?? memoCss()), findings };
}
