// Crash safety: `corridor ingest` killed with SIGKILL in the middle of a large
// corpus leaves a whole database, and running it again completes what was
// missing without storing anything twice.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { syntheticCorpus } from '../../bench/synthetic.js';
import { FUSION_STATE_KEY, type SavedFusionState } from '../../src/fusion/index.js';
import { ingest } from '../../src/ingest/index.js';
import { openStore } from '../../src/store/index.js';
import { checkStore, runCliInProcess, sleep, spawnCli, tempDir } from './helpers.js';
import { defaultPipeline } from '../shared-resources.js';

const DOCUMENTS = 300;

/** Our synthetic reports as Markdown files with front matter, as a user's corpus would be. */
function writeCorpus(dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const [i, d] of syntheticCorpus(DOCUMENTS, 9, 1200).entries()) {
    writeFileSync(join(dir, `report-${String(i).padStart(3, '0')}.md`), `---\ntitle: "${d.title}"\ndate: ${d.publishedAt}\noutlet: ${d.outlet}\n---\n${d.text}\n`);
  }
}

function countDocuments(db: string): number {
  try {
    const reader = new Database(db, { readonly: true, fileMustExist: true });
    try {
      return reader.prepare('SELECT count(*) FROM documents').pluck().get() as number;
    } finally {
      reader.close();
    }
  } catch {
    return 0; // not created or not migrated yet
  }
}

function duplicateSources(db: string): unknown[] {
  const reader = new Database(db, { readonly: true });
  try {
    return reader.prepare('SELECT source, count(*) AS n FROM documents GROUP BY source HAVING n > 1').all();
  } finally {
    reader.close();
  }
}

async function fusedDocuments(db: string): Promise<number> {
  const store = await openStore(db);
  try {
    return (await store.getDerived<SavedFusionState>(FUSION_STATE_KEY))?.documents.length ?? 0;
  } finally {
    await store.close();
  }
}

interface Summary { new: number; unchanged: number; failed: number; snapshot: { documents: number } | null }

describe('crash safety', () => {
  it(`survives kill -9 in the middle of ${DOCUMENTS} documents and completes on the next run`, async (t) => {
    const dir = tempDir(t, 'corridor-crash-');
    const corpus = join(dir, 'corpus');
    const db = join(dir, 'crash.db');
    writeCorpus(corpus);

    const child = spawnCli(['ingest', corpus, '--db', db]);
    let running = true;
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => { running = false; resolve(signal); }));
    // Kill it once some documents are stored, well before the end, however slowly the machine goes.
    let stored = 0;
    while (running && stored < 25) {
      await sleep(50);
      stored = countDocuments(db);
    }
    assert.ok(stored >= 25, 'the first run stored documents before the kill');
    child.kill('SIGKILL');
    assert.equal(await exited, 'SIGKILL');

    const afterKill = checkStore(db).documents;
    assert.ok(afterKill >= 25 && afterKill < DOCUMENTS, `${afterKill} documents stored before the kill`);
    assert.deepEqual(duplicateSources(db), []);

    const rerun = await runCliInProcess(['ingest', corpus, '--db', db, '--json']);
    assert.equal(rerun.status, 0, rerun.stderr);
    const summary = JSON.parse(rerun.stdout) as Summary;
    assert.equal(summary.unchanged, afterKill);
    assert.equal(summary.new, DOCUMENTS - afterKill);
    assert.equal(summary.failed, 0);

    const report = checkStore(db);
    assert.equal(report.documents, DOCUMENTS);
    assert.equal(new Set(report.texts).size, DOCUMENTS, 'no document twice');
    assert.deepEqual(duplicateSources(db), []);
    assert.equal(summary.snapshot?.documents, DOCUMENTS);
    assert.equal(await fusedDocuments(db), DOCUMENTS, 'fusion has read every document');
  });

  it('catches up on fusion when a run stopped after its last document but before its snapshot', async (t) => {
    const dir = tempDir(t, 'corridor-crash-');
    const corpus = join(dir, 'corpus');
    const db = join(dir, 'stopped.db');
    mkdirSync(corpus);
    for (const [i, d] of syntheticCorpus(5, 11, 800).entries()) writeFileSync(join(corpus, `r${i}.txt`), d.text);

    // The run dies exactly where a kill would leave it: every document saved, no snapshot, no fusion.
    const store = await openStore(db);
    try {
      await assert.rejects(ingest([corpus], {
        store, pipeline: await defaultPipeline(),
        snapshot: () => { throw new Error('killed before the snapshot'); },
      }), /killed before the snapshot/);
      assert.equal(await store.countDocuments(), 5);
      assert.deepEqual(await store.listSnapshots(), []);
    } finally {
      await store.close();
    }
    assert.equal(await fusedDocuments(db), 0);

    const rerun = await runCliInProcess(['ingest', corpus, '--db', db, '--json']);
    assert.equal(rerun.status, 0, rerun.stderr);
    const summary = JSON.parse(rerun.stdout) as Summary;
    assert.equal(summary.unchanged, 5);
    assert.equal(summary.snapshot?.documents, 5, 'the owed snapshot is recorded');
    assert.equal(await fusedDocuments(db), 5, 'and fusion has caught up');

    const again = JSON.parse((await runCliInProcess(['ingest', corpus, '--db', db, '--json'])).stdout) as Summary;
    assert.equal(again.snapshot, null, 'a run that changes nothing records nothing');
  });
});
