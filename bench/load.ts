/**
 * `npm run bench:load [-- --duration S] [-- --connections N] [-- --json]`:
 * the HTTP API under load while documents are being written.
 *
 * A temporary SQLite store is seeded with the demo corpus and served by the
 * real server on loopback. `corridor ingest` then writes a synthetic corpus
 * into the same file from another process, as a user ingesting beside a
 * running `corridor serve` would, and once its first document is stored
 * autocannon (in a worker thread, so it does not share the server's event
 * loop) reads GET /api/events for S seconds (default 20) over N connections
 * (default 50): a map viewport over Iraq and Syria in 2017, and the whole
 * list the map loads on opening, in turn.
 *
 * Exits non-zero when any request failed (error, timeout, non-2xx), the
 * writer reported a failure, or it stored nothing while the load ran.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { startServer, type RunningServer } from '../src/api/server.js';
import { createDefaultPipeline } from '../src/default-pipeline.js';
import { refreshFusion } from '../src/fusion/index.js';
import { ingest } from '../src/ingest/index.js';
import { openStore } from '../src/store/index.js';
import type { Store } from '../src/store/store.js';
import { syntheticCorpus } from './synthetic.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const at = args.indexOf(name);
  const value = at >= 0 ? Number(args[at + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} expects a whole number above 0, got ${args[at + 1]}`);
  return value;
};
const asJson = args.includes('--json');
const DURATION = option('--duration', 20);
const CONNECTIONS = option('--connections', 50);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = fileURLToPath(new URL('../src/cli/index.js', import.meta.url));

/** Enough short reports that the writer is still busy when the load ends (it stored about 100 a second on 2 cores under load). */
const WRITER_DOCUMENTS = DURATION * 200;
const WRITER_CHARS = 1500;
/** Loading the pipeline in the writer takes seconds, more on a busy machine. */
const WRITER_START_MS = 180_000;

const QUERIES = [
  // A map viewport: Iraq and Syria during 2017.
  '/api/events?bbox=35,29,49,38&from=2017-01-01&to=2017-12-31',
  // The whole list, as the map asks for it on opening.
  '/api/events',
];

function log(line: string): void {
  if (!asJson) process.stdout.write(`${line}\n`);
}

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const loadAverage = () => loadavg().map((x) => round(x));

/** The synthetic corpus as JSON Lines files of 200 reports, as a user would ingest it. */
function writeCorpus(dir: string): void {
  mkdirSync(dir);
  const docs = syntheticCorpus(WRITER_DOCUMENTS, 1918, WRITER_CHARS);
  for (let at = 0; at < docs.length; at += 200) {
    const lines = docs.slice(at, at + 200).map((d) => JSON.stringify({ text: d.text, title: d.title, publishedAt: d.publishedAt, outlet: d.outlet }));
    writeFileSync(join(dir, `corpus-${String(at / 200).padStart(3, '0')}.jsonl`), `${lines.join('\n')}\n`);
  }
}

interface Writer {
  child: ChildProcess;
  exit: Promise<[number | null, NodeJS.Signals | null]>;
  /** The writer's failure lines (`corridor: ...`), as a user would see them. */
  errors: string[];
}

function startWriter(db: string, corpus: string): Writer {
  const { CORRIDOR_DB: _db, CORRIDOR_TOKEN: _token, ...env } = process.env;
  const child = spawn(process.execPath, [CLI, 'ingest', corpus, '--db', db], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
  const errors: string[] = [];
  let pending = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop()!;
    errors.push(...lines.filter((line) => line.startsWith('corridor:')));
  });
  return { child, exit: once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>, errors };
}

const running = (writer: Writer) => writer.child.exitCode === null && writer.child.signalCode === null;

async function waitForFirstDocument(store: Store, writer: Writer, seeded: number): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < WRITER_START_MS) {
    if (!running(writer)) throw new Error(`the writer exited (${writer.child.exitCode ?? writer.child.signalCode}) before storing anything: ${writer.errors.join('; ')}`);
    if (await store.countDocuments() > seeded) return performance.now() - started;
    await sleep(100);
  }
  throw new Error(`the writer stored nothing within ${WRITER_START_MS / 1000} s`);
}

/** Items each query returns now: the load must read something. */
async function itemCounts(server: RunningServer): Promise<number[]> {
  return Promise.all(QUERIES.map(async (path) => {
    const response = await fetch(server.url + path);
    if (!response.ok) throw new Error(`GET ${path}: HTTP ${response.status}`);
    return ((await response.json()) as { items: unknown[] }).items.length;
  }));
}

