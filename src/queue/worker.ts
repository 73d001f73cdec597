import type PgBoss from 'pg-boss';
import { createFusionContext, refreshFusion, type FusionContext } from '../fusion/index.js';
import type { Pipeline } from '../pipeline.js';
import { openPostgresStore, type PostgresStore } from '../store/postgres/postgres-store.js';
import type { SaveOutcome, Store } from '../store/store.js';
import { FUSION_QUEUE, INGEST_QUEUE, startBoss, type DocumentJob } from './queue.js';

export interface WorkerOptions {
  /** The PostgreSQL store (and queue) URL. */
  url: string;
  /** The extraction pipeline, or a function that creates it; loaded once, before the first job. */
  pipeline: Pipeline | (() => Promise<Pipeline>);
  /** Documents processed at once by this process (default 1). */
  concurrency?: number;
  /**
   * Jobs each loop takes from the queue at a time (default 50). pg-boss's fetch reads every waiting
   * job to pick the oldest (20 ms with 90k waiting), so large batches keep that cost per document small.
   */
  batchSize?: number;
  /** Jobs taken between two vacuums of pg-boss's job table (default 2000; see `jobTableVacuum`). */
  vacuumEvery?: number;
  /** Refresh fusion after documents are saved (default true). */
  fusion?: boolean;
  /** Seconds a refresh waits after the save that asked for it, so that one refresh covers many documents (default 30). */
  fusionDelaySeconds?: number;
  /** Stop once the queue is empty (nothing waiting or running) and fusion is up to date. */
  drain?: boolean;
  /** Seconds between looks at an empty queue (default 1). */
  pollingIntervalSeconds?: number;
  /** Seconds between maintenance runs, which retry the jobs of dead workers (default 60). */
  maintenanceIntervalSeconds?: number;
  onDocument?: (done: ProcessedDocument) => void;
  onFailure?: (failure: FailedDocument) => void;
}

export interface ProcessedDocument {
  id: string;
  source: string;
  outcome: SaveOutcome;
}

export interface FailedDocument {
  /** The document id, or null when the job carried no readable document. */
  id: string | null;
  source: string | null;
  message: string;
}

export interface WorkerSummary {
  new: number;
  unchanged: number;
  updated: number;
  /** Failed attempts (a failed job may be retried and succeed later). */
  failed: number;
  fusionRefreshes: number;
}

export interface RunningWorker {
  /** Settles when the worker has stopped (asked to, or drained). */
  readonly finished: Promise<WorkerSummary>;
  /** Stops taking jobs, finishes those in hand, and closes the connections. */
  stop(): Promise<WorkerSummary>;
}

/**
 * Starts a worker: `concurrency` loops each take a batch of document jobs,
 * extract and save each document (one transaction; a document already stored
 * is `unchanged`, so a retried job never duplicates anything), fail the jobs
 * that threw and complete the others together. A thrown error fails the job with its message, and
 * pg-boss retries it up to its retry limit, then keeps it as failed. A job
 * whose worker died is expired by the maintenance of any live worker and
 * retried. Saves that changed the store ask for a fusion refresh, which runs
 * as a single-flight job; every refresh holds the store's fusion lock.
 *
 * @example
 * const worker = await startWorker({url, pipeline: () => createDefaultPipeline(), concurrency: 2});
 * process.on('SIGTERM', () => worker.stop());
 */
