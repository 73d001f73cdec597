import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { packageRoot } from '../../src/resources.js';
import { createFixture, json, type Fixture } from './helpers.js';

const RAQQA: [number, number] = [39.00788, 35.95283];

describe('control areas and palette on the demo store', () => {
  let f: Fixture;
  before(async () => {
    f = await createFixture([join(packageRoot, 'examples', 'demo')]);
  });
  after(async () => f.close());

  const areasAt = async (at: string) => json(await f.app.inject(`/api/control-areas?at=${at}`));
  const holderAt = (areas: any, point: [number, number]) =>
    areas.features.find((a: any) => booleanPointInPolygon(point, a))?.properties.holder.name ?? null;

  it('shades Raqqa as Islamic State before October 2017 and as the SDF after, each area with its evidence', async () => {
    const before2017 = await areasAt('2016-06-01');
    const after2017 = await areasAt('2017-12-01');
    assert.equal(holderAt(before2017, RAQQA), 'Islamic State');
    assert.equal(holderAt(after2017, RAQQA), 'Syrian Democratic Forces');
    const clusters = new Set(json(await f.app.inject('/api/clusters?limit=1000')).items.map((c: any) => c.id));
    const contradictions = new Set(json(await f.app.inject('/api/contradictions?limit=1000')).items.map((c: any) => c.id));
    for (const area of after2017.features) {
      assert.match(area.geometry.type, /^(Multi)?Polygon$/);
      assert.ok(area.properties.evidence.length > 0, `${area.properties.place} has evidence`);
      for (const id of area.properties.evidence) assert.ok(clusters.has(id) || contradictions.has(id), `${id} is a claim or a contradiction`);
      assert.ok(area.properties.opacity > 0 && area.properties.opacity <= 1);
    }
    // Countries and rivers hold no settlement: the demo's "Syria" and "Euphrates" timelines draw nothing.
    assert.ok(!after2017.features.some((a: any) => ['Syria', 'Euphrates'].includes(a.properties.place)));
  });

  it('refuses a day that is not one, and names every kind of holder in the palette', async () => {
    for (const at of ['2017-13-01', '20171201', 'tomorrow']) {
      const res = await f.app.inject(`/api/control-areas?at=${at}`);
      assert.equal(res.statusCode, 400, at);
      assert.equal(json(res).error.code, 'CORRIDOR_ERR_REQUEST_INVALID');
    }
    const { palette, contested } = json(await f.app.inject('/api/control-palette'));
    assert.deepEqual(Object.keys(palette).sort(), ['armed-group', 'civilians', 'coalition', 'generic', 'militia', 'organisation', 'state', 'state-force']);
    assert.match(contested, /^#[0-9a-f]{6}$/i);
  });
});
