/** A way to read a date written by hand, as an ISO calendar date. */
export interface DateReading {
  iso: string;
  /** For numeric dates like 03/04/2021 that read two ways: which reading this is. */
  reading?: 'dayMonth' | 'monthDay';
}

const MONTHS: Record<string, number> = {
  january: 1, jan: 1, janvier: 1, janv: 1,
  february: 2, feb: 2, fevrier: 2, fevr: 2, fev: 2,
  march: 3, mar: 3, mars: 3,
  april: 4, apr: 4, avril: 4, avr: 4,
  may: 5, mai: 5,
  june: 6, jun: 6, juin: 6,
  july: 7, jul: 7, juillet: 7, juil: 7,
  august: 8, aug: 8, aout: 8,
  september: 9, sept: 9, sep: 9, septembre: 9,
  october: 10, oct: 10, octobre: 10,
  november: 11, nov: 11, novembre: 11,
  december: 12, dec: 12, decembre: 12,
};

const WEEKDAYS = /^(monday|tuesday|wednesday|thursday|friday|saturday|sunday|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche),? /;

/** Whether year-month-day is a day that exists in the Gregorian calendar. */
export function isRealDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysIn(year, month);
}

function iso(year: number, month: number, day: number): string | undefined {
  if (year < 1000 || year > 9999 || !isRealDay(year, month, day)) return undefined;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function normalize(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\u00a0\u202f\s]+/g, ' ')
    .trim()
    .replace(/^le /, '')
    .replace(WEEKDAYS, '')
    .replace(/\b([a-z]+)\./g, '$1');
}

/**
 * Reads a date written in a common English or French form (June 11, 2021; Le 1er juin 2021; 2021/06/11;
 * 2021-6-4; 03/04/2021). Returns one reading, two for an ambiguous day/month, or none.
 */
export function readDate(text: string): DateReading[] {
  const s = normalize(text);
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(s);
  if (m) return single(iso(+m[1], +m[2], +m[3]));
  m = /^([a-z]+) (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})$/.exec(s);
  if (m && MONTHS[m[1]]) return single(iso(+m[3], MONTHS[m[1]], +m[2]));
  m = /^(\d{1,2})(?:er|re|st|nd|rd|th)? ([a-z]+),? (\d{4})$/.exec(s);
  if (m && MONTHS[m[2]]) return single(iso(+m[3], MONTHS[m[2]], +m[1]));
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (m) {
    const a = +m[1];
    const b = +m[2];
    const year = +m[3];
    const dayMonth = iso(year, b, a);
    const monthDay = iso(year, a, b);
    if (dayMonth && monthDay && dayMonth !== monthDay) {
      return [
        { iso: dayMonth, reading: 'dayMonth' },
        { iso: monthDay, reading: 'monthDay' },
      ];
    }
    return single(dayMonth ?? monthDay);
  }
  return [];
}

/** A day past its month's end, as written (June 31, 2021; 2021-02-29): the month and how many days it has. */
export interface DayPastMonthEnd {
  year: number;
  month: number;
  days: number;
  /** The month's last day, as an ISO date. */
  lastDay: string;
}

/** The number of days of a month (February by the year). */
export function daysIn(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/**
 * A date written in one of readDate's unambiguous forms whose day is past the month's end (up to 31),
 * such as June 31, 2021: what a writer needs to hear is "June has 30 days", not the format.
 */
export function dayPastMonthEnd(text: string): DayPastMonthEnd | undefined {
  const s = normalize(text);
  let parts: [number, number, number] | undefined;
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(s);
  if (m) parts = [+m[1], +m[2], +m[3]];
  else if ((m = /^([a-z]+) (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})$/.exec(s)) && MONTHS[m[1]]) parts = [+m[3], MONTHS[m[1]], +m[2]];
  else if ((m = /^(\d{1,2})(?:er|re|st|nd|rd|th)? ([a-z]+),? (\d{4})$/.exec(s)) && MONTHS[m[2]]) parts = [+m[3], MONTHS[m[2]], +m[1]];
  if (!parts) return undefined;
  const [year, month, day] = parts;
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day > 31) return undefined;
  const days = daysIn(year, month);
  if (day <= days) return undefined;
  return { year, month, days, lastDay: `${year}-${String(month).padStart(2, '0')}-${days}` };
}

function single(value: string | undefined): DateReading[] {
  return value ? [{ iso: value }] : [];
}
