// A server's reads answered by a reader thread see what the store holds, the
// writes of its own connection included, and the same rows in the same order.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { refreshFusion } from '../../src/fusion/index.js';
import { ingest } from '../../src/ingest/index.js';
import { openSqliteStore, readOffThread, type OffThreadStore, type SqliteStore } from '../../src/store/index.js';
import { CORPUS } from '../api/helpers.js';
import { defaultPipeline } from '../shared-resources.js';

describe('readOffThread', () => {
  let dir: string;
  let store: SqliteStore;
  let reading: OffThreadStore;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'corridor-off-thread-'));
    store = openSqliteStore(join(dir, 'test.db'));
    await ingest([CORPUS], { store, pipeline: await defaultPipeline() });
    reading = readOffThread(store);
  });
  after(async () => {
    await reading.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers reads with the rows the writing connection reads', async () => {
    const filter = { bbox: [35, 29, 49, 38] as [number, number, number, number], limit: 3, offset: 1 };
    assert.deepEqual(await reading.store.listEventRecords(filter), await store.listEventRecords(filter));
    assert.equal(await reading.store.countDocuments(), await store.countDocuments());
    assert.deepEqual(await reading.store.search('Mosul'), await store.search('Mosul'));
    assert.deepEqual(await reading.store.listActors(), await store.listActors());
    // A read taking a function (the caller's place key) is answered by the store's own connection.
    const byName = (p: { name: string }) => p.name;
    assert.deepEqual(await reading.store.listPlaces(byName), await store.listPlaces(byName));
  });

  it('sees what the writing connection committed just before', async () => {
    const known = (await reading.store.listSnapshots()).length;
    const { snapshot } = await refreshFusion(reading.store, { label: 'fused' });
    const listed = await reading.store.listSnapshots();
    assert.equal(listed.length, known + 1);
    assert.deepEqual([listed.at(-1)?.id, listed.at(-1)?.label], [snapshot.id, 'fused']);
  });

  it('reports a failed read as the store would', async () => {
    await assert.rejects(reading.store.listEventRecords({ limit: -1 }), /limit must be a non-negative integer/);
  });
});
