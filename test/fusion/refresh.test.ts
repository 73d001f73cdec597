import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import {
  createFusionContext, diffSnapshots, FUSION_STATE_KEY, fuse, fusionResult, loadFusionSettings, loadFusionState, loadSnapshotDigest,
  refreshFusion, snapshotDigest, type SavedFusionState,
} from '../../src/fusion/index.js';
import { openStore } from '../../src/store/index.js';
import { buildDocument, fusionFixtures, fusionInput } from './fixtures.js';

const context = createFusionContext();
const fixture = fusionFixtures().find((f) => f.name === 'snapshot-diff')!;
const documents = fixture.input.documents;
const runs = fixture.input.runs!;

/** Stores one run's documents the way ingestion does; the corrected report replaces the first at the same URL. */
async function ingest(store: Awaited<ReturnType<typeof openStore>>, ids: string[]) {
  for (const doc of documents.filter((d) => ids.includes(d.id))) {
    const { meta, extraction } = buildDocument(doc);
    const url = doc.id.startsWith('wire-2017-07-03') ? 'https://demowire.example/tal-afar-arrivals' : null;
    await store.saveDocument({ ...meta, url }, extraction, null);
  }
}

describe('fusion: refreshFusion on a store', () => {
  it('adds each run incrementally, saves the state and a snapshot digest per run, and diffs them', async () => {
    const store = await openStore(':memory:');
    try {
      const snapshots = [];
      for (const run of runs) {
        await ingest(store, run);
        const { snapshot, change } = await refreshFusion(store, { context, label: `run of ${run.length}` });
        assert.deepEqual(change.documentsAdded, [...run].sort());
        snapshots.push(snapshot);
      }
      const state = await loadFusionState(store, context);
      assert.equal(JSON.stringify(fusionResult(state)), JSON.stringify(fusionResult(fuse(documents.map(fusionInput), context))));
      assert.deepEqual([...state.documents.keys()].sort(), documents.map((d) => d.id).filter((id) => id !== 'wire-2017-07-03').sort());

      const digests = await Promise.all(snapshots.map((s) => loadSnapshotDigest(store, s.id)));
      assert.ok(digests.every((d) => d !== null));
      // The stored digests diff exactly as the fixture's in-memory runs do (snapshot ids aside).
      const fromStore = diffSnapshots(digests[0]!, digests[1]!);
      const expectedDiff = (JSON.parse(readFileSync(fixture.expectedPath, 'utf8')) as { diff: unknown[] }).diff[0];
      assert.deepEqual({ ...fromStore, from: 1, to: 2 }, expectedDiff);
      assert.equal(await loadSnapshotDigest(store, 999), null);
    } finally {
      await store.close();
    }
  });

  it('refreshes with nothing new as an empty change, still recording the run', async () => {
    const store = await openStore(':memory:');
    try {
      await ingest(store, runs[0]!);
      await refreshFusion(store, { context });
      const again = await refreshFusion(store, { context });
      assert.deepEqual([again.change.documentsAdded, again.change.clustersAdded], [[], []]);
      assert.equal((await store.listSnapshots()).length, 2);
      const digest = snapshotDigest(again.state, again.snapshot);
      assert.deepEqual(await loadSnapshotDigest(store, again.snapshot.id), JSON.parse(JSON.stringify(digest)));
    } finally {
      await store.close();
    }
  });

  it('rebuilds from the stored documents when the settings changed', async () => {
    const store = await openStore(':memory:');
    try {
      await ingest(store, runs[0]!);
      await refreshFusion(store, { context });
      // The saved state was built with a 5-day tolerance: it must not be extended under another one.
      const stricter = createFusionContext({ settings: { ...loadFusionSettings(), timeToleranceDays: 0 } });
      const { change, state } = await refreshFusion(store, { context: stricter });
      assert.deepEqual(change.documentsAdded, [...runs[0]!].sort());
      assert.equal(((await store.getDerived<SavedFusionState>(FUSION_STATE_KEY))!.settings.timeToleranceDays), 0);
      assert.equal(JSON.stringify(fusionResult(state)), JSON.stringify(fusionResult(fuse(documents.filter((d) => runs[0]!.includes(d.id)).map(fusionInput), stricter))));
    } finally {
      await store.close();
    }
  });
});
