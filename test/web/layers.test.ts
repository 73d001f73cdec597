import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadLayers, summariseLayer, toFeatureCollection } from '../../src/web/layers.js';

describe('reference layers', () => {
  it('accepts a FeatureCollection, a Feature or a bare geometry', () => {
    const point = { type: 'Point', coordinates: [38.3, 34.6] };
    const feature = { type: 'Feature', properties: { name: 'Palmyra' }, geometry: point };
    assert.deepEqual(toFeatureCollection(point), { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: point }] });
    assert.deepEqual(toFeatureCollection(feature), { type: 'FeatureCollection', features: [feature] });
    const collection = { type: 'FeatureCollection', features: [feature] };
    assert.equal(toFeatureCollection(collection), collection);
  });

  it('refuses what is not GeoJSON, naming the problem', () => {
    assert.throws(() => toFeatureCollection({ type: 'Topology' }), /not GeoJSON/);
    assert.throws(() => toFeatureCollection([1, 2]), /not GeoJSON/);
    assert.throws(() => toFeatureCollection(null), /not GeoJSON/);
    assert.throws(() => toFeatureCollection({ type: 'FeatureCollection', features: [{ type: 'Point' }] }), /feature 0 is not a GeoJSON Feature/);
    assert.throws(() => toFeatureCollection({ type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Circle' } }] }), /no valid geometry/);
  });

  it('loads a folder: good files become layers with unique ids, bad ones are reported and skipped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'corridor-layers-'));
    try {
      const line = JSON.stringify({ type: 'LineString', coordinates: [[0, 0], [1, 1]] });
      writeFileSync(join(dir, 'Roads 2017.geojson'), line);
      writeFileSync(join(dir, 'roads-2017.json'), line);
      writeFileSync(join(dir, 'bad.geojson'), '{ not json');
      writeFileSync(join(dir, 'readme.md'), '# not a layer');
      const { layers, problems } = await loadLayers(dir);
      assert.deepEqual(layers.map((l) => [l.id, l.name]), [['roads-2017', 'Roads 2017'], ['roads-2017-2', 'roads-2017']]);
      assert.equal(problems.length, 1);
      assert.match(problems[0] ?? '', /bad\.geojson: /);
      assert.ok(layers[0]);
      assert.deepEqual(summariseLayer(layers[0]), { id: 'roads-2017', name: 'Roads 2017', features: 1, geometryTypes: ['LineString'] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
