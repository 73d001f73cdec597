import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import {
  controlAreas, controlSites, loadControlSettings, settlementPopulation,
  type ControlSiteProperties, type ControlSites, type ControlTimeline, type EventCluster,
} from '../../src/fusion/index.js';
import { geoResources } from '../shared-resources.js';

const settings = loadControlSettings().areas;
const AT = '2017-06-01';

const holder = (actorId: string, kind: 'armed-group' | 'militia' = 'armed-group') => ({ actorId, name: actorId, kind });

function site(lon: number, lat: number, overrides: Partial<ControlSiteProperties> = {}) {
  return {
    type: 'Feature' as const,
    properties: {
      place: `site ${lon},${lat}`, geonameid: null, holder: holder('islamic-state'), status: 'corroborated' as const,
      from: '2017-01-01', to: null, sources: settings.fullStrengthSources, lastEvidence: AT, population: 100_000,
      claims: ['ev-a'], contradictions: [], ...overrides,
    },
    geometry: { type: 'Point' as const, coordinates: [lon, lat] },
  };
}

const sites = (...features: ReturnType<typeof site>[]): ControlSites => ({ type: 'FeatureCollection', features });
const inside = (point: Position, area: Feature<Polygon | MultiPolygon>) => booleanPointInPolygon(point, area);
/** The point `km` east (west when negative) of `from`. */
const east = (from: Position, km: number) => [from[0]! + km / (111.32 * Math.cos((from[1]! * Math.PI) / 180)), from[1]!];

describe('controlAreas', () => {
  it('splits two neighbours halfway, in kilometres, each area holding its own settlement', () => {
    // 0.3° of longitude at 36° N is about 27 km: both circles (20 km) reach past the midpoint.
    const areas = controlAreas(sites(site(39.0, 36.0), site(39.3, 36.0, { holder: holder('sdf', 'militia') })), { at: AT, settings });
    assert.equal(areas.features.length, 2);
    const [w, e] = [areas.features[0]!, areas.features[1]!];
    assert.ok(inside([39.0, 36.0], w) && !inside([39.3, 36.0], w));
    assert.ok(inside([39.3, 36.0], e) && !inside([39.0, 36.0], e));
    assert.ok(inside([39.14, 36.0], w) && !inside([39.14, 36.0], e), 'just west of the midpoint is the western cell');
    assert.ok(inside([39.16, 36.0], e) && !inside([39.16, 36.0], w), 'just east of it the eastern');
  });

  it('bounds an area by a radius growing with the cube root of the population, within the limits', () => {
    const centre = [39.0, 36.0];
    const radius = (population: number) => {
      const [area] = controlAreas(sites(site(39.0, 36.0, { population })), { at: AT, settings }).features;
      return area!;
    };
    const city = radius(177_000);
    const expected = settings.kmPerCubeRootPopulation * Math.cbrt(177_000);
    assert.equal(city.properties.radiusKm, Math.round(expected * 10) / 10);
    assert.ok(inside(east(centre, expected * 0.95), city) && !inside(east(centre, expected * 1.05), city));
    assert.equal(radius(0).properties.radiusKm, settings.minRadiusKm, 'an unknown population gets the smallest area');
    assert.equal(radius(50_000_000).properties.radiusKm, settings.maxRadiusKm, 'and a megacity the largest');
  });

  it('keeps an area inside the clip polygon that holds its settlement', () => {
    // A border 5 km east of the settlement: the area stops there.
    const border = 39.0 + 5 / (111.32 * Math.cos((36 * Math.PI) / 180));
    const country: FeatureCollection<Polygon> = {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[37, 35], [border, 35], [border, 37], [37, 37], [37, 35]]] } }],
    };
    const [area] = controlAreas(sites(site(39.0, 36.0)), { at: AT, settings, clip: country }).features;
    assert.ok(inside(east([39.0, 36.0], 4), area!) && !inside(east([39.0, 36.0], 6), area!));
    assert.ok(inside(east([39.0, 36.0], -15), area!), 'the other side keeps its radius');
  });

  it('cuts by a country of several parts, some far from the area, and by its border where it passes close', () => {
    // The island lies outside the area's box: clipped to it, its ring is left empty, which must not break the cut.
    const country: FeatureCollection<MultiPolygon> = {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: {}, geometry: { type: 'MultiPolygon', coordinates: [
        [[[38.9, 35], [40, 35], [40, 37], [38.9, 37], [38.9, 35]]],
        [[[45, 30], [45.5, 30], [45.5, 30.5], [45, 30.5], [45, 30]]],
      ] } }],
    };
    const [area] = controlAreas(sites(site(39.0, 36.0)), { at: AT, settings, clip: country }).features;
    assert.ok(inside(east([39.0, 36.0], -8), area!) && !inside(east([39.0, 36.0], -10), area!), 'the border 9 km west cuts it');
    assert.ok(inside(east([39.0, 36.0], 15), area!), 'the east keeps its radius');
  });

  it('fades with age and weak evidence, hatches contested periods, and lists the evidence ids', () => {
    const areas = controlAreas(sites(
      site(39.0, 36.0, { claims: ['ev-b', 'ev-a'] }),
      site(41.0, 36.0, { lastEvidence: '2016-06-01', sources: 1, status: 'contested', contradictions: ['cx-1'] }),
    ), { at: AT, settings });
    const [fresh, old] = [areas.features[0]!.properties, areas.features[1]!.properties];
    assert.equal(fresh.opacity, settings.maxOpacity);
    assert.equal(fresh.contested, false);
    assert.deepEqual(fresh.evidence, ['ev-a', 'ev-b']);
    assert.equal(old.ageDays, 365);
    assert.ok(old.opacity > settings.minOpacity && old.opacity < fresh.opacity / 2, `old ${old.opacity} against fresh ${fresh.opacity}`);
    assert.equal(old.contested, true);
    assert.deepEqual(old.evidence, ['cx-1', 'ev-a']);
  });

  it('gives settlements at one point one cell each, and nothing for no site', () => {
    const areas = controlAreas(sites(site(39.0, 36.0), site(39.0, 36.0, { place: 'twin' })), { at: AT, settings });
    assert.deepEqual(areas.features.map((f) => f.properties.place), ['site 39,36', 'twin']);
    assert.deepEqual(controlAreas(sites(), { at: AT, settings }).features, []);
  });

  it('does not change its input', () => {
    const input = sites(site(39.0, 36.0), site(39.3, 36.2, { contradictions: ['cx-1'] }));
    const before = structuredClone(input);
    const areas = controlAreas(input, { at: AT, settings });
    areas.features[0]!.properties.claims.push('ev-z');
    areas.features[0]!.properties.holder.name = 'changed';
    assert.deepEqual(input, before);
  });

  it('throws on what is not a collection of points or a day', () => {
    assert.throws(() => controlAreas({ type: 'Feature' } as never, { at: AT, settings }), /FeatureCollection/);
    const line = { type: 'FeatureCollection', features: [{ ...site(39, 36), geometry: { type: 'LineString', coordinates: [[39, 36], [40, 36]] } }] };
    assert.throws(() => controlAreas(line as never, { at: AT, settings }), /Point, got LineString/);
    assert.throws(() => controlAreas(sites(site(39, 36)), { at: '1 June 2017', settings }), /YYYY-MM-DD/);
  });
});

