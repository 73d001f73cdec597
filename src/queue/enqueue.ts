import type PgBoss from 'pg-boss';
import { eachDocument, type InputProgress, type LoadOptions } from '../ingest/sources.js';
import { prepareDocument } from '../ingest/document.js';
import { IngestError } from '../ingest/errors.js';
import type { PostgresStore } from '../store/postgres/postgres-store.js';
import { DEFAULT_JOB_SETTINGS, documentJobId, INGEST_QUEUE, type DocumentJob, type JobSettings } from './queue.js';

export interface EnqueueOptions extends LoadOptions, InputProgress {
  store: PostgresStore;
  boss: PgBoss;
  jobs?: Partial<JobSettings>;
  /** Called for each failed input or record, as soon as it fails. */
  onError?: (error: IngestError) => void;
}

export interface EnqueueSummary {
  /** Files and URLs read (after walking directories). */
  inputs: number;
  /** Documents read from them. */
  documents: number;
  /** New jobs. */
  queued: number;
  /** Documents already waiting, running or done in the queue (not queued twice). */
  alreadyQueued: number;
  /** Documents already in the store (nothing to do). */
  alreadyStored: number;
  failed: number;
  errors: IngestError[];
}

/** Jobs inserted per statement. */
const BATCH = 500;

/**
 * Reads inputs like `ingest` does, but instead of extracting each document
 * queues it for `corridor worker`. A document already stored, or already in
 * the queue, is not queued again (its job id is its content hash).
 *
 * @example
 * const summary = await enqueue(['feeds/'], {store, boss}); // {documents: 120, queued: 118, alreadyStored: 2, ...}
 */
export async function enqueue(args: readonly string[], options: EnqueueOptions): Promise<EnqueueSummary> {
  const summary: EnqueueSummary = { inputs: 0, documents: 0, queued: 0, alreadyQueued: 0, alreadyStored: 0, failed: 0, errors: [] };
  const fail = (error: IngestError) => {
    summary.failed++;
    summary.errors.push(error);
    options.onError?.(error);
  };
  const settings = { ...DEFAULT_JOB_SETTINGS, ...options.jobs };
  let pending = new Map<string, DocumentJob>();
  const flush = async () => {
    const batch = [...pending.values()];
    pending = new Map();
    await queueBatch(batch, options, settings, summary);
  };

  summary.inputs = await eachDocument(args, options, fail, async (raw) => {
    const { document, source, messages } = prepareDocument(raw);
    summary.documents++;
    // The same text twice in one run is one job.
    if (pending.has(document.id)) summary.alreadyQueued++;
    else pending.set(document.id, { document, source, messages });
    if (pending.size >= BATCH) await flush();
  });
  await flush();
  return summary;
}

/** Queues the documents neither stored nor known to the queue, and counts each kind. */
async function queueBatch(jobs: DocumentJob[], { store, boss }: EnqueueOptions, settings: JobSettings, summary: EnqueueSummary): Promise<void> {
  if (jobs.length === 0) return;
  const ids = jobs.map((job) => job.document.id);
  const stored = new Set((await store.pool.query<{ id: string }>('SELECT id FROM documents WHERE id = ANY($1)', [ids])).rows.map((r) => r.id));
  const waiting = jobs.filter((job) => !stored.has(job.document.id));
  // Jobs in the queue in any state (a failed one is retried with `corridor queue retry`),
  // and archived ones except failures, which may be queued afresh.
  const known = new Set((await store.pool.query<{ id: string }>(
    `SELECT id::text FROM pgboss.job WHERE name = $1 AND id = ANY($2::uuid[])
     UNION SELECT id::text FROM pgboss.archive WHERE name = $1 AND id = ANY($2::uuid[]) AND state <> 'failed'`,
    [INGEST_QUEUE, waiting.map((job) => documentJobId(job.document.id))],
  )).rows.map((r) => r.id));
  const fresh = waiting.filter((job) => !known.has(documentJobId(job.document.id)));
  if (fresh.length > 0) {
    await boss.insert(fresh.map((job) => ({
      id: documentJobId(job.document.id),
      name: INGEST_QUEUE,
      data: job,
      retryLimit: settings.retryLimit,
      retryDelay: settings.retryDelaySeconds,
      expireInSeconds: settings.expireInSeconds,
    })));
  }
  summary.queued += fresh.length;
  summary.alreadyQueued += waiting.length - fresh.length;
  summary.alreadyStored += stored.size;
}
