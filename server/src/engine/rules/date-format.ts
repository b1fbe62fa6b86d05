import { isScalar } from 'yaml';
import { nodeAt } from '../ast';
import { dayPastMonthEnd, readDate } from '../dates';
import type { Fix } from '../findings';
import type { Rule } from '../rule';
import { SchemaError } from '../schema';

/** `date`: present, written YYYY-MM-DD, and a real day. Hand-written dates get a rewrite. */
export const dateFormat: Rule = {
  id: 'date-format',
  defaultSeverity: 'error',
  needsData: true,
  claims(e: SchemaError) {
    if (e.keyword === 'required') return e.instancePath === '' && e.params.missingProperty === 'date';
    return e.instancePath === '/date';
  },
  check(ctx) {
    const errors = ctx.schemaErrors;
    if (errors.length === 0) return;
    if (errors.some((e) => e.keyword === 'required')) {
      const [start, end] = ctx.anchorOf([]);
      ctx.report({ start, end, message: ctx.t('date.missing') });
      return;
    }
    const node = nodeAt(ctx.root, ['date']);
    const [start, end] = ctx.spanAt(['date']);
    const value = isScalar(node) && node.value !== null ? String(node.value) : '';
    const keywords = new Set(errors.map((e) => e.keyword));
    if (keywords.has('type') && typeof (isScalar(node) ? node.value : undefined) !== 'number') {
      ctx.report({ start, end, message: ctx.t('date.type') });
      return;
    }
    const readings = readDate(value);
    const fixes: Fix[] = readings.map((r) => ({
      title: r.reading
        ? ctx.t('fix.dateReading', { iso: r.iso, reading: ctx.t(r.reading === 'dayMonth' ? 'reading.dayMonth' : 'reading.monthDay') })
        : ctx.t('fix.date', { iso: r.iso }),
      edits: [ctx.edit(start, end, r.iso)],
      safe: readings.length === 1,
      preferred: readings.length === 1,
    }));
    const past = dayPastMonthEnd(value);
    if (past) {
      // "June has 30 days", with the month's last day offered (never applied: the writer may have meant another day).
      const monthName = new Intl.DateTimeFormat(ctx.locale === 'fr' ? 'fr-CA' : 'en-CA', { month: 'long', timeZone: 'UTC' }).format(Date.UTC(2000, past.month - 1, 1));
      const month = past.month === 2 ? `${monthName} ${past.year}` : monthName;
      ctx.report({
        start, end,
        message: ctx.t('date.pastMonthEnd', { value, month: ctx.locale === 'en' ? month : month.toLowerCase(), days: past.days }),
        fixes: [{ title: ctx.t('fix.dateLastDay', { iso: past.lastDay }), edits: [ctx.edit(start, end, past.lastDay)], safe: false, preferred: false }],
      });
      return;
    }
    const wellFormed = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(value);
    ctx.report({ start, end, message: ctx.t(wellFormed ? 'date.notReal' : 'date.format', { value }), fixes: wellFormed ? [] : fixes });
  },
};
