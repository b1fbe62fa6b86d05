/** Assertions shared by the robustness tests. */
import * as assert from 'node:assert/strict';
import { LineIndex, type Finding, type Range } from '../../server/src/engine';

/** Whether a range lies inside a text: ordered, lines that exist, characters within their line. */
export function rangeInside(range: Range, lines: LineIndex): boolean {
  const within = (p: Range['start']) =>
    p.line >= 0 && p.line < lines.lineCount && p.character >= 0 && p.character <= lines.lineEnd(p.line) - lines.lineStart(p.line);
  const ordered = range.start.line < range.end.line || (range.start.line === range.end.line && range.start.character <= range.end.character);
  return within(range.start) && within(range.end) && ordered;
}

/** Fails unless every finding's range, and every fix's edit range, lies inside the text. */
export function assertRangesInside(text: string, findings: readonly Finding[]): void {
  const lines = new LineIndex(text);
  for (const f of findings) {
    assert.ok(rangeInside(f.range, lines), `${f.rule} range ${JSON.stringify(f.range)} is outside the text`);
    for (const fix of f.fixes) {
      for (const e of fix.edits) assert.ok(rangeInside(e.range, lines), `${f.rule} fix "${fix.title}" edits outside the text`);
    }
  }
}
