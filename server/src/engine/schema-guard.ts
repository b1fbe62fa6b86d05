/**
 * Limits on a writer-supplied JSON Schema, so that a hostile or broken one is refused with a
 * readable reason instead of hanging or crashing the checker: bounded size and depth, no `$data`,
 * no reference outside the schema, and no pattern that can backtrack catastrophically.
 */
import { MessageId, MessageParams, t } from './messages';

/** A custom schema refused by these limits; `id` and `params` give the reason in the writer's language. */
export class SchemaRefusal extends Error {
  constructor(
    readonly id: MessageId,
    readonly params: MessageParams,
  ) {
    super(t('en', id, params));
  }
}

/** A schema file larger than this is not even parsed. */
export const MAX_SCHEMA_FILE_MB = 1;
/** Real schemas nest a dozen levels; ajv compiles recursively, so depth must stay well under the stack. */
export const MAX_SCHEMA_DEPTH = 64;
/** Bounds compile time (ajv generates code for every subschema). */
export const MAX_SCHEMA_NODES = 20_000;

/** Throws a SchemaRefusal when a schema's text is too large to parse. */
export function checkSchemaFileSize(text: string): void {
  if (text.length > MAX_SCHEMA_FILE_MB * 1024 * 1024) throw new SchemaRefusal('schemaRefused.tooLarge', { limit: MAX_SCHEMA_FILE_MB });
}

/** Walks a parsed schema (without recursion, so depth itself cannot overflow) and throws a SchemaRefusal on what is not allowed. */
export function vetSchema(schema: unknown): void {
  const stack: { value: unknown; depth: number }[] = [{ value: schema, depth: 0 }];
  let nodes = 0;
  while (stack.length > 0) {
    const { value, depth } = stack.pop() as { value: unknown; depth: number };
    if (typeof value !== 'object' || value === null) continue;
    if (depth > MAX_SCHEMA_DEPTH) throw new SchemaRefusal('schemaRefused.tooDeep', { limit: MAX_SCHEMA_DEPTH });
    if (++nodes > MAX_SCHEMA_NODES) throw new SchemaRefusal('schemaRefused.tooManyNodes', { limit: MAX_SCHEMA_NODES });
    if (!Array.isArray(value)) {
      const object = value as Record<string, unknown>;
      if ('$data' in object) throw new SchemaRefusal('schemaRefused.data', {});
      // ajv has no loadSchema here, so it could not fetch anyway; refusing says why clearly.
      for (const key of ['$ref', '$dynamicRef', '$recursiveRef']) {
        const ref = object[key];
        if (typeof ref === 'string' && !ref.startsWith('#')) throw new SchemaRefusal('schemaRefused.remoteRef', { ref });
      }
      // Also vetted when ajv compiles them (vettedRegExp); checked here too because ajv skips some.
      if (typeof object.pattern === 'string') refuseHazard(object.pattern);
      const patternProperties = object.patternProperties;
      if (typeof patternProperties === 'object' && patternProperties !== null) Object.keys(patternProperties).forEach(refuseHazard);
    }
    for (const child of Object.values(value)) stack.push({ value: child, depth: depth + 1 });
  }
}

export type PatternHazard = 'nestedQuantifier' | 'backreference';

/** What the scan knows of an open group. */
interface GroupScan {
  /** Atoms inside it (at any depth) that carry a quantifier, as source text; `null` for a quantified group. */
  quantified: (string | null)[];
  alternation: boolean;
  /** Where its first atom starts, and the character it matches when that atom is one plain literal character. */
  firstAtom?: number;
  separator?: string;
}

/** The character a one-character literal atom matches (`.` escaped, `,`, `-`…), else undefined. */
function literalOf(atom: string): string | undefined {
  if (atom.length === 1 && !'.^$|()[]{}*+?\\'.includes(atom)) return atom;
  if (atom.length === 2 && atom[0] === '\\' && /[^A-Za-z0-9]/.test(atom[1])) return atom[1];
  return undefined;
}

/**
 * A repeated group whose every iteration starts with a separator that none of its quantified parts
 * can match (`(\.[a-z]+)+`, as in domain names) can split a text only one way: it cannot backtrack
 * catastrophically.
 */
function separated(group: GroupScan): boolean {
  const separator = group.separator;
  if (separator === undefined || group.alternation) return false;
  return group.quantified.every((atom) => {
    if (atom === null) return false;
    try {
      return !new RegExp(`^(?:${atom})$`, 'u').test(separator);
    } catch {
      return false;
    }
  });
}

