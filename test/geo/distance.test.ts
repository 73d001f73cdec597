import { test } from 'node:test';
import assert from 'node:assert/strict';
import { distanceKm, withinKm } from '../../src/geo/distance.js';

test('distanceKm: Mosul to Tal Afar is about 61 km, symmetric, zero to itself', () => {
  const mosul = { lat: 36.34, lon: 43.13 };
  const talAfar = { lat: 36.38, lon: 42.45 };
  assert.ok(Math.abs(distanceKm(mosul, talAfar) - 61) < 2);
  assert.equal(distanceKm(mosul, talAfar), distanceKm(talAfar, mosul));
  assert.equal(distanceKm(mosul, mosul), 0);
});

test('distanceKm: antipodes are half the circumference, and the inputs are not changed', () => {
  const a = { lat: 0, lon: 0 };
  const b = { lat: 0, lon: 180 };
  assert.ok(Math.abs(distanceKm(a, b) - 20_015) < 5);
  assert.deepEqual([a, b], [{ lat: 0, lon: 0 }, { lat: 0, lon: 180 }]);
});

test('withinKm agrees with distanceKm, including points far apart in latitude', () => {
  const points = [
    { lat: 36.34, lon: 43.13 }, { lat: 36.38, lon: 42.45 }, { lat: 35.95, lon: 39.01 },
    { lat: 37.5, lon: 43.13 }, { lat: -33.9, lon: 151.2 }, { lat: 89.9, lon: 0 }, { lat: 89.9, lon: 180 },
  ];
  for (const a of points) for (const b of points) for (const km of [0, 60, 150, 400, 20_000]) {
    assert.equal(withinKm(a, b, km), distanceKm(a, b) <= km, `${JSON.stringify(a)} ${JSON.stringify(b)} ${km}`);
  }
});
