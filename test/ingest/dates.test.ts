import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normaliseDate } from '../../src/ingest/index.js';

test('normaliseDate: metadata dates to ISO, keeping the stated offset', () => {
  const cases: Array<[unknown, string | null]> = [
    ['2017-07-11', '2017-07-11'],
    ['2017-07-11T10:30:00Z', '2017-07-11T10:30:00Z'],
    ['2017-07-11T10:30:00.123+0300', '2017-07-11T10:30:00+03:00'],
    ['2017-07-11 10:30', '2017-07-11T10:30:00'],
    ['Tue, 11 Jul 2017 10:00:00 GMT', '2017-07-11T10:00:00Z'],
    ['Tue, 11 Jul 2017 10:00:00 +0300', '2017-07-11T10:00:00+03:00'],
    ['July 11, 2017', '2017-07-11'],
    ['11 July 2017', '2017-07-11'],
    // One reading only: the day is over 12, or day and month are the same number.
    ['17/10/2017', '2017-10-17'],
    ['10/17/2017', '2017-10-17'],
    ['05/05/2017', '2017-05-05'],
    [new Date(Date.UTC(2017, 6, 11)), '2017-07-11'],
    [new Date(Date.UTC(2017, 6, 11, 9, 5)), '2017-07-11T09:05:00Z'],
  ];
  for (const [input, expected] of cases) assert.equal(normaliseDate(input), expected, String(input));
});

test('normaliseDate: partial, impossible, ambiguous or missing dates are null, never "now"', () => {
  for (const input of ['July 2017', '2017', '2017-13-45', '2017-02-30', '2017-07-11T25:00', '03/04/2017', 'yesterday', 'last Tuesday', '', '   ', null, undefined, 20170711, new Date('nonsense')]) {
    assert.equal(normaliseDate(input), null, String(input));
  }
});
