import type { Finding, Severity } from './findings';

interface Kept {
  start: number;
  end: number;
  /** The order of reporting: of two findings at the same place, the first reported comes first. */
  seq: number;
  finding: Finding;
}

/** A place left out: the finding there was only counted. */
interface LeftOut {
  start: number;
  end: number;
  seq: number;
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

const hasSafeFix = (f: Finding) => f.fixes.some((fix) => fix.safe);

const before = (a: LeftOut, b: LeftOut) => a.start < b.start || (a.start === b.start && a.seq < b.seq);

/**
 * What one rule reports on one memo: its first `max` findings in the text are built and kept; past
 * them a finding is only counted (a memo can make a rule report hundreds of thousands, and building
 * each message and related place cost seconds and hundreds of megabytes). With `keepFixes` (--fix and
 * fix-all apply every safe fix) the findings past the cap that carry a safe fix are built too, for it.
 */
export class FindingBudget {
  /** A max-heap on the place in the text: the last of the kept findings is on top. */
  private readonly heap: Kept[] = [];
  private reported = 0;
  /** How many findings were left out. */
  unshown = 0;
  /** The first finding left out, in the text. */
  private first?: LeftOut;
  /** The most severe of the findings left out whose severity is known. */
  private worst?: Severity;
  /** Findings past the cap, built only for their safe fixes (with `keepFixes`). */
  readonly forFixes: Finding[] = [];

  constructor(
    readonly max: number,
    readonly keepFixes: boolean,
  ) {}

  /**
   * Offers a finding at [start, end): `build` is called only if it is kept, or if it is `fixable`
   * (it may carry a safe fix) and fixes are kept. `severity` is the finding's, when known without building it.
   */
  offer(start: number, end: number, severity: Severity | undefined, fixable: boolean, build: () => Finding): void {
    const seq = this.reported++;
    const top = this.heap[0];
    if (this.heap.length < this.max || (top !== undefined && start < top.start)) {
      this.push({ start, end, seq, finding: build() });
      if (this.heap.length > this.max) {
        const out = this.pop();
        this.leaveOut(out, out.finding.severity, hasSafeFix(out.finding) ? out.finding : undefined);
      }
      return;
    }
    this.leaveOut({ start, end, seq }, severity, fixable && this.keepFixes ? build : undefined);
  }

  /** The kept findings, in the text's order. */
  shown(): Finding[] {
    return [...this.heap].sort((a, b) => a.start - b.start || a.seq - b.seq).map((k) => k.finding);
  }

  /** Where the first finding left out is, and the most severe severity among those left out (if known). */
  leftOut(): { start: number; end: number; severity?: Severity } | undefined {
    return this.first ? { start: this.first.start, end: this.first.end, severity: this.worst } : undefined;
  }

  private leaveOut(place: LeftOut, severity: Severity | undefined, forFixes: Finding | (() => Finding) | undefined): void {
    this.unshown++;
    if (!this.first || before(place, this.first)) this.first = { start: place.start, end: place.end, seq: place.seq };
    if (severity && (!this.worst || RANK[severity] < RANK[this.worst])) this.worst = severity;
    if (forFixes && this.keepFixes) {
      const finding = typeof forFixes === 'function' ? forFixes() : forFixes;
      if (hasSafeFix(finding)) this.forFixes.push(finding);
    }
  }

  private later(a: Kept, b: Kept): boolean {
    return a.start > b.start || (a.start === b.start && a.seq > b.seq);
  }

  private push(item: Kept): void {
    const heap = this.heap;
    heap.push(item);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.later(heap[i], heap[parent])) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  }

  private pop(): Kept {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop() as Kept;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const [l, r] = [2 * i + 1, 2 * i + 2];
        let largest = i;
        if (l < heap.length && this.later(heap[l], heap[largest])) largest = l;
        if (r < heap.length && this.later(heap[r], heap[largest])) largest = r;
        if (largest === i) break;
        [heap[i], heap[largest]] = [heap[largest], heap[i]];
        i = largest;
      }
    }
    return top;
  }
}
