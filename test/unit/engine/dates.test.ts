import * as assert from 'node:assert/strict';
import { checkMemo } from '../../../server/src/engine';
import { dayPastMonthEnd, isRealDay, readDate } from '../../../server/src/engine/dates';

describe('reading hand-written dates', () => {
  const one: [string, string][] = [
    ['June 11, 2021', '2021-06-11'],
    ['Sept 11, 2020', '2020-09-11'],
    ['Sept. 11, 2020', '2020-09-11'],
    ['11 June 2021', '2021-06-11'],
    ['Le 11 juin 2021', '2021-06-11'],
    ['le 11 juin 2021', '2021-06-11'],
    ['11 juin 2021', '2021-06-11'],
    ['1er juin 2021', '2021-06-01'],
    ['Le 1er août 2021', '2021-08-01'],
    ['15 février 2024', '2024-02-15'],
    ['Friday, June 11, 2021', '2021-06-11'],
    ['2021/06/11', '2021-06-11'],
    ['2021-6-4', '2021-06-04'],
    ['2021.06.11', '2021-06-11'],
    ['25/12/2021', '2021-12-25'],
    ['12/25/2021', '2021-12-25'],
    ['05/05/2021', '2021-05-05'],
  ];
  for (const [text, iso] of one) {
    it(`${text} → ${iso}`, () => assert.deepEqual(readDate(text), [{ iso }]));
  }

  it('03/04/2021 reads two ways, day/month first', () => {
    assert.deepEqual(readDate('03/04/2021'), [
      { iso: '2021-04-03', reading: 'dayMonth' },
      { iso: '2021-03-04', reading: 'monthDay' },
    ]);
  });

  for (const text of ['June 31, 2021', '2021-02-30', 'Smarch 3, 2021', 'next Tuesday', '', '2021', '29 février 2023']) {
    it(`"${text}" is not read as a date`, () => assert.deepEqual(readDate(text), []));
  }

  it('knows leap years', () => {
    assert.equal(isRealDay(2024, 2, 29), true);
    assert.equal(isRealDay(2023, 2, 29), false);
    assert.equal(isRealDay(1900, 2, 29), false);
    assert.equal(isRealDay(2000, 2, 29), true);
  });
});

describe('a day past the end of its month', () => {
  it('is read from the unambiguous forms, with the month\'s length and last day', () => {
    assert.deepEqual(dayPastMonthEnd('June 31, 2021'), { year: 2021, month: 6, days: 30, lastDay: '2021-06-30' });
    assert.deepEqual(dayPastMonthEnd('31 juin 2021'), { year: 2021, month: 6, days: 30, lastDay: '2021-06-30' });
    assert.deepEqual(dayPastMonthEnd('2021-02-29'), { year: 2021, month: 2, days: 28, lastDay: '2021-02-28' });
    assert.equal(dayPastMonthEnd('June 30, 2021'), undefined);
    assert.equal(dayPastMonthEnd('June 32, 2021'), undefined);
    assert.equal(dayPastMonthEnd('31/06/2021'), undefined);
  });

  it('gets "June has 30 days" and the month\'s last day as a fix, in both languages', () => {
    const memo = (date: string) => `---\nlang: en\nministry: {en: A, fr: B}\nto: [Everyone]\nfrom: [{name: Pat Doe, title: Director}]\ndate: ${date}\nsubject: Update\n---\nBody.\n`;
    const finding = (date: string, locale: 'en' | 'fr') => checkMemo(memo(date), 'markdown', { locale }).findings.find((f) => f.rule === 'date-format');
    const en = finding('June 31, 2021', 'en');
    assert.equal(en?.message, 'June 31, 2021 is not a real day: June has 30 days.');
    assert.deepEqual(en?.fixes.map((f) => [f.edits[0].newText, f.safe]), [['2021-06-30', false]]);
    assert.equal(finding('2021-06-31', 'fr')?.message, 'La date 2021-06-31 n\u2019existe pas\u00a0: le mois de juin compte 30 jours.');
    assert.equal(finding('2021-02-29', 'en')?.message, '2021-02-29 is not a real day: February 2021 has 28 days.');
  });
});
