import { Hover, MarkupKind, Position } from 'vscode-languageserver';
import { hoverAt } from '../engine';
import type { Checked } from './documents';
import { markup } from './markup';

/** The hover at a position of a checked memo: what its schema says of the key or value there (in `format`), or null. */
export function hoverFor(result: Checked, position: Position, format: MarkupKind = MarkupKind.Markdown): Hover | null {
  const info = hoverAt(result.memo, result.memo.lines.offsetAt(position), result.schema.source, result.locale);
  return info ? { contents: markup(info.markdown, format), range: info.range } : null;
}

/** Whether a position is on a Markdown memo's opening `---`, whose hover is what applied to the memo (summary.ts). */
export function isOnOpeningFence(result: Checked, position: Position): boolean {
  const { memo } = result;
  return memo.kind === 'markdown' && position.line === 0 && /^---[ \t]*$/.test(memo.text.slice(0, memo.lines.lineEnd(0)));
}
