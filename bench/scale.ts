/**
 * `npm run bench:scale [-- --docs N] [-- --events N] [-- --json]`: the scale path.
 *
 * 1. Distributed ingestion: N seeded synthetic documents (default 100,000) are
 *    queued in a fresh PostgreSQL database and processed by 1, 2 and 4
 *    `corridor worker --drain --no-fusion` processes; documents per second
 *    are measured from the first job started to the last job completed (as
 *    pg-boss recorded them, so loading the pipeline does not count), and the
 *    scaling ratio is against one worker.
 * 2. Map viewports: M events (default 1,000,000) bulk-inserted (not through
 *    the pipeline) into SQLite, PostgreSQL with PostGIS and PostgreSQL
 *    without it; random viewports (a bbox of a town to a province, plus a
 *    time range of one to six months) through `listEvents`, p50 and p95.
 *
 * Needs a PostgreSQL server ($CORRIDOR_BENCH_POSTGRES, default
 * postgres@127.0.0.1:5432) where it may create and drop databases.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { enqueue, INGEST_QUEUE, startBoss } from '../src/queue/index.js';
import { EVENT_COLUMNS, EVENT_TYPES, eventRow, insertRows } from '../src/store/postgres/postgres-store.js';
import { openPostgresStore, openSqliteStore, type PostgresStore, type SqliteStore, type Store } from '../src/store/index.js';
import type { Event, EventType, Modality, PlaceRef } from '../src/types.js';
import { seededRandom, syntheticCorpus } from './synthetic.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const at = args.indexOf(name);
  const value = at >= 0 ? Number(args[at + 1]) : fallback;
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} expects a whole number, got ${args[at + 1]}`);
  return value;
};
const asJson = args.includes('--json');
const DOCS = option('--docs', 100_000);
const CHARS = option('--chars', 600);
const EVENTS = option('--events', 1_000_000);
const QUERIES = option('--queries', 200);
const WORKERS = (args.includes('--workers') ? args[args.indexOf('--workers') + 1]! : '1,2,4').split(',').map(Number);
const ADMIN_URL = process.env['CORRIDOR_BENCH_POSTGRES'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const CLI = fileURLToPath(new URL('../src/cli/index.js', import.meta.url));

function log(line: string): void {
  if (!asJson) process.stdout.write(`${line}\n`);
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A fresh database for one run; dropped by `dispose`. */
async function benchDatabase(label: string): Promise<{ url: string; dispose: () => Promise<void> }> {
  const name = `corridor_bench_${process.pid}_${label}`;
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), dispose: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

interface IngestRun {
  workers: number;
  documents: number;
  seconds: number;
  docsPerSec: number;
  /** Including process start and pipeline loading. */
  wallSeconds: number;
  /** Documents per second over those of the first run (one worker). */
  scaling: number;
}

/** The corpus as JSON Lines files of 1,000 documents, as a user would queue it. */
function writeCorpus(dir: string): void {
  const docs = syntheticCorpus(DOCS, 2017, CHARS);
  for (let at = 0; at < docs.length; at += 1000) {
    const lines = docs.slice(at, at + 1000).map((d) => JSON.stringify({ text: d.text, title: d.title, publishedAt: d.publishedAt, outlet: d.outlet }));
    writeFileSync(join(dir, `corpus-${String(at / 1000).padStart(4, '0')}.jsonl`), `${lines.join('\n')}\n`);
  }
}

async function ingestRun(corpus: string, workers: number): Promise<Omit<IngestRun, 'scaling'>> {
  const { url, dispose } = await benchDatabase(`w${workers}`);
  try {
    const store = await openPostgresStore(url);
    const boss = await startBoss(url);
    const queuedAt = performance.now();
    const queued = await enqueue([corpus], { store, boss });
    await boss.stop({ graceful: false });
    log(`  queued ${queued.queued} documents in ${((performance.now() - queuedAt) / 1000).toFixed(1)} s`);

    const started = performance.now();
    const children = Array.from({ length: workers }, () => spawn(process.execPath, [CLI, 'worker', '--drain', '--no-fusion', '--db', url, '--json'], { stdio: ['ignore', 'pipe', 'inherit'] }));
    const outputs = await Promise.all(children.map(async (child) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => { out += chunk; });
      const [code] = await once(child, 'exit') as [number];
      if (code !== 0) throw new Error(`a worker exited with ${code}`);
      return JSON.parse(out) as { new: number; failed: number };
    }));
    const wallSeconds = (performance.now() - started) / 1000;
    const { rows: [span] } = await store.pool.query(`SELECT count(*)::int AS n, extract(epoch FROM max(completed_on) - min(started_on))::float8 AS seconds
      FROM pgboss.job WHERE name = $1 AND state = 'completed'`, [INGEST_QUEUE]);
    const stored = await store.countDocuments();
    await store.close();
    const failed = outputs.reduce((n, o) => n + o.failed, 0);
    if (stored !== DOCS || span.n !== DOCS || failed > 0) throw new Error(`expected ${DOCS} documents, stored ${stored}, ${span.n} jobs completed, ${failed} failed attempts`);
    return { workers, documents: stored, seconds: span.seconds, docsPerSec: stored / span.seconds, wallSeconds };
  } finally {
    await dispose();
  }
}

