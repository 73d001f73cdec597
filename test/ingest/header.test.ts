import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readHeader, type HeaderDateRule } from '../../src/ingest/index.js';

/** The date readHeader takes from a text, as [ISO value, rule, the characters it read]. */
function dateOf(text: string): [string, HeaderDateRule, string] | null {
  const { date } = readHeader(text);
  return date && [date.publishedAt, date.rule, text.slice(date.start, date.end)];
}

test('readHeader: header dates after cues, alone on a line, after a byline, with their time and zone', () => {
  const cases: Array<[string, [string, HeaderDateRule, string]]> = [
    ['Headline\n\nPublished Oct 18, 2017\n\nBody.', ['2017-10-18', 'published-cue', 'Oct 18, 2017']],
    ['Headline\nPublished on: 18 October 2017\nBody.', ['2017-10-18', 'published-cue', '18 October 2017']],
    ['Headline\nPosted on Tuesday, 17 October 2017 09:12 by the desk\nBody.', ['2017-10-17T09:12:00', 'published-cue', 'Tuesday, 17 October 2017 09:12']],
    ['Headline\nFirst published 17 Oct 2017 09:00 +0300\nBody.', ['2017-10-17T09:00:00+03:00', 'published-cue', '17 Oct 2017 09:00 +0300']],
    ['Headline\nBy Sam Writer\nOctober 17, 2017 at 7:13 AM\nBody.', ['2017-10-17T07:13:00', 'date-line', 'October 17, 2017 at 7:13 AM']],
    ['Headline\nBy Sam Writer | Oct. 17, 2017 at 7:13 AM\nBody.', ['2017-10-17T07:13:00', 'date-line', 'Oct. 17, 2017 at 7:13 AM']],
    ['Headline\n17/10/2017\nBody.', ['2017-10-17', 'date-line', '17/10/2017']],
    ['Headline\n2017-10-17T09:00Z\nBody.', ['2017-10-17T09:00:00Z', 'date-line', '2017-10-17T09:00Z']],
    ['Headline\nUpdated: 4 September 2017\nBody.', ['2017-09-04', 'updated-cue', '4 September 2017']],
    ['Headline\nLast updated 17 Oct 2017, 14:05 GMT\nBody.', ['2017-10-17T14:05:00Z', 'updated-cue', '17 Oct 2017, 14:05 GMT']],
  ];
  for (const [text, expected] of cases) assert.deepEqual(dateOf(text), expected, text);
});

test('readHeader: "Published" wins over "Updated", on one line or two, in either order', () => {
  for (const text of [
    'Headline\nPublished 18.10.2017 | Updated 19.10.2017 10:20\nBody.',
    'Headline\nUpdated 19 Oct 2017\nPublished 18 Oct 2017\nBody.',
    'Headline\nUpdated Oct 19, 2017 · Published Oct 18, 2017\nBody.',
  ]) {
    assert.deepEqual(dateOf(text)?.slice(0, 2), ['2017-10-18', 'published-cue'], text);
  }
});

test('readHeader: datelines give the place with its offsets, the agency, and the date when written', () => {
  const cases: Array<[string, { place: string; agency: string | null }, string | null]> = [
    ['MOSUL, July 11, 2017 (Demo Wire) - Fighters left.', { place: 'MOSUL', agency: 'Demo Wire' }, '2017-07-11'],
    ['Headline here\n\nRAQQA, Syria, 7 June 2017 (Example Wire) — Forces advanced.', { place: 'RAQQA, Syria', agency: 'Example Wire' }, '2017-06-07'],
    ['SINJAR, Iraq, Oct. 18, 2017 - Units took over.', { place: 'SINJAR, Iraq', agency: null }, '2017-10-18'],
    ["Tall 'Afar, Aug 31 2017 -- The town was retaken.", { place: "Tall 'Afar", agency: null }, '2017-08-31'],
    ['Headline\nHama (Example Wire) Feb 23, 2017\nBody.', { place: 'Hama', agency: 'Example Wire' }, '2017-02-23'],
    ['Headline\n\nAMMAN (Example News / Other Wire - 10th August, 2019) The talks ended.', { place: 'AMMAN', agency: 'Example News / Other Wire' }, '2019-08-10'],
    ['MOSUL, July 11 (Demo Wire) - no year in this dateline.', { place: 'MOSUL', agency: 'Demo Wire' }, null],
    ['Headline\n\nDOHUK, Kurdistan Region — The ferry carried its first passengers in months, officials said on Saturday.', { place: 'DOHUK, Kurdistan Region', agency: null }, null],
    ['BEIRUT (Demo Wire) - Fighters left the town on Tuesday.', { place: 'BEIRUT', agency: 'Demo Wire' }, null],
    ['Headline\n\nZakho, Iraq: Traders crossed the bridge again on Monday for the first time since the floods, the mayor said.', { place: 'Zakho, Iraq', agency: null }, null],
  ];
  for (const [text, dateline, date] of cases) {
    const header = readHeader(text);
    assert.deepEqual({ place: header.dateline?.place, agency: header.dateline?.agency }, dateline, text);
    assert.equal(text.slice(header.dateline!.start, header.dateline!.end), dateline.place, text);
    assert.equal(header.date?.publishedAt ?? null, date, text);
    if (date) assert.equal(header.date!.rule, 'dateline', text);
  }
});

test('readHeader: headlines, labels and sentences are not datelines', () => {
  for (const text of [
    'Iraq: forces retake the town\n\nBody text follows here.',
    'Kurdish forces (YPG) retake village\nBody.',
    'Analysis — why the town fell\n\nBody text follows here.',
    'Update: the army said on Tuesday that the road to the town was open again for the first time in weeks.',
    'Published Oct 18, 2017\nBody.',
    'Tuesday, Oct 17, 2017 - Fighters left the town.',
    'The army said on Tuesday that it held the town, and residents began to return.',
    'EXAMPLE DESK - WEEKLY BULLETIN - NORTHERN DISTRICTS\n\nBody text follows here.',
    'ANCHOR: Good evening. Government forces say they are back in the town tonight, after a week of fighting.',
  ]) {
    assert.equal(readHeader(text).dateline, null, text);
  }
});

test('readHeader: dates inside sentences, partial dates, dates below the header and ambiguous numbers are not publication dates', () => {
  const negatives = [
    'On June 10, 2014, the group seized the city.',
    'The group has held the town since June 10, 2014, residents said.',
    'In July 2017 fighters left the city.',
    'Version 1.1.3 released.',
    `${'Filler sentence without any date at all. '.repeat(16)}\nPublished July 11, 2017\nToo far into the text.`,
    `Headline\n${'A line of the story.\n'.repeat(6)}Published July 11, 2017\nBelow the header.`,
  ];
  for (const text of negatives) assert.equal(readHeader(text).date, null, text);
  const ambiguous = readHeader('Headline\n03/04/2017\nBody.');
  assert.equal(ambiguous.date, null);
  assert.deepEqual(ambiguous.ambiguous, [{ start: 9, end: 19 }]);
});
