import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import type { Position } from 'geojson';
import { labelPoint, loadBasemap } from '../../src/web/basemap.js';

describe('basemap', () => {
  it('puts a label inside a crescent whose centroid lies outside it', () => {
    // A "C" open to the east: its vertex centroid falls in the gap.
    const ring: Position[] = [[0, 0], [10, 0], [10, 2], [2, 2], [2, 8], [10, 8], [10, 10], [0, 10], [0, 0]];
    const polygon = [ring];
    const point = labelPoint(polygon);
    assert.ok(booleanPointInPolygon(point, { type: 'Polygon', coordinates: polygon }), `label at ${point}`);
    const copy = JSON.stringify(polygon);
    labelPoint(polygon);
    assert.equal(JSON.stringify(polygon), copy, 'the input is not mutated');
  });

  it('uses the centroid of a convex shape', () => {
    assert.deepEqual(labelPoint([[[0, 0], [4, 0], [4, 4], [0, 4]]]), [2, 2]);
  });

  it('converts Natural Earth countries with names, rounded coordinates and one label per named country', () => {
    const { land, countries, labels } = loadBasemap({ precision: 2 });
    assert.ok(land.features.length > 0);
    const syria = countries.features.find((f) => f.properties?.name === 'Syria');
    const first = (syria?.geometry as { coordinates: number[][][] } | undefined)?.coordinates[0]?.[0];
    assert.ok(first, 'Syria has a first position');
    assert.ok(first.every((v) => Math.round(v * 100) / 100 === v), `rounded: ${first}`);
    const names = new Set(countries.features.map((f) => f.properties?.name));
    assert.ok(labels.length > 200);
    assert.ok(labels.every((l) => names.has(l.name)));
    assert.ok(labels.every((l) => l.rank >= 0 && l.rank <= 3));
    for (const name of ['Syria', 'Iraq', 'Chile', 'Croatia', 'Norway']) {
      const label = labels.find((l) => l.name === name)!;
      const country = countries.features.find((f) => f.properties?.name === name)!;
      assert.ok(booleanPointInPolygon([label.lon, label.lat], country.geometry as never), `${name} label inside ${name}`);
    }
  });
});
