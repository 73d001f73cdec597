import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findTextDate, normaliseDate } from '../../src/ingest/index.js';

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

test('findTextDate: datelines give the date and the agency', () => {
  const cases: Array<[string, string, string | null]> = [
    ['MOSUL, July 11, 2017 (Demo Wire) - Fighters left.', '2017-07-11', 'Demo Wire'],
    ['Headline here\n\nRAQQA, Syria, 7 June 2017 (Example Wire) — Forces advanced.', '2017-06-07', 'Example Wire'],
    ['SINJAR, Iraq, Oct. 18, 2017 - Units took over.', '2017-10-18', null],
    ['Tall \'Afar, Aug 31 2017 -- The town was retaken.', '2017-08-31', null],
  ];
  for (const [text, date, agency] of cases) {
    assert.deepEqual(findTextDate(text), { publishedAt: date, source: 'dateline', agency }, text);
  }
});

test('findTextDate: a date on a line of its own, with or without a label', () => {
  for (const text of ['Title\n\nJuly 11, 2017\n\nBody.', 'Posted on 11 July 2017 by the desk\n\nBody.', 'Published: 2017-07-11\nBody.', 'Updated July 11, 2017 | 10:00\nBody.']) {
    assert.deepEqual(findTextDate(text), { publishedAt: '2017-07-11', source: 'text', agency: null }, text);
  }
});

test('findTextDate: dates inside sentences, partial dates, late dates and ambiguous numbers are not publication dates', () => {
  const negatives = [
    'On June 10, 2014, the group seized the city.',
    'The group has held the town since June 10, 2014, residents said.',
    'In July 2017 fighters left the city.',
    'MOSUL, July 11 (Demo Wire) - no year in this dateline.',
    '03/04/2017\nBody.',
    'Version 1.1.3 released.',
    `${'Filler sentence without any date at all. '.repeat(8)}\nJuly 11, 2017\nToo far into the text.`,
  ];
  for (const text of negatives) assert.equal(findTextDate(text), null, text);
});
