import { isMap, isScalar, isSeq } from 'yaml';
import { isBlank, nodeAt } from '../ast';
import type { RuleContext } from '../context';
import { memoLanguages } from '../prose/texts';
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
    checkAgreement(ctx);
  },
};

/**
 * The grammatical gender of a French title's head (the words before its first complement, so
 * "Directrice du secteur" reads as feminine, not from "secteur"): `adjoint`/`adjointe`,
 * `directeur`/`directrice` and the other -eur/-rice, -ier/-ière, `conseiller`/`conseillère`,
 * `général`/`générale`, `principal`/`principale`. Undefined when it says nothing, or both.
 */
export function titleGender(title: string): 'm' | 'f' | undefined {
  const head = title.normalize('NFC').toLowerCase().split(/[,(–—]|\s(?:de|du|des|d['’]|à|au|aux|en|pour|chargée?|responsable)\s?/u)[0];
  let feminine = false;
  let masculine = false;
  for (const word of head.split(/[\s-]+/u)) {
    if (/^(?:adjointe|générale|principale|\p{L}{2,}rice|\p{L}{2,}ière|\p{L}*llère|\p{L}{3,}eure)$/u.test(word)) feminine = true;
    else if (/^(?:adjoint|général|principal|\p{L}{3,}eur|\p{L}{2,}ier|\p{L}*ller)$/u.test(word)) masculine = true;
  }
  if (feminine === masculine) return undefined;
  return feminine ? 'f' : 'm';
}

/** In a memo with French labels, a sender whose `gender` contradicts their French title's agreement. */
function checkAgreement(ctx: RuleContext): void {
  if (!memoLanguages(ctx.memo).includes('fr')) return;
  const from = nodeAt(ctx.root, ['from']);
  if (!isSeq(from)) return;
  from.items.forEach((entry, i) => {
    if (!isMap(entry)) return;
    const gender = nodeAt(ctx.root, ['from', i, 'gender']);
    if (!isScalar(gender) || (gender.value !== 'm' && gender.value !== 'f')) return;
    const title = nodeAt(ctx.root, ['from', i, 'title']);
    const french = isMap(title) ? nodeAt(ctx.root, ['from', i, 'title', 'fr']) : title;
    if (!isScalar(french) || typeof french.value !== 'string') return;
    const agreed = titleGender(french.value);
    if (!agreed || agreed === gender.value) return;
    const [start, end] = ctx.spanOf(gender);
    ctx.report({
      start, end,
      severity: 'warning',
      message: ctx.t(agreed === 'f' ? 'signatories.genderFeminineTitle' : 'signatories.genderMasculineTitle', { title: french.value, gender: String(gender.value) }),
      fixes: [{ title: ctx.t('fix.setGender', { gender: agreed }), edits: [ctx.edit(start, end, agreed)], safe: false, preferred: true }],
    });
  });
}
