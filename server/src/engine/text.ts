/** LSP-style positions: 0-based line, character in UTF-16 code units (the unit of JavaScript strings). */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** A replacement of the text in `range` by `newText` (the LSP TextEdit shape). */
export interface TextEdit {
  range: Range;
  newText: string;
}

/** Maps string offsets to LSP positions and back. Lines end at \n, \r\n or a lone \r, as in LSP. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    if (!text.includes('\r')) {
      // The common case, found by the native search rather than a loop over every character.
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      } else if (c === 10 /* \n */) {
        this.starts.push(i + 1);
      }
    }
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** The offset where `line` starts (clamped to the text). */
  lineStart(line: number): number {
    if (line < 0) return 0;
    if (line >= this.starts.length) return this.text.length;
    return this.starts[line];
  }

  /** The offset where `line`'s content ends, before its line break. */
  lineEnd(line: number): number {
    if (line >= this.starts.length - 1) return this.text.length;
    let end = this.starts[line + 1];
    if (end > 0 && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > 0 && this.text.charCodeAt(end - 1) === 13) end--;
    return Math.max(end, this.starts[line]);
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid] <= o) low = mid;
      else high = mid - 1;
    }
    // An offset inside a CRLF (between \r and \n) is not a position LSP can express: use the line's end.
    return { line: low, character: Math.min(o, this.lineEnd(low)) - this.starts[low] };
  }

  /** The offset of a position; a character past the line's end is clamped to it, as LSP asks. */
  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.starts.length) return this.text.length;
    const start = this.starts[position.line];
    return Math.min(start + Math.max(0, position.character), this.lineEnd(position.line));
  }

  range(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  /** The text's own line break: \r\n when the first line break is one, else \n. */
  get eol(): string {
    const i = this.text.indexOf('\n');
    return i > 0 && this.text.charCodeAt(i - 1) === 13 ? '\r\n' : '\n';
  }
}

/** Applies edits to a text. Edits must not overlap; they are applied from the end so offsets stay valid. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(text);
  const spans = edits
    .map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), newText: e.newText }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < spans.length; i++) {
    if (spans[i].start < spans[i - 1].end) throw new Error('applyEdits: overlapping edits');
  }
  // One piece per edit and per text between, joined once: slicing the whole text again at each edit
  // was quadratic (150,000 fixes of a 1 MB memo).
  const pieces: string[] = [];
  let at = 0;
  for (const s of spans) {
    pieces.push(text.slice(at, s.start), s.newText);
    at = s.end;
  }
  pieces.push(text.slice(at));
  return pieces.join('');
}
