import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { createFixture, json, type Fixture } from './helpers.js';

// Around Deir ez-Zor and Al-Bukamal, on both sides of the Syria-Iraq border.
const MIDDLE_EUPHRATES = '39.5,34.2,41.5,35.6';

describe('the basemap served per view', () => {
  let f: Fixture;
  before(async () => {
    f = await createFixture([]);
  });
  after(async () => f.close());

  it('serves the governorates a view meets, each with its name and country', async () => {
    const coarse = json(await f.app.inject(`/api/basemap/admin1?bbox=${MIDDLE_EUPHRATES}&zoom=5`));
    const names = coarse.features.map((d: any) => `${d.properties.name} (${d.properties.country})`);
    for (const expected of ['Dayr Az Zawr (SY)', 'Al-Anbar (IQ)']) assert.ok(names.includes(expected), `${expected} in ${names.join(', ')}`);
    assert.ok(!names.some((n: string) => n.endsWith('(FR)')), 'nothing far from the view');
    const deirEzZor = coarse.features.find((d: any) => d.properties.name === 'Dayr Az Zawr');
    assert.ok(booleanPointInPolygon([40.14, 35.33], deirEzZor.geometry), 'Deir ez-Zor city lies in its governorate');
  });

  it('simplifies the borders less as the map zooms in', async () => {
    const positions = (collection: any) => JSON.stringify(collection.features.map((d: any) => d.geometry)).split('],[').length;
    const coarse = json(await f.app.inject(`/api/basemap/admin1?bbox=${MIDDLE_EUPHRATES}&zoom=5`));
    const fine = json(await f.app.inject(`/api/basemap/admin1?bbox=${MIDDLE_EUPHRATES}&zoom=8`));
    assert.equal(fine.features.length, coarse.features.length);
    assert.ok(positions(fine) > 2 * positions(coarse), `fine ${positions(fine)} positions, coarse ${positions(coarse)}`);
  });

  it('serves the most populous places of a view first, ranked for label placement', async () => {
    const places = json(await f.app.inject(`/api/basemap/places?bbox=${MIDDLE_EUPHRATES}&limit=10`));
    assert.equal(places.features.length, 10, "the limit caps a view holding more places");
    const [first] = places.features;
    assert.equal(first.properties.name, 'Deir ez-Zor');
    assert.deepEqual(places.features.map((p: any) => p.properties.rank), [...Array(10).keys()]);
    const populations = places.features.map((p: any) => p.properties.population);
    assert.deepEqual(populations, [...populations].sort((a: number, b: number) => b - a));
    const [west, south, east, north] = MIDDLE_EUPHRATES.split(',').map(Number);
    for (const p of places.features) {
      const [lon, lat] = p.geometry.coordinates;
      assert.ok(lon >= west! && lon <= east! && lat >= south! && lat <= north!, `${p.properties.name} in the view`);
    }
  });

  it('serves the rivers of a view: centrelines at every zoom, the areas of the 10 km file at small scales and of the 1 km one from zoom 6', async () => {
    // Lake Assad, on the Euphrates upstream of Raqqa, is in both area files; the 1 km file adds the river's own reaches.
    const RAQQA_REACH = '38,35.5,39.5,36.5';
    const small = json(await f.app.inject(`/api/basemap/rivers?bbox=${RAQQA_REACH}&zoom=4`));
    const large = json(await f.app.inject(`/api/basemap/rivers?bbox=${RAQQA_REACH}&zoom=9`));
    const areas = (c: any) => c.features.filter((r: any) => r.geometry.type === 'Polygon');
    const lines = (c: any) => c.features.filter((r: any) => r.geometry.type === 'LineString' || r.geometry.type === 'MultiLineString');
    assert.ok(areas(small).length >= 1, 'the lake at small scales');
    assert.ok(areas(large).length > areas(small).length, `${areas(large).length} areas at zoom 9, ${areas(small).length} at zoom 4`);
    assert.equal(areas(large).length + lines(large).length, large.features.length, 'areas and centrelines only');
    // The Euphrates' course runs through the view as a line at both scales.
    assert.ok(lines(small).length >= 1 && lines(large).length === lines(small).length, 'the same centrelines at every zoom');
    const [west, south, east, north] = RAQQA_REACH.split(',').map(Number);
    const near = ([lon, lat]: [number, number]) => lon >= west! - 1 && lon <= east! + 1 && lat >= south! - 1 && lat <= north! + 1;
    assert.ok(areas(large).every((river: any) => river.geometry.coordinates[0].some(near)), 'no area far from the view');
    assert.ok(lines(large).every((river: any) => river.geometry.coordinates.flat(river.geometry.type === 'LineString' ? 0 : 1).some(near)), 'no line far from the view');
    const elsewhere = json(await f.app.inject('/api/basemap/rivers?bbox=-10,-10,-9,-9&zoom=9'));
    assert.equal(elsewhere.features.length, 0, 'the open Atlantic holds no river');
  });

  it('refuses a box whose south is north of its north', async () => {
    const response = await f.app.inject('/api/basemap/places?bbox=39,36,41,35');
    assert.equal(response.statusCode, 400);
    assert.equal(json(response).error.code, 'CORRIDOR_ERR_QUERY_BBOX');
  });
});