const dir = mkdtempSync(join(tmpdir(), 'corridor-load-'));
const db = join(dir, 'load.db');
let store: Store | null = null;
let server: RunningServer | null = null;
let writer: Writer | null = null;
try {
  store = await openStore(db);
  const seedStore = store;
  const seed = await ingest([join(ROOT, 'examples', 'demo')], {
    store, pipeline: () => createDefaultPipeline(),
    snapshot: async (label) => (await refreshFusion(seedStore, { label })).snapshot,
  });
  if (seed.failed > 0) throw new Error(`seeding failed for ${seed.failed} documents: ${seed.errors.map((e) => e.toLine()).join('; ')}`);
  const seeded = await store.countDocuments();
  writeCorpus(join(dir, 'corpus'));

  server = await startServer({ store, host: '127.0.0.1', port: 0 });
  const itemsBefore = await itemCounts(server);
  if (itemsBefore.some((n) => n === 0)) throw new Error(`a query matches no event in the seeded store (${itemsBefore.join(', ')}): the load would measure nothing`);
  log(`seeded ${seeded} demo documents; serving ${server.url}; writer corpus ${WRITER_DOCUMENTS} synthetic reports of ~${WRITER_CHARS} characters`);

  writer = startWriter(db, join(dir, 'corpus'));
  const writerStartMs = await waitForFirstDocument(store, writer, seeded);
  log(`writer storing after ${round(writerStartMs / 1000, 1)} s; loading GET /api/events for ${DURATION} s over ${CONNECTIONS} connections`);

  const loadBefore = loadAverage();
  const countBefore = await store.countDocuments();
  // The server runs on this thread (autocannon in a worker): a long delay here stalls every connection at once.
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  const result = await autocannon({
    url: server.url, connections: CONNECTIONS, duration: DURATION, workers: 1,
    requests: QUERIES.map((path) => ({ method: 'GET', path })),
  });
  loopDelay.disable();
  const countAfter = await store.countDocuments();
  const loadAfter = loadAverage();
  const writerBusyThroughout = running(writer);
  if (writerBusyThroughout) writer.child.kill('SIGTERM');
  const [code, signal] = await writer.exit;
  const itemsAfter = await itemCounts(server);

  const stored = countAfter - countBefore;
  const report = {
    durationSeconds: result.duration,
    connections: CONNECTIONS,
    requests: { completed: result.latency.totalCount, perSecond: round(result.requests.average, 1) },
    latencyMs: { p50: result.latency.p50, p97_5: result.latency.p97_5, p99: result.latency.p99, max: result.latency.max, mean: round(result.latency.mean) },
    serverEventLoopDelayMs: { p50: round(loopDelay.percentile(50) / 1e6), p99: round(loopDelay.percentile(99) / 1e6), max: round(loopDelay.max / 1e6) },
    non2xx: result.non2xx,
    // autocannon counts timeouts among the errors too.
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([status, { count }]) => [status, count])),
    ingest: {
      documentsStored: stored,
      documentsPerSecond: round(stored / result.duration, 1),
      busyThroughout: writerBusyThroughout,
      exit: writerBusyThroughout ? 'stopped after the load' : (signal ?? code),
      errors: writer.errors,
    },
    queries: QUERIES.map((path, i) => ({ path, itemsBefore: itemsBefore[i], itemsAfter: itemsAfter[i] })),
    seededDocuments: seeded,
    loadAverage: { before: loadBefore, after: loadAfter },
  };

  const problems = [
    ...(result.errors + result.non2xx > 0 ? [`${result.errors} errors (${result.timeouts} of them timeouts), ${result.non2xx} non-2xx responses`] : []),
    ...(writer.errors.length ? [`the writer reported ${writer.errors.length} failures`] : []),
    ...(!writerBusyThroughout && code !== 0 ? [`the writer exited with ${signal ?? code}`] : []),
    ...(stored === 0 ? ['the writer stored nothing while the load ran'] : []),
  ];

  log(`\n${report.requests.completed} requests in ${report.durationSeconds} s: ${report.requests.perSecond} requests/s`);
  log(`latency      p50 ${report.latencyMs.p50} ms, p97.5 ${report.latencyMs.p97_5} ms, p99 ${report.latencyMs.p99} ms, max ${report.latencyMs.max} ms`);
  log(`server loop  delay p50 ${report.serverEventLoopDelayMs.p50} ms, p99 ${report.serverEventLoopDelayMs.p99} ms, max ${report.serverEventLoopDelayMs.max} ms`);
  log(`failures     ${report.non2xx} non-2xx, ${report.errors} errors, of which ${report.timeouts} timeouts (no answer within 10 s); status codes ${JSON.stringify(report.statusCodes)}`);
  log(`writer       ${stored} documents stored during the load (${report.ingest.documentsPerSecond}/s)${writerBusyThroughout ? '' : ', but it finished before the load ended'}`);
  for (const line of writer.errors) log(`  ${line}`);
  for (const q of report.queries) log(`query        ${q.path}: ${q.itemsBefore} events before, ${q.itemsAfter} after`);
  log(`load average ${loadBefore.join(' ')} before, ${loadAfter.join(' ')} after`);
  for (const problem of problems) log(`FAILED: ${problem}`);
  if (asJson) process.stdout.write(`${JSON.stringify({ ...report, ok: problems.length === 0, problems }, null, 2)}\n`);
  if (problems.length > 0) process.exitCode = 1;
} finally {
  if (writer && running(writer)) {
    writer.child.kill('SIGTERM');
    await writer.exit;
  }
  await server?.close();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
}
