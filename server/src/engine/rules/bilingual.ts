import type { RuleContext } from '../context';
import { lastKey, Rule } from '../rule';
import { errorPath, SchemaError } from '../schema';

const SIDES = ['en', 'fr'];
const BILINGUAL_ONLY = /^\/(ministry|divisions\/\d+)$/;

function sideParams(ctx: RuleContext, side: string, key: string) {
  return { side, sideName: ctx.t(side === 'fr' ? 'side.fr' : 'side.en'), key };
}

/** The ministry, and every {en, fr} text, in both languages; a two-language memo's subject too. */
export const bilingual: Rule = {
  id: 'bilingual',
  defaultSeverity: 'error',
  needsData: true,
  claims(e: SchemaError) {
    const path = errorPath(e);
    const last = path[path.length - 1];
    if (e.keyword === 'required') {
      const missing = String(e.params.missingProperty);
      return SIDES.includes(missing) || (missing === 'ministry' && path.length === 0);
    }
    if (last === 'en' || last === 'fr') return e.keyword === 'type' || e.keyword === 'pattern';
    if (e.keyword === 'type' && BILINGUAL_ONLY.test(e.instancePath)) return true;
    return e.keyword === 'type' && e.instancePath === '/subject' && e.params.type === 'object';
  },
  check(ctx) {
    for (const e of ctx.schemaErrors) {
      const path = errorPath(e);
      if (e.keyword === 'required' && e.params.missingProperty === 'ministry') {
        const [start, end] = ctx.anchorOf([]);
        const edit = ctx.insertKey([], 'ministry', ['ministry:', '  en: ""', '  fr: ""']);
        ctx.report({
          start, end,
          message: ctx.t('bilingual.ministryMissing'),
          fixes: edit ? [{ title: ctx.t('fix.insertKey', { key: 'ministry' }), edits: [edit], safe: false, preferred: true }] : [],
        });
      } else if (e.keyword === 'required') {
        const side = String(e.params.missingProperty);
        const [start, end] = ctx.anchorOf(path);
        const params = sideParams(ctx, side, lastKey(path));
        const edit = ctx.insertKey(path, side, [`${side}: ""`]);
        ctx.report({
          start, end,
          message: ctx.t('bilingual.missingSide', params),
          fixes: edit ? [{ title: ctx.t('fix.insertSide', params), edits: [edit], safe: false, preferred: true }] : [],
        });
      } else if (path[path.length - 1] === 'en' || path[path.length - 1] === 'fr') {
        const side = String(path[path.length - 1]);
        const [start, end] = ctx.spanAt(path);
        ctx.report({ start, end, message: ctx.t('bilingual.blankSide', sideParams(ctx, side, lastKey(path.slice(0, -1)))) });
      } else {
        const [start, end] = ctx.spanAt(path);
        const subject = e.instancePath === '/subject';
        ctx.report({ start, end, message: subject ? ctx.t('bilingual.subject') : ctx.t('bilingual.notBilingual', { key: lastKey(path) }) });
      }
    }
  },
};