describe('controlSites', () => {
  const place = { geonameid: 1, name: 'Raqqa', lat: 35.95, lon: 39.01 };
  const cluster = (id: string, from: string, to: string, score: number) => ({ id, time: { from, to, precision: 'day' }, corroboration: { score } }) as unknown as EventCluster;
  const clusters = new Map([
    ['ev-1', cluster('ev-1', '2014-01-01', '2014-01-31', 1)],
    ['ev-2', cluster('ev-2', '2016-05-01', '2016-05-01', 2)],
    ['ev-3', cluster('ev-3', '2017-10-17', '2017-10-17', 3)],
  ]);
  const timelines: ControlTimeline[] = [
    {
      place, periods: [
        { holder: holder('islamic-state'), from: '2014-01-01', to: '2017-10-16', changeClusterId: null, loser: null, claims: ['ev-1', 'ev-2'], contradictions: [], status: 'corroborated' },
        { holder: holder('sdf', 'militia'), from: '2017-10-17', to: null, changeClusterId: 'ev-3', loser: null, claims: ['ev-3'], contradictions: [], status: 'corroborated' },
      ],
    },
    { place: { geonameid: 2, name: 'Mosul', lat: 36.3, lon: 43.1 }, periods: [{ holder: null, from: '2014-01-01', to: null, changeClusterId: null, loser: null, claims: [], contradictions: [], status: 'single-source' }] },
    { place: { geonameid: 3, name: 'Syria', lat: 35, lon: 38 }, periods: [{ holder: holder('sdf', 'militia'), from: '2014-01-01', to: null, changeClusterId: null, loser: null, claims: ['ev-1'], contradictions: [], status: 'single-source' }] },
  ];
  const options = { cluster: (id: string) => clusters.get(id), population: (p: { name: string }) => (p.name === 'Syria' ? null : 177_000) };

  it('takes the period that covers the day, weighed by the claims made by then', () => {
    const [mid] = controlSites(timelines, '2015-03-01', options).features;
    assert.equal(mid!.properties.holder.actorId, 'islamic-state');
    assert.equal(mid!.properties.sources, 1, 'the better claim of 2016 is not known yet');
    assert.equal(mid!.properties.lastEvidence, '2014-01-31');
    assert.deepEqual(mid!.geometry.coordinates, [39.01, 35.95]);
    const [late] = controlSites(timelines, '2017-10-16', options).features;
    assert.equal(late!.properties.sources, 2);
    assert.equal(late!.properties.lastEvidence, '2016-05-01');
    const [sdf] = controlSites(timelines, '2017-12-01', options).features;
    assert.equal(sdf!.properties.holder.actorId, 'sdf');
    sdf!.properties.holder.name = 'changed';
    sdf!.properties.claims.push('ev-9');
    assert.deepEqual([timelines[0]!.periods[1]!.holder!.name, timelines[0]!.periods[1]!.claims], ['sdf', ['ev-3']], 'the timelines are not changed through the sites');
  });

  it('leaves out unknown holders, places that are not settlements, and days before any claim', () => {
    assert.deepEqual(controlSites(timelines, '2017-12-01', options).features.map((f) => f.properties.place), ['Raqqa']);
    assert.deepEqual(controlSites(timelines, '2013-12-31', options).features, []);
  });
});

describe('settlementPopulation', () => {
  it('reads GeoNames, assumes one by feature code where it gives none, and says no for what is not a settlement', () => {
    const population = settlementPopulation(geoResources().gazetteer, { PPLA2: 40_000 });
    assert.ok(population({ geonameid: 172955, name: 'Ar Raqqah', lat: 35.95, lon: 39.01 })! > 100_000);
    assert.equal(population({ geonameid: 90393, name: 'Tall ‘Afar', lat: 36.38, lon: 42.45 }), 40_000);
    assert.equal(population({ geonameid: 170792, name: 'Deir ez-Zor', lat: 35.03, lon: 40.39 }), null, 'the governorate');
    assert.equal(population({ geonameid: null, name: 'Euphrates', lat: 34.9, lon: 40.6 }), null);
  });
});
