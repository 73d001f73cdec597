import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readGeoNamesDump, GeoNamesFormatError } from '../../src/geo/gazetteer/geonames-dump.js';
import { importGazetteerEntries, readImportedEntries } from '../../src/geo/gazetteer/imported-store.js';
import { createDefaultPipeline } from '../../src/default-pipeline.js';
import { loadGeoResources } from '../../src/geo/index.js';
import { geoResources } from '../shared-resources.js';
import { documentFor, FIXTURES } from '../time/fixtures.js';

const dump = join(FIXTURES, 'geonames', 'XX.txt');
const alternates = join(FIXTURES, 'geonames', 'alternateNames.txt');

test('a GeoNames dump streams into entries with Latin- and Arabic-script alternate names', async () => {
  const entries = [];
  for await (const e of readGeoNamesDump(dump, alternates)) entries.push(e);
  assert.deepEqual(entries.map((e) => e.geonameid), [9900001, 9900002, 9900003]);
  assert.deepEqual(entries[0]!.names, ['Qaryat al-Wardah', 'Wardah', 'Qaryat Wardeh', 'Wardah Village', 'قرية الوردة']);
  assert.deepEqual(entries[1]!.names, ['Nahr Zayzafun', 'Zayzafun River']);
  assert.equal(entries[2]!.featureCode, 'DAM');
});

test('a malformed dump line is reported with file and line', async () => {
  await assert.rejects(async () => {
    for await (const _ of readGeoNamesDump(alternates)) void _;
  }, (error: unknown) => error instanceof GeoNamesFormatError && /alternateNames\.txt:2: expected 19/.test(error.message));
});

test('imported entries extend the gazetteer of pipelines on that store', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'corridor-gaz-'));
  try {
    const db = join(dir, 'store.db');
    assert.equal(await importGazetteerEntries(db, readGeoNamesDump(dump, alternates)), 3);
    // Importing again replaces, never duplicates.
    assert.equal(await importGazetteerEntries(db, readGeoNamesDump(dump, alternates)), 3);
    assert.equal(readImportedEntries(db).length, 3);
    const text = 'Families fled the village of Wardah Village toward the Zayzafun River.';
    const pipeline = await createDefaultPipeline({ database: db, focus: ['SY'] });
    const places = pipeline.extract(documentFor(text)).places;
    const found = places.map((p) => [p.text, p.geonameid]);
    assert.deepEqual(found, [['Wardah Village', 9900001], ['Zayzafun River', 9900002]]);
    const without = (await createDefaultPipeline({ focus: ['SY'], geo: geoResources() })).extract(documentFor(text)).places;
    assert.ok(!without.some((p) => p.geonameid === 9900001), 'the built-in gazetteer does not know the fixture village');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('resources/facilities.tsv imports like any GeoNames dump; its own ids are no GeoNames ids, and a row imported again is no twin', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'corridor-gaz-'));
  try {
    const db = join(dir, 'store.db');
    const facilities = join(FIXTURES, '..', '..', 'resources', 'facilities.tsv');
    const count = await importGazetteerEntries(db, readGeoNamesDump(facilities));
    const imported = readImportedEntries(db);
    assert.equal(imported.length, count);
    assert.ok(count > 20);
    assert.deepEqual(imported.filter((e) => e.geonameid !== null), []);
    const geo = loadGeoResources({ imported: readImportedEntries(db) });
    assert.equal(geo.gazetteer.lookup('Tiyas airbase').length, 1, 'the built-in row and the imported one are one entry');
    const places = (await createDefaultPipeline({ geo })).extract(documentFor('Jets struck the T-4 airbase again.')).places;
    assert.deepEqual(places.map((p) => [p.text, p.name, p.geonameid]), [['T-4 airbase', 'Tiyas Military Airbase', null]]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
