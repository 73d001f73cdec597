import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createFusionReader, loadFusionResources } from '../../src/api/fusion-state.js';
import { fusionResult, loadFusionState, loadUserCorridors, type FusionResult } from '../../src/fusion/index.js';
import { fileURLToPath } from 'node:url';
import { createFixture, json, type Fixture } from './helpers.js';

describe('fusion API', () => {
  let f: Fixture;
  let expected: FusionResult;
  before(async () => {
    f = await createFixture();
    // What fusion itself computes from the store, as JSON: the API must pass every field through, and nothing else.
    expected = JSON.parse(JSON.stringify(fusionResult(await loadFusionState(f.store), loadUserCorridors())));
  });
  after(() => f.close());

  const list = async (path: string) => {
    const res = await f.app.inject(path);
    assert.equal(res.statusCode, 200, path);
    const body = json(res);
    // The test corpus fits in one page of the default size.
    assert.deepEqual(body, { items: body.items, total: body.items.length, limit: 100, offset: 0, next: null });
    return body.items;
  };

  it('computes each view when it is first read, once, and as fusion computes it', async () => {
    const read = await createFusionReader(f.store, loadFusionResources()).read();
    const pending = (view: keyof FusionResult) => Object.getOwnPropertyDescriptor(read, view)!.get !== undefined;
    assert.deepEqual(Object.keys(read), Object.keys(expected));
    assert.ok((Object.keys(expected) as Array<keyof FusionResult>).every(pending), 'nothing is computed before it is read');
    assert.deepEqual(JSON.parse(JSON.stringify(read.clusters)), expected.clusters);
    assert.ok(!pending('clusters') && pending('corridors') && pending('timelines'), 'reading the clusters computes only them');
    assert.equal(read.clusters, read.clusters, 'and keeps them');
    assert.deepEqual(JSON.parse(JSON.stringify(read)), expected);
  });

  it('serves clusters, contradictions, timelines, trajectories, corridors and sources exactly as fusion computes them', async () => {
    assert.ok(expected.clusters.length > 0);
    assert.ok(expected.clusters.some((c) => c.corroboration.score >= 2), 'two outlets report the Mosul–Tal Afar move');
    assert.deepEqual(await list('/api/clusters'), expected.clusters);
    assert.deepEqual(await list('/api/contradictions'), expected.contradictions);
    assert.deepEqual(await list('/api/timelines'), expected.timelines);
    assert.deepEqual(await list('/api/trajectories'), expected.trajectories);
    assert.deepEqual(await list('/api/corridors'), expected.corridors);
    assert.deepEqual(await list('/api/sources'), expected.sources);
  });

  it('filters clusters by type, status and corroboration', async () => {
    assert.deepEqual(await list('/api/clusters?type=movement'), expected.clusters.filter((c) => c.type === 'movement'));
    assert.deepEqual(await list('/api/clusters?status=corroborated'), expected.clusters.filter((c) => c.status === 'corroborated'));
    assert.deepEqual(await list('/api/clusters?minCorroboration=2'), expected.clusters.filter((c) => c.corroboration.score >= 2));
    const bad = await f.app.inject('/api/clusters?status=certain');
    assert.equal(bad.statusCode, 400);
    assert.equal(json(bad).error.code, 'CORRIDOR_ERR_REQUEST_INVALID');
  });

  it("finds one place's timeline by GeoNames id or by name, in any case", async () => {
    const [timeline] = expected.timelines;
    assert.ok(timeline, 'the corpus gives a timeline');
    const byName = await f.app.inject(`/api/timelines/${encodeURIComponent(timeline.place.name.toUpperCase())}`);
    assert.equal(byName.statusCode, 200);
    assert.deepEqual(json(byName), timeline);
    if (timeline.place.geonameid !== null) {
      assert.deepEqual(json(await f.app.inject(`/api/timelines/${timeline.place.geonameid}`)), timeline);
    }
    const missing = await f.app.inject('/api/timelines/Atlantis');
    assert.equal(missing.statusCode, 404);
    assert.deepEqual(json(missing), { error: { code: 'CORRIDOR_ERR_TIMELINE_NOT_FOUND', message: 'No control timeline for place Atlantis' } });
  });

  it("finds one actor's trajectories, every unit of it, by id or by name", async () => {
    const [trajectory] = expected.trajectories;
    assert.ok(trajectory, 'the corpus gives a trajectory');
    const of = (actorId: string) => ({ actor: trajectory.actor.actorId === actorId ? trajectory.actor : expected.trajectories.find((t) => t.actor.actorId === actorId)!.actor,
      trajectories: expected.trajectories.filter((t) => t.actor.actorId === actorId) });
    assert.deepEqual(json(await f.app.inject(`/api/trajectories/${encodeURIComponent(trajectory.actor.actorId)}`)), of(trajectory.actor.actorId));
    assert.deepEqual(json(await f.app.inject(`/api/trajectories/${encodeURIComponent(trajectory.actor.name.toLowerCase())}`)), of(trajectory.actor.actorId));
    const islamicState = of('islamic-state');
    // Aliases of the actor lexicon, in any spelling: the same actor's units.
    for (const alias of ['Daesh', 'ISIL', 'ISIS']) assert.deepEqual(json(await f.app.inject(`/api/trajectories/${alias}`)), islamicState, alias);
    const missing = await f.app.inject('/api/trajectories/nobody');
    assert.equal(missing.statusCode, 404);
    assert.equal(json(missing).error.code, 'CORRIDOR_ERR_TRAJECTORY_NOT_FOUND');
  });

  it('returns every unit of an actor, not only the first', async () => {
    // Two reports written for this test: an Islamic State convoy from Qalamoun, and fighters from Raqqa, in the same days.
    const units = await createFixture([fileURLToPath(new URL('../../../test/api/corpus-units/', import.meta.url))]);
    try {
      const all = fusionResult(await loadFusionState(units.store), loadUserCorridors()).trajectories.filter((t) => t.actor.actorId === 'islamic-state');
      assert.equal(all.length, 2, 'fusion tells the two units apart');
      const body = json(await units.app.inject('/api/trajectories/Daesh'));
      assert.deepEqual(body.trajectories.map((t: { unit: string }) => t.unit).sort(), all.map((t) => t.unit).sort());
      assert.deepEqual(body, JSON.parse(JSON.stringify({ actor: all[0]!.actor, trajectories: all })));
    } finally {
      await units.close();
    }
  });
});
