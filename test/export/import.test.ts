// `corridor import acled`: each case a folder of test/fixtures/export/acled-import with input.csv and
// expected.json (the events and row errors, or the file error). REGEN=1 rewrites expected.json.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeAcledCsv } from '../../src/export/acled-csv.js';
import { acledRow, loadAcledMapping, parseAcledCsv, ReferenceFileError } from '../../src/reference/index.js';
import { packageRoot } from '../../src/resources.js';
import { FIXTURES } from './helpers.js';

const CASES = join(FIXTURES, 'acled-import');
const mapping = loadAcledMapping();

function run(file: string): unknown {
  try {
    return parseAcledCsv(readFileSync(file, 'utf8'), 'input.csv', mapping);
  } catch (error) {
    if (error instanceof ReferenceFileError) return { fileError: error.message };
    throw error;
  }
}

describe('importing ACLED exports', () => {
  for (const name of readdirSync(CASES).sort()) {
    it(name, () => {
      const actual = run(join(CASES, name, 'input.csv'));
      const expectedFile = join(CASES, name, 'expected.json');
      if (process.env['REGEN'] === '1') writeFileSync(expectedFile, `${JSON.stringify(actual, null, 2)}\n`);
      assert.deepEqual(actual, JSON.parse(readFileSync(expectedFile, 'utf8')));
    });
  }

  // The rows ACLED's exports hold, written from its codebook: the older column set (May 2020: data_id ... iso3,
  // 9-May-20, inter2 0 for no second actor, which left 2,133 of 5,071 rows of a real export out) and the current one
  // (disorder_type, civilian_targeting, tags; inter labels). Written back as the export writes rows, every field
  // reads back the same.
  for (const name of ['older-columns', 'current-columns']) {
    it(`${name}: import(export(x)) keeps every field`, () => {
      const first = parseAcledCsv(readFileSync(join(CASES, name, 'input.csv'), 'utf8'), 'input.csv', mapping);
      assert.deepEqual(first.errors, []);
      assert.equal(first.events.length, 5);
      const csv = writeAcledCsv(first.events.map(acledRow));
      const again = parseAcledCsv(csv, 'export.csv', mapping);
      assert.deepEqual(again.errors, []);
      const withoutLine = (events: typeof first.events) => events.map(({ line: _line, ...fields }) => fields);
      assert.deepEqual(withoutLine(again.events), withoutLine(first.events));
    });
  }

  it('writes 0 as the inter code of an empty actor column, as ACLED does, and reads it back as no actor', () => {
    const oneSided = parseAcledCsv(readFileSync(join(CASES, 'older-columns', 'input.csv'), 'utf8'), 'input.csv', mapping).events.find((e) => e.id === 'IRQ4815')!;
    assert.deepEqual([oneSided.actor2, oneSided.inter2, oneSided.interaction], ['', null, 20]);
    const row = acledRow(oneSided);
    assert.deepEqual([row.inter1, row.actor2, row.inter2, row.interaction, row.event_date], ['2', '', '0', '20', '10 May 2020']);
    assert.equal(acledRow({ ...oneSided, actor2: 'Unidentified Armed Group (Iraq)' }).inter2, '', 'an actor of unknown type is not "no actor"');
  });

  it('reads the demo reference file whole: 20 rows, none refused', () => {
    const { events, errors } = parseAcledCsv(readFileSync(join(packageRoot, 'examples', 'demo', 'reference', 'acled-demo.csv'), 'utf8'), 'acled-demo.csv', mapping);
    assert.deepEqual(errors, []);
    assert.equal(events.length, 20);
    const raqqa = events.find((e) => e.id === 'SYRDEMO008')!;
    assert.deepEqual([raqqa.date, raqqa.subEventType, raqqa.lat, raqqa.lon, raqqa.interaction], ['2017-10-17', 'Non-state actor overtakes territory', 35.953, 39.008, 22]);
  });
});
