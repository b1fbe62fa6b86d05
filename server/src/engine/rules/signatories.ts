import { isBlank, nodeAt } from '../ast';
import type { Rule } from '../rule';
import { errorPath, SchemaError } from '../schema';

const ENTRY = /^\/from\/\d+$/;
const NAME_OR_TITLE = /^\/from\/\d+\/(name|title)$/;

/** `from`: present, not empty, every sender with a non-blank name and title. */
export const signatories: Rule = {
  id: 'signatories',
  defaultSeverity: 'error',
  needsData: true,
  claims(e: SchemaError) {
    if (e.keyword === 'required') {
      const missing = e.params.missingProperty;
      return (e.instancePath === '' && missing === 'from') || (ENTRY.test(e.instancePath) && (missing === 'name' || missing === 'title'));
    }
    if (e.instancePath === '/from') return true;
    if (ENTRY.test(e.instancePath)) return e.keyword === 'type';
    return NAME_OR_TITLE.test(e.instancePath) && (e.keyword === 'type' || e.keyword === 'pattern');
  },
  check(ctx) {
    const seen = new Set<string>();
    for (const e of ctx.schemaErrors) {
      const path = errorPath(e);
      if (e.keyword === 'required') {
        const key = String(e.params.missingProperty);
        const edit =
          path.length === 0
            ? ctx.insertKey([], 'from', ['from:', '  - name: ""', '    title: ""'])
            : ctx.insertKey(path, key, [`${key}: ""`]);
        const [start, end] = path.length === 0 ? ctx.anchorOf([]) : ctx.spanAt(path);
        ctx.report({
          start, end,
          message: path.length === 0 ? ctx.t('signatories.missing') : ctx.t('signatories.missingKey', { key }),
          fixes: edit ? [{ title: ctx.t('fix.insertKey', { key }), edits: [edit], safe: false, preferred: true }] : [],
        });
        continue;
      }
      if (seen.has(e.instancePath)) continue;
      seen.add(e.instancePath);
      const [start, end] = ctx.spanAt(path);
      const empty = isBlank(nodeAt(ctx.root, path));
      let message: string;
      if (path.length === 1) message = ctx.t(e.keyword === 'minItems' || empty ? 'signatories.empty' : 'signatories.notList');
      else if (path.length === 2) message = ctx.t('signatories.entry');
      else message = ctx.t('signatories.blankKey', { key: String(path[2]) });
      ctx.report({ start, end, message });
    }
  },
};
