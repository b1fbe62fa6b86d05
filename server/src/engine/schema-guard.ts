/**
 * Limits on a writer-supplied JSON Schema, so that a hostile or broken one is refused with a
 * readable reason instead of hanging or crashing the checker: bounded size and depth, no `$data`,
 * no reference outside the schema, no pattern that can take more than linear time to match, and no
 * `uniqueItems` that compares every pair of a long list.
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
  const patterns = new Set<string>();
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
      if (typeof object.pattern === 'string') patterns.add(object.pattern);
      const patternProperties = object.patternProperties;
      if (typeof patternProperties === 'object' && patternProperties !== null) Object.keys(patternProperties).forEach((p) => patterns.add(p));
      if (patterns.size > MAX_SCHEMA_PATTERNS) throw new SchemaRefusal('schemaRefused.tooManyPatterns', { limit: MAX_SCHEMA_PATTERNS });
      refuseUniqueItems(object);
    }
    for (const child of Object.values(value)) stack.push({ value: child, depth: depth + 1 });
  }
  // Analysed once the whole schema is known to be within the limits above.
  patterns.forEach(refuseHazard);
}

/** How a pattern can be slow: recheck's verdict, or that its analysis did not finish. */
export type PatternHazard =
  | { kind: 'exponential' }
  | { kind: 'polynomial'; degree: number }
  | { kind: 'unchecked' };

/** Analysing one pattern takes tens of milliseconds; one that takes longer than this is refused. */
const ANALYSIS_TIMEOUT_MS = 2000;
/** Bounds a schema's compile time: each distinct pattern is analysed once. */
export const MAX_SCHEMA_PATTERNS = 100;
/** `uniqueItems` compares every pair of items that can be objects or lists: allowed up to this many. */
export const MAX_UNIQUE_ITEMS = 100;

let recheck: typeof import('recheck') | undefined;
const verdicts = new Map<string, PatternHazard | null>();

/**
 * Why a regular expression can take more than linear time to match, or undefined when it cannot (or
 * is not a valid pattern, which the compiler then reports). The analysis is recheck's (automata
 * theory, with fuzzing for what automata cannot model, such as backreferences), run in this thread
 * by its pure JavaScript engine, under a time limit: no Java, no native binary, no worker.
 */
export function patternHazard(pattern: string, flags = 'u'): PatternHazard | undefined {
  const key = `${flags}/${pattern}`;
  const known = verdicts.get(key);
  if (known !== undefined) return known ?? undefined;
  try {
    new RegExp(pattern, flags);
  } catch {
    return undefined;
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  recheck ??= require('recheck') as typeof import('recheck');
  // recheck's synchronous entry otherwise starts a worker that looks for Java or its native binary.
  const backend = process.env.RECHECK_SYNC_BACKEND;
  process.env.RECHECK_SYNC_BACKEND = 'pure';
  let verdict: PatternHazard | null;
  try {
    const result = recheck.checkSync(pattern, flags, { timeout: ANALYSIS_TIMEOUT_MS, randomSeed: 0 });
    if (result.status === 'safe') verdict = null;
    else if (result.status === 'unknown') verdict = { kind: 'unchecked' };
    else if (result.complexity.type === 'exponential') verdict = { kind: 'exponential' };
    else verdict = { kind: 'polynomial', degree: result.complexity.degree };
  } catch {
    verdict = { kind: 'unchecked' };
  } finally {
    if (backend === undefined) delete process.env.RECHECK_SYNC_BACKEND;
    else process.env.RECHECK_SYNC_BACKEND = backend;
  }
  if (verdicts.size >= 1000) verdicts.clear();
  verdicts.set(key, verdict);
  return verdict ?? undefined;
}

function refuseHazard(pattern: string): void {
  const hazard = patternHazard(pattern);
  if (!hazard) return;
  if (hazard.kind === 'polynomial') throw new SchemaRefusal('schemaRefused.polynomial', { pattern, degree: hazard.degree });
  throw new SchemaRefusal(hazard.kind === 'exponential' ? 'schemaRefused.exponential' : 'schemaRefused.patternUnchecked', { pattern });
}

const SCALAR_TYPES = new Set(['string', 'number', 'integer', 'boolean', 'null']);

/**
 * ajv checks `uniqueItems` in linear time when `items` declares only scalar types, and otherwise
 * compares every pair of items (deeply): that is refused unless `maxItems` keeps the list small.
 */
function refuseUniqueItems(object: Record<string, unknown>): void {
  if (object.uniqueItems !== true) return;
  const items = object.items;
  const type = typeof items === 'object' && items !== null && !Array.isArray(items) ? (items as Record<string, unknown>).type : undefined;
  const types = Array.isArray(type) ? type : type === undefined ? [] : [type];
  if (types.length > 0 && types.every((t) => typeof t === 'string' && SCALAR_TYPES.has(t))) return;
  if (typeof object.maxItems === 'number' && object.maxItems <= MAX_UNIQUE_ITEMS) return;
  throw new SchemaRefusal('schemaRefused.uniqueItems', { limit: MAX_UNIQUE_ITEMS });
}

/** ajv's `code.regExp`: compiles a custom schema's patterns, refusing hazardous ones. */
export function vettedRegExp(pattern: string, flags: string): RegExp {
  refuseHazard(pattern);
  return new RegExp(pattern, flags);
}
vettedRegExp.code = 'new RegExp';