export async function startWorker(options: WorkerOptions): Promise<RunningWorker> {
  const concurrency = options.concurrency ?? 1;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new TypeError(`concurrency must be a positive integer, got ${concurrency}`);
  const pipeline = typeof options.pipeline === 'function' ? await options.pipeline() : options.pipeline;
  // Saves need not wait for the disk: a job is completed after its document
  // is saved, and PostgreSQL writes its log in order, so whenever the
  // completion survives a crash the document does too; otherwise the job is
  // simply done again.
  const store = await openPostgresStore(options.url, { maxConnections: concurrency + 2, synchronousCommit: false });
  let boss: PgBoss;
  try {
    boss = await startBoss(options.url, { maxConnections: concurrency + 3, supervise: true, maintenanceIntervalSeconds: options.maintenanceIntervalSeconds });
  } catch (error) {
    await store.close();
    throw error;
  }

  const summary: WorkerSummary = { new: 0, unchanged: 0, updated: 0, failed: 0, fusionRefreshes: 0 };
  const pollMs = (options.pollingIntervalSeconds ?? 1) * 1000;
  const stopping = new AbortController();
  const fusion = options.fusion === false ? null : new FusionRefresher(boss, store, options.fusionDelaySeconds ?? 30);

  const batchSize = options.batchSize ?? 50;
  const vacuum = jobTableVacuum(store, options.vacuumEvery ?? 2000);
  const documentLoop = async () => {
    while (!stopping.signal.aborted) {
      // Jobs come in batches and are completed together: per-job round trips to the queue cost more than a short document.
      const jobs = await boss.fetch<DocumentJob>(INGEST_QUEUE, { batchSize });
      if (jobs.length === 0) {
        if (options.drain && !(await hasJobs(store, INGEST_QUEUE))) return;
        await sleep(pollMs, stopping.signal);
        continue;
      }
      const done: string[] = [];
      let changed = false;
      for (const job of jobs) {
        try {
          const outcome = await processDocument(job.data, store, pipeline);
          done.push(job.id);
          summary[outcome]++;
          changed ||= outcome !== 'unchanged';
          options.onDocument?.({ id: job.data.document.id, source: job.data.source, outcome });
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          await boss.fail(INGEST_QUEUE, job.id, { message });
          summary.failed++;
          options.onFailure?.({ id: job.data?.document?.id ?? null, source: job.data?.source ?? null, message });
        }
      }
      // A crash before this line leaves the batch's jobs to expire and run again; their documents are then `unchanged`.
      if (done.length > 0) await boss.complete(INGEST_QUEUE, done);
      await vacuum(jobs.length);
      if (changed) await fusion?.request();
    }
  };

  const fusionLoop = async (refresher: FusionRefresher, documentsDone: Promise<unknown>) => {
    let documentsFinished = false;
    documentsDone.then(async () => {
      // Every draining worker asks once more, so a refresh starts after its last save.
      if (options.drain && !stopping.signal.aborted) await refresher.request({ now: true });
      documentsFinished = true;
    }).catch(() => stopping.abort());
    while (!stopping.signal.aborted) {
      // Draining, the last refresh runs now rather than after its delay.
      const [job] = await boss.fetch(FUSION_QUEUE, { batchSize: 1, ignoreStartAfter: documentsFinished });
      if (job) {
        try {
          await refresher.refresh();
          await boss.complete(FUSION_QUEUE, job.id);
          summary.fusionRefreshes++;
        } catch (error) {
          await boss.fail(FUSION_QUEUE, job.id, { message: error instanceof Error ? error.message : String(error) });
        }
        continue;
      }
      if (options.drain && documentsFinished && !(await hasJobs(store, FUSION_QUEUE))) return;
      await sleep(documentsFinished ? Math.min(pollMs, 200) : pollMs, stopping.signal);
    }
  };

  const loops = Array.from({ length: concurrency }, documentLoop);
  const finished = (async () => {
    try {
      await Promise.all(fusion ? [...loops, fusionLoop(fusion, Promise.all(loops))] : loops);
    } catch (error) {
      // A loop that cannot reach the database ends the worker: the others stop at their next turn.
      stopping.abort();
      throw error;
    } finally {
      await boss.stop({ graceful: false, close: true });
      await store.close();
    }
    return summary;
  })();
  return {
    finished,
    async stop() {
      stopping.abort();
      return finished;
    },
  };
}

/** Extracts and saves one queued document; already stored is `unchanged` with no extraction. */
export async function processDocument(job: DocumentJob, store: Store, pipeline: Pipeline): Promise<SaveOutcome> {
  if (await store.getDocument(job.document.id)) return 'unchanged';
  const extracted = pipeline.extract(job.document);
  return store.saveDocument(job.document, { ...extracted, messages: [...job.messages, ...extracted.messages] }, job.source);
}

/**
 * pg-boss finishes a job by updating its row. Until the table is vacuumed,
 * the index that the next fetch walks still holds the old entry of every job
 * finished so far, so each fetch reads past more and more of them over a
 * queue of 100k documents. Each worker vacuums the job table every `every` jobs;
 * SKIP_LOCKED lets it go on when another worker is already vacuuming.
 */
function jobTableVacuum(store: PostgresStore, every: number): (jobs: number) => Promise<void> {
  let since = 0;
  return async (jobs) => {
    since += jobs;
    if (since < every) return;
    since = 0;
    await store.pool.query('VACUUM (SKIP_LOCKED) pgboss.job');
  };
}

/** Whether a queue has jobs waiting (now or after a retry delay) or running. */
async function hasJobs(store: PostgresStore, queue: string): Promise<boolean> {
  const { rows } = await store.pool.query("SELECT 1 FROM pgboss.job WHERE name = $1 AND state IN ('created', 'retry', 'active') LIMIT 1", [queue]);
  return rows.length > 0;
}

/**
 * Asks for fusion refreshes and runs them. A request queues a refresh job
 * `delaySeconds` ahead; the queue holds at most one waiting refresh, and a
 * waiting refresh reads the store only after every save that asked for it,
 * so later requests until it is due need no new job.
 */
class FusionRefresher {
  private coveredUntil = 0;
  private context: FusionContext | null = null;

  constructor(private readonly boss: PgBoss, private readonly store: PostgresStore, private readonly delaySeconds: number) {}

  async request({ now = false } = {}): Promise<void> {
    if (!now && Date.now() < this.coveredUntil) return;
    const id = await this.boss.send(FUSION_QUEUE, {}, { startAfter: now ? 0 : this.delaySeconds, retryLimit: 2, retryDelay: 10 });
    // Null: a refresh was already waiting (queued by another worker, due at a time unknown here).
    this.coveredUntil = id ? Date.now() + this.delaySeconds * 1000 : 0;
  }

  async refresh(): Promise<void> {
    this.context ??= createFusionContext();
    await refreshFusion(this.store, { context: this.context, label: 'worker' });
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
}