// Viewports over the region the synthetic corpus is about, plus a sprinkling elsewhere.
const REGION = { west: 35, south: 30, east: 48, north: 38 };
const EVENT_TYPE_LIST: EventType[] = ['movement', 'control', 'attack', 'agreement', 'governance', 'displacement'];
const MODALITIES: Modality[] = ['asserted', 'reported', 'claimed', 'alleged', 'denied', 'hedged'];
const ACTORS = ['isis', 'sdf', 'iraqi-army', 'syrian-army', 'pmu', 'peshmerga', 'coalition', 'russia', 'hezbollah', 'ypg'];
const EVENTS_PER_DOCUMENT = 50;

function day(random: () => number): string {
  const date = new Date(Date.UTC(2014, 0, 1) + Math.floor(random() * 6 * 365) * 86_400_000);
  return date.toISOString().slice(0, 10);
}

/** The `i`-th synthetic event of document `docId`: located, dated (mostly), attributed. */
function syntheticEvent(random: () => number, docId: string, i: number): Event {
  const inRegion = random() < 0.9;
  const lon = inRegion ? REGION.west + random() * (REGION.east - REGION.west) : -180 + random() * 360;
  const lat = inRegion ? REGION.south + random() * (REGION.north - REGION.south) : -60 + random() * 130;
  const place: PlaceRef = { geonameid: 100000 + Math.floor(random() * 900000), name: `Place ${i}`, lat: Math.round(lat * 1e4) / 1e4, lon: Math.round(lon * 1e4) / 1e4 };
  const type = EVENT_TYPE_LIST[Math.floor(random() * EVENT_TYPE_LIST.length)]!;
  const dated = random() < 0.9;
  const from = dated ? day(random) : null;
  const actor = ACTORS[Math.floor(random() * ACTORS.length)]!;
  const start = i * 40;
  return {
    id: `${docId.slice(0, 8)}:${start}:${type}`, type, subtype: 'synthetic',
    agent: { actorId: actor, name: actor }, patient: null,
    location: type === 'movement' ? null : place, origin: null, destination: type === 'movement' ? place : null,
    time: { from, to: from, precision: dated ? 'day' : null, basis: dated ? 'clause' : 'none' },
    evidence: [{ start, end: start + 30 }], trigger: { start, end: start + 5, text: 'moved' },
    attribution: { source: 'author', sourceKind: 'author', cueStart: null, cueEnd: null, chain: [], rule: 'bench' },
    modality: MODALITIES[Math.floor(random() * MODALITIES.length)]!, negated: false,
    factuality: { certainty: 'certain', polarity: 'positive' }, plover: null, casualties: null, placePrecision: null, placeBasis: 'clause', intent: null,
    confidence: Math.round(random() * 100) / 100, rule: 'bench',
  };
}

const docIdOf = (d: number) => d.toString(16).padStart(64, '0');

/** The documents and events as rows, a batch at a time, the same for every backend. */
function* eventBatches(batchDocuments: number): Generator<{ documents: unknown[][]; events: unknown[][] }> {
  const random = seededRandom(1917);
  const documentCount = Math.ceil(EVENTS / EVENTS_PER_DOCUMENT);
  for (let first = 0; first < documentCount; first += batchDocuments) {
    const documents: unknown[][] = [];
    const events: unknown[][] = [];
    for (let d = first; d < Math.min(documentCount, first + batchDocuments); d++) {
      const id = docIdOf(d);
      documents.push([id, `Synthetic ${d}`, `Synthetic report ${d}.`, 'eng', new Date(0).toISOString(), '{}']);
      const perDocument = Math.min(EVENTS_PER_DOCUMENT, EVENTS - d * EVENTS_PER_DOCUMENT);
      for (let i = 0; i < perDocument; i++) events.push(eventRow(id, syntheticEvent(random, id, i), i));
    }
    yield { documents, events };
  }
}

async function loadPostgres(store: PostgresStore): Promise<void> {
  const client = await store.pool.connect();
  try {
    for (const { documents, events } of eventBatches(100)) {
      await insertRows(client, 'documents', ['id', 'title', 'text', 'language', 'ingested_at', 'extraction'], ['text', 'text', 'text', 'text', 'text', 'text'], documents);
      await insertRows(client, 'events', EVENT_COLUMNS, EVENT_TYPES, events);
    }
    await client.query('ANALYZE');
  } finally {
    client.release();
  }
}

