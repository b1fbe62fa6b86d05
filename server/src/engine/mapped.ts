/**
 * Text taken out of the memo (a YAML value, a Markdown paragraph's words) together with where each
 * UTF-16 unit came from, so a rule can read decoded text and still report, and edit, the writer's
 * own characters. `starts[i]`/`ends[i]` are the document span of the source that produced text[i]
 * (one character, or a whole escape such as `\(` or `&amp;`).
 */
export class MappedText {
  constructor(
    readonly text: string,
    /** Undefined for a verbatim slice, whose text[i] is the document's character at `origin + i` (no arrays to build). */
    private readonly starts: readonly number[] | undefined,
    private readonly ends: readonly number[] | undefined,
    /** Where an empty text sits in the document; for a verbatim slice, where text[0] is. */
    private readonly origin = starts?.[0] ?? 0,
  ) {}

  /** Text that is a verbatim slice of the document starting at `at`. */
  static verbatim(text: string, at: number): MappedText {
    return new MappedText(text, undefined, undefined, at);
  }

  /** Joins texts; `separator` (one character, e.g. U+FFFC) sits between them, mapped to the gap. */
  static join(parts: readonly MappedText[], separator = ''): MappedText {
    let text = '';
    const starts: number[] = [];
    const ends: number[] = [];
    parts.forEach((part, index) => {
      if (index > 0 && separator) {
        const at = part.length > 0 ? part.startOf(0) : part.origin;
        text += separator;
        starts.push(at);
        ends.push(at);
      }
      text += part.text;
      for (let i = 0; i < part.length; i++) {
        starts.push(part.startOf(i));
        ends.push(part.endOf(i));
      }
    });
    return new MappedText(text, starts, ends, parts[0]?.origin ?? 0);
  }

  get length(): number {
    return this.text.length;
  }

  startOf(i: number): number {
    return this.starts ? this.starts[i] : this.origin + i;
  }

  endOf(i: number): number {
    return this.ends ? this.ends[i] : this.origin + i + 1;
  }

  /** Document span [start, end) of text[from, to). An empty slice is a point before text[from]. */
  span(from: number, to: number): [number, number] {
    if (to > from) return [this.startOf(from), this.endOf(to - 1)];
    if (from < this.length) return [this.startOf(from), this.startOf(from)];
    const end = this.length > 0 ? this.endOf(this.length - 1) : this.origin;
    return [end, end];
  }

  /** Whether text[from, to) is copied unchanged from `document` (no escape, no folded line break). */
  isVerbatim(document: string, from: number, to: number): boolean {
    for (let i = from; i < to; i++) {
      if (this.endOf(i) - this.startOf(i) !== 1 || document[this.startOf(i)] !== this.text[i]) return false;
      if (i > from && this.startOf(i) !== this.endOf(i - 1)) return false;
    }
    return true;
  }

  slice(from: number, to: number): MappedText {
    const [origin] = this.span(from, to);
    if (!this.starts || !this.ends) return MappedText.verbatim(this.text.slice(from, to), origin);
    return new MappedText(this.text.slice(from, to), this.starts.slice(from, to), this.ends.slice(from, to), origin);
  }

  /**
   * Re-maps a text whose characters were taken from this one: `inner[i]` came from this text's
   * characters [innerStarts[i], innerEnds[i]).
   */
  compose(text: string, innerStarts: readonly number[], innerEnds: readonly number[]): MappedText {
    const starts = new Array<number>(text.length);
    const ends = new Array<number>(text.length);
    const last = this.length > 0 ? this.endOf(this.length - 1) : this.origin;
    // `span` inlined: this runs for every character of every paragraph.
    for (let i = 0; i < text.length; i++) {
      const from = innerStarts[i];
      const to = innerEnds[i];
      if (to > from) {
        starts[i] = this.startOf(from);
        ends[i] = this.endOf(to - 1);
      } else {
        starts[i] = ends[i] = from < this.length ? this.startOf(from) : last;
      }
    }
    return new MappedText(text, starts, ends, text.length > 0 ? starts[0] : this.origin);
  }
}
