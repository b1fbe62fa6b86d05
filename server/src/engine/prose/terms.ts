/**
 * Many glossary terms searched at once: one Aho-Corasick automaton over the terms, built once, then
 * one pass over each text whatever the number of terms (a regular expression per term per piece of
 * prose made a 10,000-term glossary cost tens of seconds per check).
 */

/** A term found in a text: its index in the list the matcher was built from, and [start, end). */
export interface TermMatch {
  index: number;
  start: number;
  end: number;
}

const folded = new Map<number, number>();

/**
 * A code point's key for the automaton: the same for any two code points a case-insensitive Unicode
 * regular expression (flags `iu`, simple case folding) treats as equal, such as `K`, `k` and the
 * Kelvin sign, or `s` and `ſ`. It may also join a few the expression keeps apart (dotless ı and i):
 * every candidate is confirmed by the term's own expression, so that costs nothing but a test.
 */
export function foldCodePoint(cp: number): number {
  if (cp < 0x80) return cp >= 0x41 && cp <= 0x5a ? cp + 0x20 : cp;
  let key = folded.get(cp);
  if (key === undefined) {
    const char = String.fromCodePoint(cp);
    const single = (s: string) => s.length > 0 && s.length === String.fromCodePoint(s.codePointAt(0) as number).length;
    const upper = char.toUpperCase();
    const lower = (single(upper) ? upper : char).toLowerCase();
    key = (single(lower) ? lower : char).codePointAt(0) as number;
    // Folded together by simple case folding although neither one's upper case reaches the other.
    key = LATE_FOLDS.get(key) ?? key;
    folded.set(cp, key);
  }
  return key;
}

/** Pairs Unicode folds together that the case mappings above do not (ΐ, ΰ, ﬅ). */
const LATE_FOLDS = new Map<number, number>([
  [0x1fd3, 0x0390],
  [0x1fe3, 0x03b0],
  [0xfb05, 0xfb06],
]);

const escape = (term: string) => term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Whether a term is matched without case: when it is written in lower case. Such a term's whole-word
 * search used to be `(?<![\p{L}\p{N}])term(?![\p{L}\p{N}])` with flags `iu` (`u` otherwise); the
 * matcher gives the same matches, testing the term and its two boundaries apart: a literal sticky
 * expression compiles in microseconds, where one with Unicode classes took about a millisecond.
 */
const withoutCase = (term: string) => term === term.toLowerCase();

/** The boundary classes, with and without case, as the per-term search had them. */
const WORD_CHAR = /[\p{L}\p{N}]/u;
const WORD_CHAR_NO_CASE = /[\p{L}\p{N}]/iu;

/** The code point starting at `i` (a lone surrogate counts as one). */
function codePointAt(text: string, i: number): number {
  return text.codePointAt(i) as number;
}

/**
 * The automaton's edges, (node, key) → child, in an open-addressing table of typed arrays: a Map of
 * 200,000 edges keyed by numbers past 2^31 spent most of its time building them and collecting garbage.
 */
class Edges {
  private readonly mask: number;
  private readonly from: Int32Array;
  private readonly keys: Int32Array;
  readonly to: Int32Array;

  constructor(capacity: number) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.mask = size - 1;
    this.from = new Int32Array(size).fill(-1);
    this.keys = new Int32Array(size);
    this.to = new Int32Array(size);
  }

  private slot(node: number, key: number): number {
    let slot = (Math.imul(node, 0x9e3779b1) ^ Math.imul(key, 0x85ebca77)) & this.mask;
    while (this.from[slot] !== -1 && (this.from[slot] !== node || this.keys[slot] !== key)) slot = (slot + 1) & this.mask;
    return slot;
  }

  /** The child of `node` by `key`, or -1. */
  get(node: number, key: number): number {
    const slot = this.slot(node, key);
    return this.from[slot] === -1 ? -1 : this.to[slot];
  }

  set(node: number, key: number, child: number): void {
    const slot = this.slot(node, key);
    this.from[slot] = node;
    this.keys[slot] = key;
    this.to[slot] = child;
  }

  /** Every edge as [from, key, to], in table order. */
  forEach(visit: (from: number, key: number, to: number) => void): void {
    for (let slot = 0; slot < this.from.length; slot++) if (this.from[slot] !== -1) visit(this.from[slot], this.keys[slot], this.to[slot]);
  }
}