/**
 * Why a regular expression could backtrack catastrophically, or undefined. Conservative: it refuses
 * any group repeated more than once that itself contains a quantifier (star height above one, as in
 * `(a+)+` or `(a?)*`), unless each repetition starts with a separator its parts cannot match, and any
 * backreference. It does not see ambiguous alternation such as `(a|a)*`.
 */
export function patternHazard(pattern: string): PatternHazard | undefined {
  const groups: GroupScan[] = [{ quantified: [], alternation: false }];
  let atomStart = -1; // where the last atom starts (-1: none can be quantified)
  let closedGroup: GroupScan | undefined; // the last atom, when it is a group
  const beginAtom = (at: number) => {
    const group = groups[groups.length - 1];
    if (group.firstAtom === undefined) group.firstAtom = at;
    atomStart = at;
    closedGroup = undefined;
  };
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    const current = groups[groups.length - 1];
    if (c === '\\') {
      const next = pattern[i + 1] ?? '';
      if (/[1-9]/.test(next) || (next === 'k' && pattern[i + 2] === '<')) return 'backreference';
      beginAtom(i);
      // \p{…}, \P{…}, \u{…}: skip the braces so they are not read as a quantifier.
      if ('pPu'.includes(next) && pattern[i + 2] === '{') {
        const close = pattern.indexOf('}', i);
        i = close < 0 ? pattern.length : close;
      } else {
        i++;
        if (current.firstAtom === atomStart) current.separator = literalOf(pattern.slice(atomStart, i + 1));
      }
    } else if (c === '[') {
      beginAtom(i);
      i++;
      if (pattern[i] === '^') i++;
      while (i < pattern.length && pattern[i] !== ']') i += pattern[i] === '\\' ? 2 : 1;
    } else if (c === '(') {
      if (current.firstAtom === undefined) current.firstAtom = i;
      groups.push({ quantified: [], alternation: false });
      atomStart = -1;
      // Skip a group's prefix ((?:, (?=, (?!, (?<=, (?<!, (?<name>) so its `?` is not read as a quantifier.
      const prefix = /^\?(?:<[=!]|<[^>]*>|[:=!])/.exec(pattern.slice(i + 1));
      if (prefix) i += prefix[0].length;
      groups[groups.length - 1].firstAtom = undefined;
      (groups[groups.length - 1] as GroupScan & { open?: number }).open = i;
    } else if (c === ')') {
      if (groups.length === 1) continue;
      const inner = groups.pop() as GroupScan & { open?: number };
      const parent = groups[groups.length - 1];
      parent.quantified.push(...inner.quantified);
      atomStart = pattern.lastIndexOf('(', inner.open ?? i);
      closedGroup = inner;
    } else if (c === '|') {
      current.alternation = true;
      atomStart = -1;
    } else {
      const quantifier = atomStart >= 0 ? /^(?:[*+?]|\{(\d+)(,(\d*))?\})/.exec(pattern.slice(i, i + 24)) : null;
      if (!quantifier) {
        beginAtom(i);
        if (current.firstAtom === i) current.separator = literalOf(c);
        continue;
      }
      const [, min, comma, max] = quantifier;
      // `*`, `+`, `{n,}` repeat without bound; `?` never; `{n}` and `{n,m}` when they allow more than one.
      const repeats = c === '?' ? false : min === undefined || (comma !== undefined && !max) || Number(max ?? min) > 1;
      if (repeats && closedGroup && closedGroup.quantified.length > 0 && !separated(closedGroup)) return 'nestedQuantifier';
      // Even an optional atom inside a repeated group can be matched in several ways (`(a?)+`).
      current.quantified.push(closedGroup ? null : pattern.slice(atomStart, i));
      if (current.firstAtom === atomStart) current.separator = undefined;
      i += quantifier[0].length - 1;
      if (pattern[i + 1] === '?') i++; // lazy
      atomStart = -1;
      closedGroup = undefined;
    }
  }
  return undefined;
}

function refuseHazard(pattern: string): void {
  const hazard = patternHazard(pattern);
  if (hazard) throw new SchemaRefusal(hazard === 'backreference' ? 'schemaRefused.backreference' : 'schemaRefused.nestedQuantifier', { pattern });
}

/** ajv's `code.regExp`: compiles a custom schema's patterns, refusing hazardous ones. */
export function vettedRegExp(pattern: string, flags: string): RegExp {
  refuseHazard(pattern);
  return new RegExp(pattern, flags);
}
vettedRegExp.code = 'new RegExp';
