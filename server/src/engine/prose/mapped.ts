/**
 * Where a stretch of a MappedText's units came from. Most text is copied from the document as it is,
 * so the map is kept as runs rather than two numbers per character (a 1 MB body would need millions).
 */
interface Run {
  /** The text index of the run's first unit. */
  at: number;
  length: number;
  /** Copied characters: unit `at + i` came from [start + i, start + i + 1). */
  start: number;
  /** When set, every unit of the run came from [start, end) (an escape, an entity, a folded line break). */
  end?: number;
}

/**
 * Text taken out of the memo (a YAML value, a Markdown paragraph's words) together with where each
 * UTF-16 unit came from, so a rule can read decoded text and still report, and edit, the writer's
 * own characters. `startOf(i)`/`endOf(i)` are the document span of the source that produced text[i]
 * (one character, or a whole escape such as `\(` or `&amp;`).
 */
export class MappedText {
  /** The run last looked up: lookups mostly walk forward through a text. */
  private last = 0;
  /** What rules work out from the text once and share (see `derived`): a plain object, lighter than a Map for a few keys. */
  private cache?: Record<string, unknown>;

  constructor(
    readonly text: string,
    private readonly runs: readonly Run[],
    /** Where an empty text sits in the document. */
    readonly origin: number,
  ) {}

  /** Text that is a verbatim slice of the document starting at `at`. */
  static verbatim(text: string, at: number): MappedText {
    return new MappedText(text, text.length > 0 ? [{ at: 0, length: text.length, start: at }] : [], at);
  }

  /** Joins texts; `separator` (one character, e.g. U+FFFC) sits between them, mapped to the gap. */
  static join(parts: readonly MappedText[], separator = ''): MappedText {
    let text = '';
    const map = new MappingBuilder();
    parts.forEach((part, index) => {
      if (index > 0 && separator) {
        const at = part.length > 0 ? part.startOf(0) : part.origin;
        text += separator;
        map.source(at, at, 1);
      }
      text += part.text;
      map.copy(part, 0, part.length);
    });
    return map.build(text, parts[0]?.origin ?? 0);
  }

  /**
   * Something worked out from this text once and shared by every rule that asks (its addresses, say):
   * cheaper than a WeakMap from texts, of which a memo has thousands.
   */
  derived<T>(key: string, compute: () => T): T {
    this.cache ??= Object.create(null) as Record<string, unknown>;
    if (!(key in this.cache)) this.cache[key] = compute();
    return this.cache[key] as T;
  }

  get length(): number {
    return this.text.length;
  }

  private runAt(i: number): Run {
    const runs = this.runs;
    let k = this.last < runs.length ? this.last : 0;
    if (runs[k].at > i || runs[k].at + runs[k].length <= i) {
      if (k + 1 < runs.length && runs[k + 1].at <= i && i < runs[k + 1].at + runs[k + 1].length) k++;
      else {
        let low = 0;
        let high = runs.length - 1;
        while (low < high) {
          const mid = (low + high + 1) >> 1;
          if (runs[mid].at <= i) low = mid;
          else high = mid - 1;
        }
        k = low;
      }
    }
    this.last = k;
    return runs[k];
  }

  startOf(i: number): number {
    const run = this.runAt(i);
    return run.end === undefined ? run.start + (i - run.at) : run.start;
  }

  endOf(i: number): number {
    const run = this.runAt(i);
    return run.end === undefined ? run.start + (i - run.at) + 1 : run.end;
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
    const map = new MappingBuilder();
    map.copy(this, from, to - from);
    return map.build(this.text.slice(from, to), origin);
  }

  /** Appends the map of text[from, from + length) to `map`, run by run. */
  copyTo(map: MappingBuilder, from: number, length: number): void {
    let i = from;
    const to = from + length;
    while (i < to) {
      const run = this.runAt(i);
      const n = Math.min(to, run.at + run.length) - i;
      if (run.end === undefined) map.copied(run.start + (i - run.at), n);
      else map.source(run.start, run.end, n);
      i += n;
    }
  }
}

/** Builds a MappedText's map unit by unit (or run by run), merging what continues the last run. */
export class MappingBuilder {
  private readonly runs: Run[] = [];
  private units = 0;

  /** `length` units copied from the document's characters at `start`, `start + 1`, …. */
  copied(start: number, length: number): void {
    if (length <= 0) return;
    const last = this.runs[this.runs.length - 1];
    if (last && last.end === undefined && last.start + last.length === start) last.length += length;
    else this.runs.push({ at: this.units, length, start });
    this.units += length;
  }

  /** `count` units that all came from the document's [start, end). */
  source(start: number, end: number, count: number): void {
    if (count <= 0) return;
    if (count === 1 && end === start + 1) return this.copied(start, 1);
    const last = this.runs[this.runs.length - 1];
    if (last && last.end === end && last.start === start) last.length += count;
    else this.runs.push({ at: this.units, length: count, start, end });
    this.units += count;
  }

  /** `length` units, each from where `text`'s unit at `from + i` came from. */
  copy(text: MappedText, from: number, length: number): void {
    text.copyTo(this, from, length);
  }

  /** Where the first unit came from, once there is one. */
  get first(): number | undefined {
    return this.runs[0]?.start;
  }

  /** The text whose units were described, in order; `origin` is where it sits when empty. */
  build(text: string, origin: number): MappedText {
    return new MappedText(text, this.runs, origin);
  }
}
