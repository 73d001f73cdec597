// The RFC 7946 checker the export tests rely on must itself catch what the RFC forbids,
// and lines across the antimeridian must be cut as the RFC asks.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { line } from '../../src/export/index.js';
import { geoJsonViolations } from './geojson-rules.js';

const collection = (geometry: unknown, extra: Record<string, unknown> = {}) => ({
  type: 'FeatureCollection',
  features: [{ type: 'Feature', id: 'x', properties: {}, geometry }],
  ...extra,
});

describe('the RFC 7946 checker', () => {
  it('accepts valid geometries of every type, null geometry and a bbox', () => {
    const square = [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]];
    for (const geometry of [
      { type: 'Point', coordinates: [39.01, 35.95] },
      { type: 'LineString', coordinates: [[43.1, 36.3], [42.4, 36.4]] },
      { type: 'MultiLineString', coordinates: [[[179, 10], [180, 11]], [[-180, 11], [-179, 12]]] },
      { type: 'Polygon', coordinates: [square] },
      { type: 'MultiPolygon', coordinates: [[square]] },
      { type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [0, 0, 12] }] },
      null,
    ]) assert.deepEqual(geoJsonViolations(collection(geometry, { bbox: [-180, -10, 180, 40] })), [], JSON.stringify(geometry));
  });

  it('finds what the RFC forbids', () => {
    const cases: [unknown, RegExp][] = [
      [collection({ type: 'Point', coordinates: [35.95, 139.01] }), /latitude 139.01 out of range/],
      [collection({ type: 'Point', coordinates: [181, 0] }), /longitude 181 out of range/],
      [collection({ type: 'Point', coordinates: ['39', 35] }), /array of 2 or 3 finite numbers/],
      [collection({ type: 'LineString', coordinates: [[0, 0]] }), /at least 2 positions/],
      [collection({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1]]] }), /must be closed/],
      [collection({ type: 'Circle', coordinates: [0, 0] }), /unknown geometry type/],
      [collection({ type: 'Point', coordinates: [0, 0] }, { crs: { type: 'name', properties: { name: 'EPSG:4326' } } }), /crs member was removed/],
      [collection({ type: 'Point', coordinates: [0, 0] }, { bbox: [0, 10, 1, 5] }), /south edge lies north/],
      [{ type: 'Feature', geometry: null, properties: null }, /expected a FeatureCollection/],
      [{ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {} }] }, /has a geometry member/],
      [{ type: 'FeatureCollection', features: [{ type: 'Feature', id: {}, geometry: null, properties: {} }] }, /id is a string or a number/],
    ];
    for (const [value, problem] of cases) assert.match(geoJsonViolations(value).join('\n'), problem, JSON.stringify(value));
  });
});

describe('lines', () => {
  it('stay one LineString when they do not cross the antimeridian', () => {
    assert.deepEqual(line([{ lon: 43.118889, lat: 36.335 }, { lon: 42.448056, lat: 36.379167 }]), { type: 'LineString', coordinates: [[43.118889, 36.335], [42.448056, 36.379167]] });
  });

  it('are cut in two where they cross it, eastward or westward', () => {
    assert.deepEqual(line([{ lon: 179, lat: 10 }, { lon: -179, lat: 12 }]), {
      type: 'MultiLineString', coordinates: [[[179, 10], [180, 11]], [[-180, 11], [-179, 12]]],
    });
    assert.deepEqual(line([{ lon: -178, lat: -20 }, { lon: 178, lat: -10 }]), {
      type: 'MultiLineString', coordinates: [[[-178, -20], [-180, -15]], [[180, -15], [178, -10]]],
    });
  });
});
