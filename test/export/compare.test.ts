// `corridor compare` on the demo corpus and its synthetic ACLED reference (examples/demo/STORIES.md,
// "Reference events"), and on small hand-made references where the expected matches are plain.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createFusionContext, currentFusionState, describeCluster, type EventCluster } from '../../src/fusion/index.js';
import { compareWithReference, loadAcledMapping, parseAcledCsv, type ReferenceEvent } from '../../src/reference/index.js';
import { packageRoot } from '../../src/resources.js';
import { fixtureStore, type FixtureStore } from './helpers.js';

const mapping = loadAcledMapping();

async function clustersOf(fixture: FixtureStore): Promise<EventCluster[]> {
  return [...(await currentFusionState(fixture.store, createFusionContext())).state.clusters.values()];
}

describe('comparing with the demo reference', () => {
  let fixture: FixtureStore;
  let references: ReferenceEvent[];
  before(async () => {
    fixture = await fixtureStore([join(packageRoot, 'examples', 'demo')]);
    references = parseAcledCsv(readFileSync(join(packageRoot, 'examples', 'demo', 'reference', 'acled-demo.csv'), 'utf8'), 'acled-demo.csv', mapping).events;
  });
  after(async () => fixture?.close());

  it('finds the reference events no document mentions, and confirms the best-told stories', async () => {
    const report = compareWithReference(await clustersOf(fixture), references, mapping, { describe: describeCluster });
    const unmentioned = new Set(report.unmentioned.map((r) => r.id));
    // STORIES.md: rows that no document mentions.
    for (const id of ['IRQDEMO001', 'IRQDEMO007', 'SYRDEMO006', 'SYRDEMO009', 'SYRDEMO012']) assert.ok(unmentioned.has(id), `${id} is mentioned by no document`);
    const confirmedBy = new Map<string, string[]>();
    for (const { event, matches } of report.confirmed) for (const m of matches) confirmedBy.set(m.id, [...(confirmedBy.get(m.id) ?? []), event.label]);
    // 1b (SDF capture Raqqa), 1c (Mosul victory), 1e (Palmyra retaken), 2b (Tal Afar captured 27 Aug).
    for (const id of ['SYRDEMO008', 'IRQDEMO002', 'SYRDEMO001', 'IRQDEMO005']) assert.ok(confirmedBy.has(id), `${id} is confirmed`);
    assert.ok(confirmedBy.get('SYRDEMO008')!.some((label) => /Raqqah/.test(label)));
    assert.ok(confirmedBy.get('IRQDEMO002')!.some((label) => /^victory \(declaration\).*Mosul/.test(label)));
    assert.equal(report.references, 20);
    assert.equal(report.comparable, report.confirmed.length + report.unconfirmed.length);
  });
});

describe('matching rules', () => {
  let fixture: FixtureStore;
  let clusters: EventCluster[];
  const header = 'event_id_cnty,event_date,time_precision,event_type,sub_event_type,location,latitude,longitude,geo_precision';
  const reference = (...rows: string[]) => {
    const { events, errors } = parseAcledCsv([header, ...rows].join('\n'), 'reference.csv', mapping);
    assert.deepEqual(errors, []);
    return events;
  };
  const unmentioned = (rows: string[], options = {}) => compareWithReference(clusters, reference(...rows), mapping, { describe: describeCluster, ...options }).unmentioned.map((r) => r.id).sort();

  before(async () => {
    fixture = await fixtureStore();
    clusters = await clustersOf(fixture);
  });
  after(async () => fixture?.close());

  it('matches the capture of Raqqa on its day, at its place, by a compatible type', () => {
    assert.deepEqual(unmentioned(['R1,17 October 2017,1,Battles,Non-state actor overtakes territory,Raqqa,35.95,39.01,1']), []);
  });

  it('does not match another type, a date days away, or a place far away', () => {
    assert.deepEqual(unmentioned([
      'T1,17 October 2017,1,Strategic developments,Arrests,Raqqa,35.95,39.01,1',
      'D1,25 October 2017,1,Battles,Non-state actor overtakes territory,Raqqa,35.95,39.01,1',
      'P1,17 October 2017,1,Battles,Non-state actor overtakes territory,Aleppo,36.20,37.16,1',
    ]), ['D1', 'P1', 'T1']);
  });

  it('widens the window for a row dated to the week and the distance for a row placed in the region', () => {
    assert.deepEqual(unmentioned(['W1,22 October 2017,2,Battles,Non-state actor overtakes territory,Raqqa,35.95,39.01,1']), []);
    assert.deepEqual(unmentioned(['G1,17 October 2017,1,Battles,Non-state actor overtakes territory,Tabqa,35.84,38.55,3']), []);
    assert.deepEqual(unmentioned(['G2,17 October 2017,1,Battles,Non-state actor overtakes territory,Tabqa,35.84,38.55,1']), ['G2']);
  });

  it('takes --days and --km over the defaults', () => {
    const row = 'D1,25 October 2017,1,Battles,Non-state actor overtakes territory,Raqqa,35.95,39.01,1';
    assert.deepEqual(unmentioned([row], { days: 8 }), []);
    assert.deepEqual(unmentioned(['G2,17 October 2017,1,Battles,Non-state actor overtakes territory,Tabqa,35.84,38.55,1'], { km: 50 }), []);
  });

  it('never lets an event known only to the year or the month confirm a dated row', () => {
    // The blog's opinion that Hezbollah will take Qusayr "next year" is dated to all of 2018.
    assert.deepEqual(unmentioned(['Q1,15 June 2018,1,Battles,Non-state actor overtakes territory,Al Qusayr,34.51,36.58,1']), ['Q1']);
  });
});
