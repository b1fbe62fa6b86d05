import * as assert from 'node:assert/strict';
import { isRealDay, readDate } from '../../../server/src/engine/dates';

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
