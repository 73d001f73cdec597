import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { packageRoot } from '../../src/resources.js';
import { createFixture, json, type Fixture } from './helpers.js';

// Raqqa, Deir ez-Zor and the middle Euphrates; Mosul and Tal Afar lie east of it.
const SYRIAN_EUPHRATES = [38.5, 34.3, 41.2, 36.2] as const;

describe('exports of a view', () => {
  let f: Fixture;
  before(async () => {
    f = await createFixture([join(packageRoot, 'examples', 'demo')]);
  });
  after(async () => f.close());

  it('exports as GeoJSON only the events the view\'s box and type keep, as a file to save', async () => {
    const response = await f.app.inject(`/api/export/geojson?bbox=${SYRIAN_EUPHRATES.join(',')}&type=control`);
    assert.equal(response.statusCode, 200);
    assert.match(response.headers['content-type'] as string, /^application\/geo\+json/);
    assert.match(response.headers['content-disposition'] as string, /^attachment; filename="corridor-events\.geojson"$/);
    // Trajectories and corridors come along as context; the events are what the filters choose.
    const events = (collection: any) => collection.features.filter((f: any) => f.properties.featureKind === 'event');
    const kept = events(json(response));
    assert.ok(kept.length > 0);
    const [west, south, east, north] = SYRIAN_EUPHRATES;
    for (const feature of kept) {
      assert.equal(feature.properties.type, 'control');
      const [lon, lat] = feature.geometry.type === 'Point' ? feature.geometry.coordinates : feature.geometry.coordinates.at(-1);
      assert.ok(lon >= west && lon <= east && lat >= south && lat <= north, `${feature.id} at ${lon},${lat}`);
    }
    const all = events(json(await f.app.inject('/api/export/geojson')));
    assert.ok(all.length > kept.length, 'the whole store holds more');
  });

  it('exports only the events the map\'s outlet, modality, source and status filters keep (issue #20)', async () => {
    const events = async (query: string) => {
      const response = await f.app.inject(`/api/export/geojson${query}`);
      assert.equal(response.statusCode, 200, response.body);
      return json(response).features.filter((f: any) => f.properties.featureKind === 'event');
    };
    const all = await events('');
    // As on the map, one report meets the outlet, the modality and the source at once.
    const reported = await events('?outlet=Demo%20Wire&modality=reported');
    assert.ok(reported.length > 0 && reported.length < all.length, `${reported.length} of ${all.length}`);
    for (const e of reported) {
      assert.ok(e.properties.evidence.some((ev: any) => ev.outlet === 'Demo Wire' && ev.modality === 'reported'), e.properties.label);
    }
    const corroborated = await events('?status=corroborated');
    assert.ok(corroborated.length > 0 && corroborated.length < all.length);
    for (const e of corroborated) assert.equal(e.properties.status, 'corroborated');
    // The map's Source filter merges spellings: the export takes each (case-insensitive).
    const bySource = await events('?source=leila%20marouf&source=Nobody%20Said%20This');
    assert.ok(bySource.length > 0 && bySource.length < all.length);
    for (const e of bySource) assert.ok(e.properties.evidence.some((ev: any) => ev.source === 'Leila Marouf'), e.properties.label);
    assert.equal((await f.app.inject('/api/export/geojson?status=certain')).statusCode, 400, 'a status fusion never gives');
  });

  it('exports an ACLED CSV and an HTML dossier', async () => {
    const csv = await f.app.inject(`/api/export/acled-csv?bbox=${SYRIAN_EUPHRATES.join(',')}`);
    assert.match(csv.headers['content-type'] as string, /^text\/csv/);
    assert.match(csv.body, /^event_id_cnty,event_date,/);
    const html = await f.app.inject('/api/export/html?from=2017-06-01&to=2017-06-30');
    assert.match(html.headers['content-type'] as string, /^text\/html/);
    assert.match(html.body, /^<!DOCTYPE html>/);
  });

  it('refuses a format the page does not offer', async () => {
    const response = await f.app.inject('/api/export/pdf');
    assert.equal(response.statusCode, 400);
    assert.equal(json(response).error.code, 'CORRIDOR_ERR_REQUEST_INVALID');
  });
});
