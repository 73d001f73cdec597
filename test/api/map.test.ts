import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadLayers } from '../../src/web/layers.js';
import { createFixture, json, type Fixture } from './helpers.js';

const FIELD_A = { type: 'Feature', properties: { name: 'Field A', operator: '<b>Acme</b>', capacity: 12000 }, geometry: { type: 'Polygon', coordinates: [[[40.1, 35.1], [40.4, 35.1], [40.4, 35.3], [40.1, 35.1]]] } };
const OIL_FIELDS = {
  type: 'FeatureCollection',
  name: 'Oil fields',
  features: [FIELD_A, { type: 'Feature', id: 7, properties: null, geometry: { type: 'Point', coordinates: [40.9, 35.4] } }],
};

describe('basemap and reference layers', () => {
  let f: Fixture;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'corridor-layers-'));
    writeFileSync(join(dir, 'Oil Fields.geojson'), JSON.stringify(OIL_FIELDS));
    writeFileSync(join(dir, 'road.json'), JSON.stringify({ type: 'LineString', coordinates: [[36.7, 34.7], [38.3, 34.6]] }));
    writeFileSync(join(dir, 'broken.geojson'), '{"type": "Topology"}');
    writeFileSync(join(dir, 'notes.txt'), 'not a layer');
    const { layers } = await loadLayers(dir);
    f = await createFixture([], { layers });
  });
  after(async () => {
    await f.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves land and countries as GeoJSON, and labels inside their countries', async () => {
    const land = json(await f.app.inject('/api/basemap/land'));
    assert.equal(land.type, 'FeatureCollection');
    assert.ok(land.features.length > 0);
    const countries = json(await f.app.inject('/api/basemap/countries'));
    assert.ok(countries.features.length > 200);
    const iraq = countries.features.find((c: any) => c.properties.name === 'Iraq');
    assert.equal(iraq.geometry.type, 'Polygon');
    const labels = json(await f.app.inject('/api/basemap/labels')).items as any[];
    const label = labels.find((l) => l.name === 'Iraq');
    assert.ok(label.lon > 39 && label.lon < 48 && label.lat > 29 && label.lat < 37.5, `Iraq label at ${label.lon},${label.lat}`);
    assert.equal(labels.find((l) => l.name === 'Russia').rank, 0);
    const res = await f.app.inject('/api/basemap/countries');
    assert.match(String(res.headers['cache-control']), /max-age/);
  });

  it('lists the layers of the folder and serves their features, user properties intact', async () => {
    const layers = json(await f.app.inject('/api/layers')).items;
    assert.deepEqual(layers, [
      { id: 'oil-fields', name: 'Oil fields', features: 2, geometryTypes: ['Point', 'Polygon'] },
      { id: 'road', name: 'road', features: 1, geometryTypes: ['LineString'] },
    ]);
    const oil = json(await f.app.inject('/api/layers/oil-fields'));
    assert.deepEqual(oil.features[0].properties, FIELD_A.properties);
    assert.equal(oil.features[1].id, 7);
    assert.equal(oil.features[1].properties, null);
    assert.deepEqual(oil.features[0].geometry.coordinates, FIELD_A.geometry.coordinates);
    const missing = await f.app.inject('/api/layers/gas');
    assert.equal(missing.statusCode, 404);
    assert.equal(json(missing).error.code, 'CORRIDOR_ERR_LAYER_NOT_FOUND');
    const bad = await f.app.inject('/api/layers/..%2f..%2fetc');
    assert.equal(bad.statusCode, 400);
  });
});
