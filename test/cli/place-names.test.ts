// A place answers to any of its names, the same at every door: the CLI (run in
// this process, as a user runs it) and the API (on the same store), both over
// the demo corpus.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/api/server.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/store.js';
import { runCliInProcess, type CliResult } from '../reliability/helpers.js';

function corridor(...args: string[]): Promise<CliResult> {
  return runCliInProcess(args);
}

describe('a place named by any of its names, in the CLI and the API', () => {
  let dir: string;
  let db: string;
  let store: Store;
  let app: FastifyInstance;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'corridor-names-'));
    db = join(dir, 'demo.db');
    const ingested = await corridor('ingest', 'examples/demo', '--db', db);
    assert.equal(ingested.status, 0, ingested.stderr);
    store = await openStore(db, { mustExist: true });
    // No pipeline is needed to read: nothing is posted.
    app = await buildApp({ store, pipeline: () => Promise.reject(new Error('not used')) });
  });
  after(async () => {
    await app?.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const cliTimeline = async (place: string) => {
    const result = await corridor('timeline', place, '--db', db, '--json');
    assert.equal(result.status, 0, `${place}: ${result.stderr}`);
    return JSON.parse(result.stdout);
  };
  const apiTimeline = async (place: string) => {
    const res = await app.inject(`/api/timelines/${encodeURIComponent(place)}`);
    assert.equal(res.statusCode, 200, `${place}: ${res.body}`);
    return JSON.parse(res.body);
  };

  it('finds Palmyra by its English name, any case, as by Tadmur: corridor timeline and /api/timelines/palmyra answer the same', async () => {
    const tadmur = await cliTimeline('Tadmur');
    assert.equal(tadmur.place.geonameid, 163808);
    assert.ok(tadmur.periods.length > 1, 'the demo corpus has Palmyra change hands');
    assert.deepEqual(await cliTimeline('Palmyra'), tadmur);
    assert.deepEqual(await cliTimeline('palmyra'), tadmur);
    assert.deepEqual(await cliTimeline('163808'), tadmur);
    assert.deepEqual(await apiTimeline('palmyra'), tadmur);
    assert.deepEqual(await apiTimeline('Tadmur'), tadmur);
    assert.deepEqual(await apiTimeline('gn:163808'), tadmur);
  });

  it('finds Raqqa as Ar Raqqah, and a name that is no place of the store nowhere', async () => {
    const raqqa = await cliTimeline('Ar Raqqah');
    assert.equal(raqqa.place.geonameid, 172955);
    assert.deepEqual(await cliTimeline('Raqqa'), raqqa);
    assert.deepEqual(await apiTimeline('raqqa'), raqqa);
    const nowhere = await corridor('timeline', 'Vladivostok', '--db', db);
    assert.equal(nowhere.status, 1);
    assert.equal(nowhere.stderr, 'corridor: no fused event takes place in "Vladivostok"\n');
    assert.equal((await app.inject('/api/timelines/Vladivostok')).statusCode, 404);
  });

  it('finds a corridor by its places in other names, either way round, in the CLI and at /api/corridors/:name', async () => {
    const byName = await corridor('corridor', 'Raqqa-Palmyra corridor', '--db', db, '--json');
    assert.equal(byName.status, 0, byName.stderr);
    const report = JSON.parse(byName.stdout);
    const byPlaces = await corridor('corridor', 'the Tadmur-Ar Raqqah road', '--db', db, '--json');
    assert.equal(byPlaces.status, 0, byPlaces.stderr);
    assert.deepEqual(JSON.parse(byPlaces.stdout), report);
    const res = await app.inject(`/api/corridors/${encodeURIComponent('Tadmur–Raqqa')}`);
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(JSON.parse(res.body), report);
    // "Deir ez-Zor" holds a hyphen of its own: the words, not the dashes, are split into places.
    const highway = JSON.parse((await corridor('corridor', 'Palmyra-Deir ez-Zor highway', '--db', db, '--json')).stdout);
    assert.deepEqual(JSON.parse((await app.inject(`/api/corridors/${encodeURIComponent('Deir ez-Zor - Tadmur')}`)).body), highway);
    const one = await app.inject('/api/corridors/Tadmur');
    assert.equal(one.statusCode, 404, 'one place names no corridor');
    assert.equal(JSON.parse(one.body).error.code, 'CORRIDOR_ERR_CORRIDOR_NOT_FOUND');
  });

  it('filters events by a place in any of its names: /api/events?place=Palmyra lists those at Tadmur', async () => {
    const ids = async (place: string) => {
      const res = await app.inject(`/api/events?place=${encodeURIComponent(place)}`);
      assert.equal(res.statusCode, 200, res.body);
      return JSON.parse(res.body).items as Array<{ docId: string; id: string; location: { geonameid: number | null } | null; origin: { geonameid: number | null } | null; destination: { geonameid: number | null } | null }>;
    };
    const palmyra = await ids('Palmyra');
    assert.ok(palmyra.length > 0);
    for (const e of palmyra) assert.ok([e.location, e.origin, e.destination].some((p) => p?.geonameid === 163808), `${e.docId}/${e.id}`);
    assert.deepEqual(await ids('Tadmur'), palmyra);
    assert.deepEqual(await ids('Vladivostok'), []);
  });

  it('finds Tal Afar, which has no GeoNames id, by the one name key in both: /api/timelines/tal%20afar answers 200', async () => {
    const cli = await cliTimeline('Tal Afar');
    assert.ok(cli.periods.length > 0, 'the demo corpus says who held Tal Afar');
    assert.deepEqual(await cliTimeline("Tall 'Afar"), cli);
    assert.deepEqual(await apiTimeline('tal afar'), cli);
    assert.deepEqual(await apiTimeline('Tall ‘Afar'), cli);
  });
});
