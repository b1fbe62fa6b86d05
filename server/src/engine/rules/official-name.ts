import { isMap, isScalar, isSeq, Scalar } from 'yaml';
import { nodeAt, pairOf, YamlPath } from '../ast';
import { normalizeName, sameName } from '../config/load';
import type { DirectoryEntry } from '../config/types';
import type { RuleContext } from '../context';
import type { Fix } from '../findings';
import { distance } from '../keys';
import type { Rule } from '../rule';
import { yamlScalar } from '../yaml-text';

type Side = 'en' | 'fr';
const other = (side: Side): Side => (side === 'en' ? 'fr' : 'en');

/** A near miss: the same name but for a few letters (a typo, a lost accent). */
function closeTo(a: string, b: string): boolean {
  const x = normalizeName(a).toLowerCase();
  const y = normalizeName(b).toLowerCase();
  return distance(x, y) <= Math.max(2, Math.floor(Math.min(x.length, y.length) * 0.1));
}

function sideName(ctx: RuleContext, side: Side): string {
  return ctx.t(side === 'en' ? 'side.en' : 'side.fr');
}

/** The fix writing the directory's text for one side: replacing the value, or adding the missing key. */
function writeSide(ctx: RuleContext, path: YamlPath, side: Side, expected: string, safe: boolean, title: string): Fix | undefined {
  const map = nodeAt(ctx.root, path);
  const pair = isMap(map) ? pairOf(map, side) : undefined;
  const node = pair?.value;
  if (isScalar(node) && node.value === null && pair?.key.range) {
    // `fr:` with nothing after it: write the name after the colon.
    const colon = ctx.memo.text.indexOf(':', ctx.memo.yamlStart + pair.key.range[1]);
    return colon < 0 ? undefined : { title, edits: [ctx.edit(colon + 1, colon + 1, ` ${yamlScalar(expected)}`)], safe, preferred: true };
  }
  if (isScalar(node) && node.range) {
    const [start, end] = ctx.spanOf(node);
    const style = node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE ? node.type : undefined;
    return { title, edits: [ctx.edit(start, end, yamlScalar(expected, style))], safe, preferred: true };
  }
  if (node !== undefined && node !== null) return undefined;
  const edit = ctx.insertKey(path, side, [`${side}: ${yamlScalar(expected)}`]);
  return edit ? { title, edits: [edit], safe, preferred: true } : undefined;
}

function checkName(ctx: RuleContext, path: YamlPath, entries: readonly DirectoryEntry[], kind: string): void {
  const map = nodeAt(ctx.root, path);
  if (!isMap(map)) return;
  const text = (side: Side) => {
    const value = pairOf(map, side)?.value;
    return isScalar(value) && typeof value.value === 'string' && value.value.trim() !== '' ? value.value : undefined;
  };
  const names = { en: text('en'), fr: text('fr') };
  const exact = (side: Side) => (names[side] === undefined ? undefined : entries.find((e) => sameName(e[side], names[side] as string)));
  const match = { en: exact('en'), fr: exact('fr') };
  if (match.en && match.fr) {
    if (match.en === match.fr) return;
    const [start, end] = ctx.spanAt(path);
    const fixes = (['fr', 'en'] as const)
      .map((side) => {
        const expected = match[other(side)]?.[side] as string;
        return writeSide(ctx, path, side, expected, false, ctx.t('fix.officialName', { sideName: sideName(ctx, side), expected }));
      })
      .filter((f): f is Fix => f !== undefined)
      .map((f) => ({ ...f, preferred: false }));
    ctx.report({ start, end, message: ctx.t('officialName.mismatch', { kind, en: names.en as string, expected: match.en.fr }), fixes });
    return;
  }
  for (const side of ['en', 'fr'] as const) {
    if (match[side]) continue;
    const known = match[other(side)];
    const written = names[side];
    // The entry this side should name: the one the other side names exactly, else a near miss.
    const entry = known ?? (written !== undefined ? entries.find((e) => closeTo(e[side], written)) : undefined);
    if (!entry) continue;
    const expected = entry[side];
    const params = { sideName: sideName(ctx, side), expected, kind };
    if (written === undefined) {
      const fix = writeSide(ctx, path, side, expected, true, ctx.t('fix.fillName', params));
      // At the blank value when there is one, else at the name's first key.
      const [start, end] = isMap(map) && pairOf(map, side) ? ctx.spanAt([...path, side]) : ctx.anchorOf(path);
      ctx.report({ start, end, message: ctx.t('officialName.fill', params), fixes: fix ? [fix] : [] });
      continue;
    }
    const [start, end] = ctx.spanAt([...path, side]);
    const fix = writeSide(ctx, path, side, expected, closeTo(expected, written), ctx.t('fix.officialName', params));
    ctx.report({ start, end, message: ctx.t('officialName.side', params), fixes: fix ? [fix] : [] });
  }
}

/** The ministry and divisions named as the directory (built-in and `.policy-memo/directory.yaml`) holds them. */
export const officialName: Rule = {
  id: 'official-name',
  defaultSeverity: 'warning',
  needsData: true,
  check(ctx) {
    const { ministries, divisions } = ctx.config.directory;
    checkName(ctx, ['ministry'], ministries, ctx.t('kind.ministry'));
    const list = nodeAt(ctx.root, ['divisions']);
    if (isSeq(list)) list.items.forEach((_, i) => checkName(ctx, ['divisions', i], divisions, ctx.t('kind.division')));
  },
};