/** The code point ending just before `i`. */
function codePointBefore(text: string, i: number): number {
  const low = text.charCodeAt(i - 1);
  if (low >= 0xdc00 && low <= 0xdfff && i >= 2) {
    const high = text.charCodeAt(i - 2);
    if (high >= 0xd800 && high <= 0xdbff) return (high - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
  }
  return low;
}

/**
 * One automaton over some of the terms: the terms written in lower case, keyed by folded code points,
 * or the others, keyed by their code points as they are (so a term matched with its case is never a
 * candidate where only the case differs, and a glossary of those costs nothing on text in lower case).
 */
class Automaton {
  private readonly edges: Edges;
  private readonly fail: Int32Array;
  /** The first term ending at a node (-1 for none); the others follow through `sameEnd`. */
  private readonly ends: Int32Array;
  private readonly sameEnd: Int32Array;
  /** The nearest node down the failure chain that has terms ending at it (0 for none). */
  private readonly dict: Int32Array;
  /** Each term's length in code points (0 for an empty term, never found). */
  private readonly lengths: Int32Array;
  private readonly patterns: (RegExp | undefined)[];
  private readonly longest: number;
  private readonly findable: number;

  /** `terms[i]` is reported as index `i`; only the terms `caseless[i] === fold` are searched. */
  constructor(
    private readonly terms: readonly string[],
    caseless: readonly boolean[],
    private readonly fold: boolean,
  ) {
    const units = terms.reduce((sum, term, i) => sum + (caseless[i] === fold ? term.length : 0), 0);
    this.edges = new Edges(units + 1);
    this.fail = new Int32Array(units + 1);
    this.ends = new Int32Array(units + 1).fill(-1);
    this.sameEnd = new Int32Array(terms.length).fill(-1);
    this.dict = new Int32Array(units + 1);
    this.lengths = new Int32Array(terms.length);
    this.patterns = terms.map(() => undefined);
    let nodes = 1;
    let longest = 0;
    let findable = 0;
    terms.forEach((term, index) => {
      if (caseless[index] !== fold) return;
      let node = 0;
      let length = 0;
      for (let i = 0; i < term.length; ) {
        const cp = codePointAt(term, i);
        i += cp > 0xffff ? 2 : 1;
        length++;
        const key = fold ? foldCodePoint(cp) : cp;
        let child = this.edges.get(node, key);
        if (child === -1) {
          child = nodes++;
          this.edges.set(node, key, child);
        }
        node = child;
      }
      if (length === 0) return;
      findable++;
      this.lengths[index] = length;
      longest = Math.max(longest, length);
      this.sameEnd[index] = this.ends[node];
      this.ends[node] = index;
    });
    this.longest = longest;
    this.findable = findable;
    this.link(nodes);
  }

  /** Failure and dictionary links, breadth first. */
  private link(nodes: number): void {
    // Each node's children, grouped by parent (counting sort of the edges).
    const first = new Int32Array(nodes + 1);
    this.edges.forEach((from) => first[from + 1]++);
    for (let n = 0; n < nodes; n++) first[n + 1] += first[n];
    const fill = first.slice(0, nodes);
    const child = new Int32Array(nodes);
    const keyOf = new Int32Array(nodes);
    this.edges.forEach((from, key, to) => {
      const at = fill[from]++;
      child[at] = to;
      keyOf[at] = key;
    });
    const queue = new Int32Array(nodes);
    let tail = 0;
    for (let e = first[0]; e < first[1]; e++) queue[tail++] = child[e];
    for (let head = 0; head < tail; head++) {
      const node = queue[head];
      for (let e = first[node]; e < first[node + 1]; e++) {
        const next = child[e];
        const key = keyOf[e];
        let f = this.fail[node];
        let target = this.edges.get(f, key);
        while (target === -1 && f !== 0) {
          f = this.fail[f];
          target = this.edges.get(f, key);
        }
        const linked = target !== -1 && target !== next ? target : 0;
        this.fail[next] = linked;
        this.dict[next] = this.ends[linked] !== -1 ? linked : this.dict[linked];
        queue[tail++] = next;
      }
    }
  }

  /** Whether term `index` is in `text` at [start, end), as a whole word (its keys are known to match there). */
  private matchesAt(index: number, text: string, start: number, end: number): boolean {
    const term = this.terms[index];
    const word = this.fold ? WORD_CHAR_NO_CASE : WORD_CHAR;
    if (start > 0 && word.test(String.fromCodePoint(codePointBefore(text, start)))) return false;
    if (end < text.length && word.test(String.fromCodePoint(codePointAt(text, end)))) return false;
    if (!this.fold) return text.startsWith(term, start) && term.length === end - start;
    const pattern = (this.patterns[index] ??= new RegExp(escape(term), 'iuy'));
    pattern.lastIndex = start;
    const m = pattern.exec(text);
    return m !== null && m[0].length === end - start;
  }

  /** Adds to `found` each of its terms found in `text`, at its first whole-word occurrence. */
  firstMatches(text: string, found: Map<number, TermMatch>): void {
    if (this.findable === 0) return;
    let left = this.findable;
    // Where each of the last `longest` code points started, to find a match's start from its end.
    const starts = new Int32Array(this.longest + 1);
    const size = starts.length;
    // Nodes whose terms are all found, each to the next node down its chain: a glossary of terms that
    // end one another ("a", "a a", "a a a"…) would otherwise make each word walk the whole chain again.
    const finished = new Map<number, number>();
    const live = (node: number): number => {
      let at = node;
      while (at !== 0 && finished.has(at)) at = finished.get(at) as number;
      // Shortcut the nodes just walked through to where the walk ended.
      for (let hop = node; hop !== at; ) {
        const next = finished.get(hop) as number;
        finished.set(hop, at);
        hop = next;
      }
      return at;
    };
    let count = 0;
    let node = 0;
    for (let i = 0; i < text.length; ) {
      const cp = codePointAt(text, i);
      starts[count % size] = i;
      count++;
      i += cp > 0xffff ? 2 : 1;
      const key = this.fold ? foldCodePoint(cp) : cp;
      let target = this.edges.get(node, key);
      while (target === -1 && node !== 0) {
        node = this.fail[node];
        target = this.edges.get(node, key);
      }
      node = target === -1 ? 0 : target;
      const first = this.ends[node] !== -1 ? node : this.dict[node];
      // Every term ending here needs a word boundary after it: one test spares the whole chain.
      if (first === 0 || (i < text.length && WORD_CHAR.test(String.fromCodePoint(codePointAt(text, i))))) continue;
      for (let at = live(first); at !== 0; at = live(this.dict[at])) {
        let done = true;
        for (let index = this.ends[at]; index !== -1; index = this.sameEnd[index]) {
          if (found.has(index)) continue;
          const start = starts[(count - this.lengths[index]) % size];
          if (this.matchesAt(index, text, start, i)) {
            found.set(index, { index, start, end: i });
            left--;
          } else {
            done = false;
          }
        }
        if (done) finished.set(at, this.dict[at]);
      }
      if (left === 0) break;
    }
  }
}

/** Finds, in one pass over a text per automaton, the first whole-word occurrence of each of many terms. */
export class TermMatcher {
  private readonly parts: Automaton[];

  /** `terms[i]` is reported as index `i`; empty terms are never found. */
  constructor(terms: readonly string[]) {
    const caseless = terms.map(withoutCase);
    this.parts = [new Automaton(terms, caseless, true), new Automaton(terms, caseless, false)];
  }

  /** Each term found in `text`, at its first whole-word occurrence, in the order of the terms' indexes. */
  firstMatches(text: string): TermMatch[] {
    const found = new Map<number, TermMatch>();
    for (const part of this.parts) part.firstMatches(text, found);
    return [...found.values()].sort((a, b) => a.index - b.index);
  }
}
