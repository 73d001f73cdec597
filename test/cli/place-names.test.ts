// A place answers to any of its names, the same at every door: the CLI (a
// child process, as a user runs it) and the API (in-process, on the same
// store), both over the demo corpus.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/api/server.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/store.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CLI = join(ROOT, 'dist', 'src', 'cli', 'index.js');

function corridor(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const { CORRIDOR_DB: _ignored, ...env } = process.env;
  return spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', env });
}

describe('a place named by any of its names, in the CLI and the API', () => {
  let dir: string;
  let db: string;
  let store: Store;
  let app: FastifyInstance;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'corridor-names-'));
    db = join(dir, 'demo.db');
    const ingested = corridor('ingest', 'examples/demo', '--db', db);
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

  const cliTimeline = (place: string) => {
    const result = corridor('timeline', place, '--db', db, '--json');
    assert.equal(result.status, 0, `${place}: ${result.stderr}`);
    return JSON.parse(result.stdout);
  };
  const apiTimeline = async (place: string) => {
    const res = await app.inject(`/api/timelines/${encodeURIComponent(place)}`);
    assert.equal(res.statusCode, 200, `${place}: ${res.body}`);
    return JSON.parse(res.body);
  };

  it('finds Tal Afar, which has no GeoNames id, by the one name key in both: /api/timelines/tal%20afar answers 200', async () => {
    const cli = cliTimeline('Tal Afar');
    assert.ok(cli.periods.length > 0, 'the demo corpus says who held Tal Afar');
    assert.deepEqual(cliTimeline("Tall 'Afar"), cli);
    assert.deepEqual(await apiTimeline('tal afar'), cli);
    assert.deepEqual(await apiTimeline('Tall ‘Afar'), cli);
  });
});
