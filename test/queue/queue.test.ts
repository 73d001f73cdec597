/**
 * Distributed ingestion on PostgreSQL: documents queued with pg-boss,
 * processed by several workers at once, retried after failures and crashes.
 * Skipped (with the reason) without a reachable PostgreSQL, except in CI.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FUSION_STATE_KEY, fuse, loadFusionState, type FusionInput } from '../../src/fusion/index.js';
import { createPipeline, named, segmentStage, type Pipeline } from '../../src/pipeline.js';
import {
  documentJobId, enqueue, INGEST_QUEUE, queueStatus, retryFailed, startBoss, startWorker,
  type FailedDocument, type JobSettings, type WorkerOptions,
} from '../../src/queue/index.js';
import { openPostgresStore, type PostgresStore } from '../../src/store/index.js';
import { prepareDocument } from '../../src/ingest/index.js';
import { defaultPipeline } from '../shared-resources.js';
import { createMigratedDatabase, probePostgres } from '../store/postgres-test-db.js';
import { HOSTILE_FIXTURES } from '../reliability/helpers.js';
import { GENERATED_CASES, writeGeneratedCorpus } from '../reliability/hostile-corpus.js';

type TestContext = { after: (fn: () => void | Promise<void>) => void };

const postgres = await probePostgres();
const SLOW_WORKER = fileURLToPath(new URL('./slow-worker.js', import.meta.url));
/** Quick retries so failures and crashes play out in seconds. */
const QUICK: JobSettings = { retryLimit: 2, retryDelaySeconds: 0, expireInSeconds: 2 };