function loadSqlite(store: SqliteStore): void {
  const db = store.db;
  const insertDocument = db.prepare('INSERT INTO documents (id, title, text, language, ingested_at, extraction) VALUES (?, ?, ?, ?, ?, ?)');
  const insertEvent = db.prepare(`INSERT INTO events (${EVENT_COLUMNS.join(', ')}) VALUES (${EVENT_COLUMNS.map(() => '?').join(', ')})`);
  const negated = EVENT_COLUMNS.indexOf('negated');
  const load = db.transaction((documents: unknown[][], events: unknown[][]) => {
    for (const row of documents) insertDocument.run(...row);
    // SQLite stores booleans as 0 and 1.
    for (const row of events) insertEvent.run(...row.map((value, i) => (i === negated ? Number(value) : value)));
  });
  for (const { documents, events } of eventBatches(200)) load(documents, events);
  db.exec('ANALYZE');
}

interface ViewportRun {
  backend: string;
  events: number;
  loadSeconds: number;
  queries: number;
  p50Ms: number;
  p95Ms: number;
  meanResults: number;
}

function viewports(count: number): Array<{ bbox: [number, number, number, number]; from: string; to: string }> {
  const random = seededRandom(42);
  return Array.from({ length: count }, () => {
    // From a town (0.25°) to a province (4°) across.
    const size = 0.25 * 16 ** random();
    const west = REGION.west + random() * (REGION.east - REGION.west - size);
    const south = REGION.south + random() * (REGION.north - REGION.south - size);
    const from = day(random);
    const to = new Date(Date.parse(from) + (30 + Math.floor(random() * 150)) * 86_400_000).toISOString().slice(0, 10);
    return { bbox: [west, south, west + size, south + size], from, to };
  });
}

async function measureViewports(backend: string, store: Store, loadSeconds: number): Promise<ViewportRun> {
  const all = viewports(QUERIES + 20);
  for (const v of all.slice(0, 20)) await store.listEvents({ ...v, limit: 500 });
  const times: number[] = [];
  let results = 0;
  for (const v of all.slice(20)) {
    const started = performance.now();
    results += (await store.listEvents({ ...v, limit: 500 })).length;
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  return { backend, events: EVENTS, loadSeconds, queries: QUERIES, p50Ms: at(0.5), p95Ms: at(0.95), meanResults: results / QUERIES };
}

async function viewportRuns(): Promise<ViewportRun[]> {
  const runs: ViewportRun[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'corridor-bench-'));
  try {
    const sqlite = openSqliteStore(join(dir, 'events.db'));
    const started = performance.now();
    loadSqlite(sqlite);
    runs.push(await measureViewports('sqlite', sqlite, (performance.now() - started) / 1000));
    await sqlite.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  for (const postgis of [true, false]) {
    const { url, dispose } = await benchDatabase(postgis ? 'postgis' : 'btree');
    try {
      const store = await openPostgresStore(url, { postgis });
      const started = performance.now();
      await loadPostgres(store);
      runs.push(await measureViewports(`postgres (${store.spatialIndex})`, store, (performance.now() - started) / 1000));
      await store.close();
    } finally {
      await dispose();
    }
  }
  return runs;
}

log(`Scale benchmark on ${cpus().length} cores: ${DOCS} documents of ~${CHARS} characters with ${WORKERS.join(', ')} workers; viewports over ${EVENTS} events`);
const ingestion: IngestRun[] = [];
if (DOCS > 0) {
  const corpus = mkdtempSync(join(tmpdir(), 'corridor-bench-corpus-'));
  try {
    writeCorpus(corpus);
    for (const workers of WORKERS) {
      log(`ingesting with ${workers} worker${workers === 1 ? '' : 's'}...`);
      const run = await ingestRun(corpus, workers);
      const scaling = run.docsPerSec / (ingestion[0]?.docsPerSec ?? run.docsPerSec);
      ingestion.push({ ...run, scaling });
      log(`  ${run.docsPerSec.toFixed(1)} documents/s (${run.seconds.toFixed(1)} s; ${run.wallSeconds.toFixed(1)} s with start-up), ×${scaling.toFixed(2)} the rate of ${ingestion[0]!.workers} worker${ingestion[0]!.workers === 1 ? '' : 's'}`);
    }
  } finally {
    rmSync(corpus, { recursive: true, force: true });
  }
}
const viewportsResult = EVENTS > 0 ? await viewportRuns() : [];
for (const run of viewportsResult) {
  log(`viewports, ${run.backend}: loaded ${run.events} events in ${run.loadSeconds.toFixed(0)} s; p50 ${run.p50Ms.toFixed(1)} ms, p95 ${run.p95Ms.toFixed(1)} ms over ${run.queries} queries (${run.meanResults.toFixed(0)} events each on average, at most 500)`);
}
if (asJson) process.stdout.write(`${JSON.stringify({ documents: DOCS, chars: CHARS, ingestion, viewports: viewportsResult }, null, 2)}\n`);
