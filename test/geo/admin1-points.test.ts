// resources/admin1-points.tsv is generated (scripts/derive-admin1-points.js): each row must name a GeoNames
// admin1 region, and the built gazetteer must place that region at the row's point.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readAdmin1Points, readAdminCodes } from '../../src/geo/gazetteer/sources.js';
import { geoResources } from '../shared-resources.js';

const points = readAdmin1Points();

test('admin1 points: GeoNames admin1 codes, points on the globe', () => {
  const codes = new Set(readAdminCodes('admin1').map((a) => a.code));
  assert.ok(points.size > 3000, `only ${points.size} rows`);
  for (const [code, { lat, lon }] of points) {
    assert.ok(codes.has(code), `${code} is no GeoNames admin1 code`);
    assert.ok(Math.abs(lat) <= 90 && Math.abs(lon) <= 180, `${code} at ${lat},${lon}`);
  }
});

test('the gazetteer places admin1 regions at their polygon centroid, not at the centre of their towns', () => {
  const { gazetteer } = geoResources();
  // Ontario's towns lie along its southern edge; its centroid lies nearly 300 km further north.
  const [ontario] = gazetteer.lookup('Ontario').filter((e) => e.source === 'admin1');
  assert.ok(ontario, 'Ontario is an admin1 region');
  assert.deepEqual({ lat: ontario.lat, lon: ontario.lon }, points.get(`${ontario.country}.${ontario.admin1Code}`));
});