/** A folder of JSON Lines files, `perFile` short reports each, every text distinct. */
function corpus(t: TestContext, files: number, perFile: number, extra: string[] = []): string {
  const dir = mkdtempSync(join(tmpdir(), 'corridor-queue-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const towns = ['Mosul', 'Tal Afar', 'Raqqa', 'Palmyra', 'Sinjar', 'Deir ez-Zor'];
  for (let f = 0; f < files; f++) {
    const lines = Array.from({ length: perFile }, (_, i) => {
      const n = f * perFile + i;
      const text = `Report ${n}: Islamic State fighters left ${towns[n % towns.length]} for ${towns[(n + 1) % towns.length]} on July ${1 + (n % 28)}, 2017, officials said.`;
      return JSON.stringify({ text, title: `Report ${n}`, publishedAt: '2017-07-30', url: `https://wire.example/${n}` });
    });
    writeFileSync(join(dir, `batch-${f}.jsonl`), `${lines.join('\n')}\n`);
  }
  extra.forEach((text, i) => writeFileSync(join(dir, `extra-${i}.txt`), text));
  return dir;
}

async function setUp(t: TestContext): Promise<{ url: string; store: PostgresStore }> {
  const url = await createMigratedDatabase(t, { postgis: false });
  const store = await openPostgresStore(url);
  t.after(() => store.close());
  return { url, store };
}

async function queueInputs(url: string, store: PostgresStore, inputs: string[], jobs: Partial<JobSettings> = {}) {
  const boss = await startBoss(url);
  try {
    return await enqueue(inputs, { store, boss, jobs });
  } finally {
    await boss.stop({ graceful: false });
  }
}

async function count(store: PostgresStore, sql: string, params: unknown[] = []): Promise<number> {
  return (await store.pool.query(`SELECT count(*)::int AS n FROM ${sql}`, params)).rows[0].n;
}

function drainingWorker(url: string, pipeline: Pipeline, options: Partial<WorkerOptions> = {}) {
  return startWorker({ url, pipeline, drain: true, pollingIntervalSeconds: 0.2, maintenanceIntervalSeconds: 1, ...options });
}

describe('queue: distributed ingestion', { skip: postgres.skip }, () => {

  test('two workers at once store every queued document exactly once, with its events, and refresh fusion', async (t) => {
    const { url, store } = await setUp(t);
    const dir = corpus(t, 4, 10);
    const queued = await queueInputs(url, store, [dir]);
    assert.deepEqual({ ...queued, errors: queued.errors.length }, { inputs: 4, documents: 40, queued: 40, alreadyQueued: 0, alreadyStored: 0, failed: 0, errors: 0 });

    const pipeline = await defaultPipeline();
    const workers = await Promise.all([1, 2].map(() => drainingWorker(url, pipeline, { fusionDelaySeconds: 1, vacuumEvery: 10, batchSize: 5 })));
    const [one, two] = await Promise.all(workers.map((w) => w.finished));
    assert.equal(one!.new + two!.new, 40);
    assert.ok(one!.new > 0 && two!.new > 0, `both workers took documents (${one!.new} and ${two!.new})`);
    assert.equal(one!.failed + two!.failed, 0);

    assert.equal(await count(store, 'documents'), 40);
    assert.equal(await count(store, '(SELECT DISTINCT id FROM documents) d'), 40);
    const documents = await store.listDocuments();
    assert.deepEqual(documents.map((d) => d.title).sort(), Array.from({ length: 40 }, (_, i) => `Report ${i}`).sort());
    // Every event once: the events table holds exactly the events of the stored extractions.
    let expectedEvents = 0;
    for (const d of documents) expectedEvents += (await store.getExtraction(d.id))!.events.length;
    assert.ok(expectedEvents >= 40, `the pipeline found the movements (${expectedEvents} events)`);
    assert.equal(await count(store, 'events'), expectedEvents);
    assert.equal((await store.listEvents()).length, expectedEvents);

    const vacuumed = await store.pool.query("SELECT count(*)::int AS n FROM pg_stat_user_tables WHERE schemaname = 'pgboss' AND last_vacuum IS NOT NULL");
    assert.ok(vacuumed.rows[0].n > 0, 'the workers vacuumed the job table as they went');
    const status = await queueStatus(store);
    assert.deepEqual(status.documents, { queued: 0, active: 0, done: 40, failed: 0 });
    assert.equal(status.fusion.failed, 0);
    assert.ok(status.fusion.done >= 1, 'fusion was refreshed');
    assert.equal(one!.fusionRefreshes + two!.fusionRefreshes, status.fusion.done);
    const fused = await store.getDerived<{ documents: unknown }>(FUSION_STATE_KEY);
    assert.ok(fused, 'the fusion state is saved');
    assert.equal(await count(store, 'snapshots'), status.fusion.done);
    const [latest] = (await store.listSnapshots()).slice(-1);
    assert.equal(latest!.documents, 40, 'the last refresh saw every document');
    // What the workers fused in turns, in whatever order they saved, is what fusing everything at once gives.
    const inputs: FusionInput[] = [];
    for await (const input of store.allExtractions()) inputs.push(input);
    const clusters = (state: { clusters: Map<string, { mentions: { key: string }[] }> }) =>
      [...state.clusters.values()].map((c) => c.mentions.map((m) => m.key).sort().join(' ')).sort();
    assert.deepEqual(clusters(await loadFusionState(store)), clusters(fuse(inputs)));

    // Queued again, nothing is done twice.
    const again = await queueInputs(url, store, [dir]);
    assert.deepEqual({ queued: again.queued, alreadyStored: again.alreadyStored }, { queued: 0, alreadyStored: 40 });
  });

  test('the same text queued twice is one job; an unreadable input is reported', async (t) => {
    const { url, store } = await setUp(t);
    const dir = corpus(t, 2, 3, ['Fighters left Raqqa for Palmyra, a monitor said.', 'Fighters left Raqqa for Palmyra, a monitor said.']);
    const first = await queueInputs(url, store, [dir]);
    assert.deepEqual({ documents: first.documents, queued: first.queued, alreadyQueued: first.alreadyQueued }, { documents: 8, queued: 7, alreadyQueued: 1 });
    const second = await queueInputs(url, store, [dir]);
    assert.deepEqual({ queued: second.queued, alreadyQueued: second.alreadyQueued }, { queued: 0, alreadyQueued: 8 });
    assert.equal(await count(store, 'pgboss.job WHERE name = $1', [INGEST_QUEUE]), 7);
    const missing = await queueInputs(url, store, [join(dir, 'nope.txt')]);
    assert.equal(missing.failed, 1);
    assert.match(missing.errors[0]!.toLine(), /nope\.txt/);
  });

  test('the hostile corpus is queued with the reading failures corridor ingest reports, each naming its input', async (t) => {
    const { url, store } = await setUp(t);
    const dir = mkdtempSync(join(tmpdir(), 'corridor-queue-hostile-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    // A generated refusal may leave its line unsaid; then only its code is compared.
    type Failure = { code: string; line?: number | null };
    const expected = new Map<string, Failure[]>();
    for (const name of readdirSync(HOSTILE_FIXTURES)) {
      const input = readdirSync(join(HOSTILE_FIXTURES, name)).find((file) => file.startsWith('input.'))!;
      const path = join(dir, `${name}${extname(input)}`);
      copyFileSync(join(HOSTILE_FIXTURES, name, input), path);
      const { errors } = JSON.parse(readFileSync(join(HOSTILE_FIXTURES, name, 'expected.json'), 'utf8')) as { errors: Failure[] };
      expected.set(path, errors.map(({ code, line }) => ({ code, line })));
    }
    const generated = writeGeneratedCorpus(dir);
    for (const c of GENERATED_CASES) {
      const outcome = c.outcome;
      expected.set(generated.get(c.name)!, 'error' in outcome
        ? [outcome.line === undefined ? { code: outcome.error } : { code: outcome.error, line: outcome.line }]
        : (outcome.errors ?? []).map(({ error, line }) => ({ code: error, line })));
    }
    const summary = await queueInputs(url, store, [dir]);
    assert.equal(summary.inputs, expected.size);
    for (const [path, failures] of expected) {
      // Extraction and storage come later, in the worker; reading failures come now.
      const wanted = failures.filter((f) => f.code !== 'CORRIDOR_ERR_INGEST_EXTRACT' && f.code !== 'CORRIDOR_ERR_INGEST_STORE');
      const found = summary.errors.filter((e) => e.input === path);
      assert.deepEqual(found.map(({ code, line }, i) => {
        const want = wanted[i];
        return want && !('line' in want) ? { code } : { code, line };
      }), wanted, path);
    }
    assert.equal(summary.failed, summary.errors.length);
  });

  test('a job that throws is retried, then kept as failed with its error; `retry` queues it again', async (t) => {
    const { url, store } = await setUp(t);
    const poison = 'This text is POISON for the pipeline.';
    const dir = corpus(t, 1, 3, [poison]);
    await queueInputs(url, store, [dir], QUICK);
    const poisoned = createPipeline([segmentStage(), named('poison', (a) => {
      if (a.document.text.includes('POISON')) throw new Error('the poison stage refused this text');
      return {};
    })]);
    const failures: FailedDocument[] = [];
    const summary = await (await drainingWorker(url, poisoned, { fusion: false, onFailure: (f) => failures.push(f) })).finished;
    assert.deepEqual({ new: summary.new, failed: summary.failed }, { new: 3, failed: QUICK.retryLimit + 1 });
    const poisonId = prepareDocument({ text: poison, source: 'x', input: 'x' }).document.id;
    assert.deepEqual(failures.map((f) => [f.id, f.message]), Array(3).fill([poisonId, 'the poison stage refused this text']));
    assert.equal(await store.getDocument(poisonId), null);

    const status = await queueStatus(store);
    assert.deepEqual(status.documents, { queued: 0, active: 0, done: 3, failed: 1 });
    assert.equal(status.failures.length, 1);
    assert.deepEqual({ ...status.failures[0], failedAt: 'x' }, {
      jobId: documentJobId(poisonId), documentId: poisonId, source: join(dir, 'extra-0.txt'),
      error: 'the poison stage refused this text', attempts: 3, failedAt: 'x',
    });

    // Fixed, the document goes through on a retry.
    const boss = await startBoss(url);
    assert.equal(await retryFailed(store, boss), 1);
    await boss.stop({ graceful: false });
    const cured = await (await drainingWorker(url, createPipeline([segmentStage()]), { fusion: false })).finished;
    assert.equal(cured.new, 1);
    assert.equal((await store.getDocument(poisonId))!.text, poison);
    assert.deepEqual((await queueStatus(store)).documents, { queued: 0, active: 0, done: 4, failed: 0 });
  });

  test('a worker killed mid-job: its job expires and another worker finishes it', async (t) => {
    const { url, store } = await setUp(t);
    const slow = 'A SLOW report: fighters left Mosul for Tal Afar.';
    const dir = corpus(t, 0, 0, [slow]);
    await queueInputs(url, store, [dir], QUICK);
    const slowId = prepareDocument({ text: slow, source: 'x', input: 'x' }).document.id;

    const child = spawn(process.execPath, [SLOW_WORKER, url], { stdio: ['ignore', 'pipe', 'inherit'] });
    t.after(() => { child.kill('SIGKILL'); });
    let output = '';
    child.stdout.setEncoding('utf8');
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: string) => {
        output += chunk;
        if (output.includes(`started ${slowId}`)) resolve();
      });
      child.once('exit', (code) => reject(new Error(`the slow worker exited (${code}) before taking the job: ${output}`)));
    });
    assert.deepEqual((await queueStatus(store)).documents, { queued: 0, active: 1, done: 0, failed: 0 });
    child.kill('SIGKILL');
    await once(child, 'exit');

    const summary = await (await drainingWorker(url, createPipeline([segmentStage()]), { fusion: false })).finished;
    assert.deepEqual({ new: summary.new, failed: summary.failed }, { new: 1, failed: 0 });
    assert.equal(await count(store, 'documents WHERE id = $1', [slowId]), 1);
    const job = await store.pool.query('SELECT state, retry_count, output FROM pgboss.job WHERE id = $1', [documentJobId(slowId)]);
    assert.deepEqual(job.rows.map((r) => [r.state, r.retry_count]), [['completed', 1]], 'done on the second attempt');
  });
});
