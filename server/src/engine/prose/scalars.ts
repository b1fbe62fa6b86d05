import { Scalar } from 'yaml';
import { MappedText, MappingBuilder } from './mapped';

type Style = 'plain' | 'single' | 'double' | 'block';

const isBreak = (c: string | undefined) => c === '\n' || c === '\r';
const isBlank = (c: string | undefined) => c === ' ' || c === '\t';

/**
 * A YAML string scalar's value with, for each character, the span of the source that produced it:
 * quotes, escapes, folded line breaks and block indentation are accounted for. Undefined when the
 * node is not a string or the source cannot be lined up with the value (rules then skip it).
 */
export function mapScalar(text: string, yamlStart: number, node: Scalar): MappedText | undefined {
  // The parse, the body and the rules all map the same nodes (a `.memo.yaml` body once is a whole memo's worth).
  const known = cache.get(node);
  if (known && known.text === text && known.yamlStart === yamlStart) return known.mapped;
  const mapped = mapNew(text, yamlStart, node);
  cache.set(node, { text, yamlStart, mapped });
  return mapped;
}

const cache = new WeakMap<Scalar, { text: string; yamlStart: number; mapped: MappedText | undefined }>();

function mapNew(text: string, yamlStart: number, node: Scalar): MappedText | undefined {
  if (typeof node.value !== 'string' || !node.range) return undefined;
  const from = yamlStart + node.range[0];
  const to = yamlStart + node.range[1];
  const value = node.value;
  if (text.slice(from, to) === value) return MappedText.verbatim(value, from);
  switch (node.type) {
    case Scalar.QUOTE_DOUBLE:
      return align(value, text, from + 1, to - 1, 'double', 0);
    case Scalar.QUOTE_SINGLE:
      return align(value, text, from + 1, to - 1, 'single', 0);
    case Scalar.BLOCK_LITERAL:
    case Scalar.BLOCK_FOLDED: {
      const header = /^[|>]([1-9])?[+-]?([1-9])?/.exec(text.slice(from, to));
      let j = from;
      while (j < to && !isBreak(text[j])) j++;
      if (text[j] === '\r' && text[j + 1] === '\n') j++;
      j++;
      const explicit = Number(header?.[1] ?? header?.[2] ?? 0);
      return align(value, text, j, to, 'block', explicit ? explicit + parentIndent(text, from) : contentIndent(text, j, to));
    }
    default:
      return align(value, text, from, to, 'plain', 0);
  }
}

/** The indentation of the line holding `offset`. */
function parentIndent(text: string, offset: number): number {
  let start = offset;
  while (start > 0 && !isBreak(text[start - 1])) start--;
  let n = 0;
  while (text[start + n] === ' ') n++;
  return n;
}

/** A block scalar's indentation: that of its first non-blank line. */
function contentIndent(text: string, from: number, to: number): number {
  let j = from;
  while (j < to) {
    let n = 0;
    while (text[j + n] === ' ') n++;
    if (!isBreak(text[j + n]) && j + n < to) return n;
    j += n;
    while (j < to && !isBreak(text[j])) j++;
    if (text[j] === '\r' && text[j + 1] === '\n') j++;
    j++;
  }
  return 0;
}

function align(value: string, text: string, from: number, to: number, style: Style, indent: number): MappedText | undefined {
  const mapping = new MappingBuilder();
  const map = (units: number, start: number, end: number) => mapping.source(start, end, units);
  /** Skips a line's indentation: exactly the block's for block scalars, all of it in flow styles. */
  const skipIndent = (j: number): number => {
    if (style === 'block') {
      let n = 0;
      while (n < indent && text[j] === ' ') {
        j++;
        n++;
      }
      return j;
    }
    while (isBlank(text[j])) j++;
    return j;
  };
  let i = 0;
  let j = style === 'block' ? skipIndent(from) : from;
  while (i < value.length) {
    const c = value[i];
    if (j >= to) {
      // Kept final line breaks of a block scalar may lie past the value's range.
      if (!/^\n+$/.test(value.slice(i))) return undefined;
      map(value.length - i, to, to);
      break;
    }
    const s = text[j];
    if (style === 'double' && s === '\\') {
      const next = text[j + 1];
      if (isBreak(next)) {
        j += next === '\r' && text[j + 2] === '\n' ? 3 : 2;
        j = skipIndent(j);
        continue;
      }
      const length = next === 'x' ? 4 : next === 'u' ? 6 : next === 'U' ? 10 : 2;
      const units = next === 'U' && parseInt(text.slice(j + 2, j + 10), 16) > 0xffff ? 2 : 1;
      map(units, j, j + length);
      i += units;
      j += length;
      continue;
    }
    if (style === 'single' && s === "'" && text[j + 1] === "'") {
      if (c !== "'") return undefined;
      map(1, j, j + 2);
      i++;
      j += 2;
      continue;
    }
    if (isBreak(s)) {
      const end = j + (s === '\r' && text[j + 1] === '\n' ? 2 : 1);
      if (c === '\n' || (c === ' ' && style !== 'block') || (c === ' ' && value[i - 1] !== '\n')) {
        map(1, j, end);
        i++;
      }
      j = skipIndent(end);
      continue;
    }
    if (c === s) {
      // A stretch copied as it is (the bulk of a block scalar) is mapped in one step; whatever the
      // steps above handle (escapes, quotes, line breaks) ends it.
      if (style === 'block') {
        // In a block scalar the rest of the line is usually the value's own: compare it in one step.
        let lineEnd = text.indexOf('\n', j);
        if (lineEnd < 0 || lineEnd > to) lineEnd = to;
        const line = text.slice(j, lineEnd);
        if (!line.includes('\r') && value.startsWith(line, i)) {
          mapping.copied(j, line.length);
          i += line.length;
          j = lineEnd;
          continue;
        }
      }
      const quote = style === 'double' ? 92 /* \\ */ : style === 'single' ? 39 /* ' */ : -1;
      let k = 1;
      while (j + k < to && i + k < value.length) {
        const next = text.charCodeAt(j + k);
        if (next !== value.charCodeAt(i + k) || next === 10 || next === 13 || next === quote) break;
        k++;
      }
      mapping.copied(j, k);
      i += k;
      j += k;
      continue;
    }
    // Whitespace YAML drops (trailing spaces before a fold, comments' indentation) has no value character.
    if (isBlank(s)) {
      j++;
      continue;
    }
    return undefined;
  }
  return mapping.build(value, from);
}
