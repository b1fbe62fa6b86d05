import { isBlank, nodeAt } from '../ast';
import type { Rule } from '../rule';
import { errorPath, SchemaError } from '../schema';
import { makeListEdit } from '../yaml-mistakes';

/** `to`: present, a list, not empty, no blank entry. */
export const recipients: Rule = {
  id: 'recipients',
  defaultSeverity: 'error',
  needsData: true,
  claims(e: SchemaError) {
    if (e.keyword === 'required') return e.instancePath === '' && e.params.missingProperty === 'to';
    return e.instancePath === '/to' || /^\/to\/\d+$/.test(e.instancePath);
  },
  check(ctx) {
    const seen = new Set<string>();
    for (const e of ctx.schemaErrors) {
      if (seen.has(e.instancePath)) continue;
      seen.add(e.instancePath);
      const path = errorPath(e);
      if (e.keyword === 'required') {
        const [start, end] = ctx.anchorOf([]);
        const edit = ctx.insertKey([], 'to', ['to:', '  - ""']);
        ctx.report({
          start, end,
          message: ctx.t('recipients.missing'),
          fixes: edit ? [{ title: ctx.t('fix.insertKey', { key: 'to' }), edits: [edit], safe: false, preferred: true }] : [],
        });
        continue;
      }
      const empty = isBlank(nodeAt(ctx.root, path));
      const [start, end] = ctx.spanAt(path);
      let message: string;
      if (path.length === 1) message = ctx.t(e.keyword === 'minItems' || empty ? 'recipients.empty' : 'recipients.notList');
      else message = ctx.t(empty ? 'recipients.blank' : 'recipients.type');
      const list = path.length === 1 && e.keyword === 'type' ? makeListEdit(ctx.memo, path) : undefined;
      const fixes = list ? [{ title: ctx.t('fix.makeList'), edits: [ctx.edit(list.start, list.end, list.text)], safe: false, preferred: true }] : [];
      ctx.report({ start, end, message, fixes });
    }
  },
};
