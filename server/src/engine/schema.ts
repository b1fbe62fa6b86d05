import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import builtInSchema from '../../../schemas/memo.schema.json';
import { closestKey } from './keys';
import type { Locale } from './messages';
import { vetSchema, vettedRegExp } from './schema-guard';

export type JsonSchema = { [key: string]: unknown };

/** A compiled memo schema: compiled once, reused for every check. */
export interface MemoSchema {
  source: JsonSchema;
  validate: ValidateFunction;
}

export type SchemaError = ErrorObject;

function newAjv(strict: boolean, custom = false, allErrors = true): Ajv {
  // No loadSchema: a $ref to a URL is an error, never a fetch. $data stays off. A custom schema's
  // patterns go through vettedRegExp, which refuses those that can backtrack catastrophically.
  const code = custom ? { regExp: vettedRegExp } : undefined;
  const ajv = new Ajv({ allErrors, verbose: true, strict, allowUnionTypes: true, logger: false, code });
  addFormats(ajv, ['date', 'email']);
  ajv.addVocabulary(['x-description-fr']);
  return ajv;
}

let builtIn: MemoSchema | undefined;

/** The built-in memo schema (`schemas/memo.schema.json`), compiled on first use. */
export function builtInMemoSchema(): MemoSchema {
  if (!builtIn) {
    const source = builtInSchema as JsonSchema;
    builtIn = { source, validate: newAjv(true).compile(source) };
  }
  return builtIn;
}

/**
 * Compiles a writer-supplied schema; throws an Error with a readable message when it cannot be used
 * (a SchemaRefusal, with the reason in both languages, when it breaks the limits of schema-guard.ts).
 */
export function compileCustomSchema(source: unknown): MemoSchema {
  if (typeof source !== 'object' || source === null || Array.isArray(source)) {
    throw new Error('a JSON Schema is an object');
  }
  const schema = source as JsonSchema;
  vetSchema(schema);
  return { source: schema, validate: newAjv(false, true).compile(schema) };
}

/** Compiles one of the schemas shipped with the extension (schemas/*.json), without strict mode; its patterns are vetted by a unit test, not at each start. */
export function compileShippedSchema(source: JsonSchema): MemoSchema {
  const schema = { source, validate: newAjv(false).compile(source) };
  shipped.add(schema);
  return schema;
}

const shipped = new WeakSet<MemoSchema>();

/**
 * Past this many values (a real memo has a few hundred), memo data is validated only up to its
 * first error: with allErrors, ajv copies the errors found so far at each call of a referenced
 * schema, so a long list of wrong values costs time quadratic in their number (160,000 wrong
 * recipients: minutes).
 */
export const MAX_VALUES_FOR_ALL_ERRORS = 5_000;

const firstErrorOnly = new WeakMap<MemoSchema, ValidateFunction>();

/** Validates memo data (or a `.policy-memo/` file's), returning the schema's errors (empty when valid); only the first when `large`. */
export function validateMemoData(schema: MemoSchema, data: unknown, large = false): SchemaError[] {
  if (!large) return schema.validate(data) ? [] : withoutRenamedKeys([...(schema.validate.errors ?? [])]);
  let validate = firstErrorOnly.get(schema);
  if (!validate) {
    const ajv = schema === builtIn ? newAjv(true, false, false) : shipped.has(schema) ? newAjv(false, false, false) : newAjv(false, true, false);
    validate = ajv.compile(schema.source);
    firstErrorOnly.set(schema, validate);
  }
  return validate(data) ? [] : withoutRenamedKeys([...(validate.errors ?? [])]);
}

/**
 * A key written under another name (`destinataires:` for `to:`) is one mistake, which the validator
 * reports twice: an unknown key, and the key it stands for as missing. The unknown key's rename says
 * it all, so the missing key's error goes (the same guess `schema` offers as the rename).
 */
function withoutRenamedKeys(errors: SchemaError[]): SchemaError[] {
  const renamed = new Set<string>();
  for (const e of errors) {
    if (e.keyword !== 'additionalProperties') continue;
    const props = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
    const data = e.data as Record<string, unknown> | undefined;
    const allowed = props.filter((k) => !(data && typeof data === 'object' && k in data));
    const guess = closestKey(String(e.params.additionalProperty), allowed);
    if (guess) renamed.add(`${e.instancePath}\u0000${guess.key}`);
  }
  if (renamed.size === 0) return errors;
  return errors.filter((e) => e.keyword !== 'required' || !renamed.has(`${e.instancePath}\u0000${String(e.params.missingProperty)}`));
}

/** The instance path of an error as keys and indexes (`/to/0` → ['to', 0]). */
export function errorPath(error: SchemaError): (string | number)[] {
  if (!error.instancePath) return [];
  return error.instancePath
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^(0|[1-9][0-9]*)$/.test(part) ? Number(part) : part));
}

function resolve(root: JsonSchema, schema: JsonSchema | undefined): JsonSchema | undefined {
  let current = schema;
  for (let depth = 0; current && typeof current.$ref === 'string' && depth < 20; depth++) {
    const ref = current.$ref as string;
    if (!ref.startsWith('#/')) return undefined;
    let target: unknown = root;
    for (const part of ref.slice(2).split('/')) {
      target = typeof target === 'object' && target !== null ? (target as JsonSchema)[part] : undefined;
    }
    current = typeof target === 'object' && target !== null ? (target as JsonSchema) : undefined;
  }
  return current;
}

/** What the schema says of a path: the property's own entry (with its description) and its resolved schema. */
export interface SchemaNode {
  declared: JsonSchema;
  resolved: JsonSchema;
}

/** Walks the schema along a data path (keys through `properties`, indexes through `items`). */
export function schemaAt(root: JsonSchema, path: readonly (string | number)[]): SchemaNode | undefined {
  let node: SchemaNode = { declared: root, resolved: root };
  for (const part of path) {
    const next: unknown = typeof part === 'number' ? node.resolved.items : (node.resolved.properties as JsonSchema | undefined)?.[part];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) return undefined;
    const declared = next as JsonSchema;
    const resolved = resolve(root, declared);
    if (!resolved) return undefined;
    node = { declared, resolved };
  }
  return node;
}

/** The keys an object at `path` may have, in the schema's order. */
export function keysAt(root: JsonSchema, path: readonly (string | number)[]): string[] {
  const props = schemaAt(root, path)?.resolved.properties;
  return typeof props === 'object' && props !== null ? Object.keys(props) : [];
}

/** A schema entry's description in the locale (French from `x-description-fr`, falling back to English). */
export function describe(node: SchemaNode, locale: Locale): string | undefined {
  for (const schema of [node.declared, node.resolved]) {
    const text = locale === 'fr' ? schema['x-description-fr'] ?? schema.description : schema.description;
    if (typeof text === 'string') return text;
  }
  return undefined;
}

/** The allowed values of a schema entry, written as YAML (`en`, `[en, fr]`). */
export function enumValues(node: SchemaNode): string[] {
  const values = node.resolved.enum;
  if (!Array.isArray(values)) return [];
  return values.map((v) => (Array.isArray(v) ? `[${v.join(', ')}]` : String(v)));
}
