import { isScalar } from 'yaml';
import { keyNodeAt, nodeAt, pairOf } from '../ast';
import type { RuleContext } from '../context';
import { closestKey } from '../keys';
import type { MessageId, PluralId } from '../messages';
import { lastKey, Rule } from '../rule';
import { errorPath, SchemaError } from '../schema';
import { makeListEdit, makeValueEdit } from '../yaml-mistakes';

function typeName(ctx: RuleContext, type: unknown): string {
  const types = String(type).split(',');
  if (types.includes('string') && types.includes('object')) return ctx.t('type.textOrBilingual');
  const ids: Record<string, MessageId> = { string: 'type.string', array: 'type.array', object: 'type.object' };
  return types.map((t) => (ids[t] ? ctx.t(ids[t]) : t)).join(' / ');
}

function unknownKey(ctx: RuleContext, e: SchemaError): void {
  const path = errorPath(e);
  const key = String(e.params.additionalProperty);
  const keyNode = keyNodeAt(ctx.root, [...path, key]);
  const [start, end] = keyNode?.range ? ctx.spanOf(keyNode) : ctx.anchorOf(path);
  const props = (e.parentSchema as { properties?: object } | undefined)?.properties;
  const map = ctx.mapAt(path);
  const allowed = Object.keys(props ?? {}).filter((k) => !(map && pairOf(map, k)));
  const guess = closestKey(key, allowed);
  if (!guess) {
    ctx.report({ start, end, severity: 'warning', message: ctx.t('schema.unknownKey', { key }) });
    return;
  }
  // Standing for a required key it is that key's only finding (validateMemoData drops the "missing"), so an error.
  const required = (e.parentSchema as { required?: unknown } | undefined)?.required;
  const standsForRequired = Array.isArray(required) && required.includes(guess.key);
  ctx.report({
    start, end,
    severity: standsForRequired ? 'error' : 'warning',
    message: ctx.t('schema.unknownKeySuggest', { key, suggestion: guess.key }),
    fixes: [{ title: ctx.t('fix.rename', { from: key, to: guess.key }), edits: [ctx.edit(start, end, guess.key)], safe: guess.safe, preferred: true }],
  });
}

function missingKey(ctx: RuleContext, e: SchemaError): void {
  const path = errorPath(e);
  const key = String(e.params.missingProperty);
  const [start, end] = ctx.anchorOf(path);
  const message = path.length === 0 ? ctx.t('schema.required', { key }) : ctx.t('schema.requiredIn', { parent: lastKey(path), key });
  const edit = ctx.insertKey(path, key, [`${key}: ""`]);
  ctx.report({ start, end, message, fixes: edit ? [{ title: ctx.t('fix.insertKey', { key }), edits: [edit], safe: false }] : [] });
}

/** Limits a custom schema may set, said from the catalogue rather than in the validator's English. */
const LIMITS: Record<string, MessageId | undefined> = {
  minimum: 'schema.minimum',
  maximum: 'schema.maximum',
};
/** The limits said with a count: "at least 1 item", "at least 2 items". */
const COUNTED_LIMITS: Record<string, PluralId | undefined> = {
  minItems: 'schema.minItems',
  maxItems: 'schema.maxItems',
  minLength: 'schema.minLength',
  maxLength: 'schema.maxLength',
};

function valueProblem(ctx: RuleContext, e: SchemaError): void {
  const path = errorPath(e);
  const key = lastKey(path, 'memo');
  const [start, end] = ctx.spanAt(path);
  const node = nodeAt(ctx.root, path);
  const value = isScalar(node) && node.value !== null ? String(node.value) : '';
  const limitId = LIMITS[e.keyword];
  const countedId = COUNTED_LIMITS[e.keyword];
  let message: string;
  if (key === 'lang' && path.length === 1) message = ctx.t('schema.lang');
  else if (key === 'email' && (e.keyword === 'pattern' || e.keyword === 'format')) message = ctx.t('schema.email', { value });
  else if (key === 'translation' && e.keyword === 'pattern') message = ctx.t('schema.translation');
  else if (e.keyword === 'pattern' && e.params.pattern === '\\S') message = ctx.t('schema.blank', { key });
  else if (e.keyword === 'type') message = ctx.t('schema.type', { key, type: typeName(ctx, e.params.type) });
  else if (e.keyword === 'enum') message = ctx.t('schema.enum', { key, values: (e.params.allowedValues as unknown[]).map(String).join(', ') });
  else if (countedId && typeof e.params.limit === 'number') message = ctx.tn(countedId, e.params.limit, { key, limit: String(e.params.limit) });
  else if (limitId && e.params.limit !== undefined) message = ctx.t(limitId, { key, limit: String(e.params.limit) });
  else if (e.keyword === 'pattern') message = ctx.t('schema.pattern', { key });
  else message = ctx.t('schema.other', { key, message: e.message ?? e.keyword });
  ctx.report({ start, end, message, fixes: e.keyword === 'type' ? shapeFixes(ctx, path, String(e.params.type)) : [] });
}

/** A value where a list is expected, or a one-item list where a value is: the fix that changes its shape. */
function shapeFixes(ctx: RuleContext, path: (string | number)[], type: string) {
  const types = type.split(',');
  const list = types.includes('array') ? makeListEdit(ctx.memo, path) : undefined;
  if (list) return [{ title: ctx.t('fix.makeList'), edits: [ctx.edit(list.start, list.end, list.text)], safe: false, preferred: true }];
  const value = types.includes('string') ? makeValueEdit(ctx.memo, path) : undefined;
  if (value) return [{ title: ctx.t('fix.makeValue'), edits: [ctx.edit(value.start, value.end, value.text)], safe: false, preferred: true }];
  return [];
}

/** Every schema violation no more specific rule explains: types, values, unknown and missing keys. */
export const schema: Rule = {
  id: 'schema',
  defaultSeverity: 'error',
  needsData: true,
  check(ctx) {
    const seen = new Set<string>();
    for (const e of ctx.schemaErrors) {
      if (e.keyword === 'if') continue;
      if (e.keyword === 'additionalProperties') {
        if (ctx.memo.kind === 'markdown' && e.instancePath === '' && e.params.additionalProperty === 'body') continue;
        unknownKey(ctx, e);
      } else if (e.keyword === 'required') {
        missingKey(ctx, e);
      } else if (!seen.has(e.instancePath)) {
        seen.add(e.instancePath);
        valueProblem(ctx, e);
      }
    }
    if (ctx.memo.kind === 'markdown' && ctx.hasKey([], 'body')) {
      const key = keyNodeAt(ctx.root, ['body']);
      if (key?.range) {
        const [start, end] = ctx.spanOf(key);
        ctx.report({ start, end, message: ctx.t('schema.bodyInMarkdown') });
      }
    }
  },
};
