// `corridor import acled`: each case a folder of test/fixtures/export/acled-import with input.csv and
// expected.json (the events and row errors, or the file error). REGEN=1 rewrites expected.json.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadAcledMapping, parseAcledCsv, ReferenceFileError } from '../../src/reference/index.js';
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

  it('reads the demo reference file whole: 20 rows, none refused', () => {
    const { events, errors } = parseAcledCsv(readFileSync(join(packageRoot, 'examples', 'demo', 'reference', 'acled-demo.csv'), 'utf8'), 'acled-demo.csv', mapping);
    assert.deepEqual(errors, []);
    assert.equal(events.length, 20);
    const raqqa = events.find((e) => e.id === 'SYRDEMO008')!;
    assert.deepEqual([raqqa.date, raqqa.subEventType, raqqa.lat, raqqa.lon, raqqa.interaction], ['2017-10-17', 'Non-state actor overtakes territory', 35.953, 39.008, 22]);
  });
});
