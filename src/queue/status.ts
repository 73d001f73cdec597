import type PgBoss from 'pg-boss';
import type { PostgresStore } from '../store/postgres/postgres-store.js';
import { FUSION_QUEUE, INGEST_QUEUE } from './queue.js';

export interface QueueCounts {
  /** Waiting for a worker, including failed attempts waiting to be retried. */
  queued: number;
  active: number;
  done: number;
  /** Out of retries: kept with their error. */
  failed: number;
}

export interface JobFailure {
  jobId: string;
  documentId: string | null;
  source: string | null;
  error: string;
  attempts: number;
  failedAt: string;
}

export interface QueueStatus {
  documents: QueueCounts;
  fusion: QueueCounts;
  /** The most recent failed document jobs, newest first. */
  failures: JobFailure[];
}

/**
 * The queues as pg-boss holds them: jobs in `pgboss.job`, and the finished
 * ones it moved to `pgboss.archive` after 12 hours (kept there for 7 days).
 */
export async function queueStatus(store: PostgresStore, failureLimit = 20): Promise<QueueStatus> {
  const empty = (): QueueCounts => ({ queued: 0, active: 0, done: 0, failed: 0 });
  const status: QueueStatus = { documents: empty(), fusion: empty(), failures: [] };
  const { rows: [installed] } = await store.pool.query("SELECT to_regclass('pgboss.job') IS NOT NULL AS yes");
  if (!installed.yes) return status;

  const { rows } = await store.pool.query<{ name: string; state: string; n: number }>(`
    SELECT name, state, count(*)::int AS n FROM (
      SELECT name, state FROM pgboss.job WHERE name IN ($1, $2)
      UNION ALL SELECT name, state FROM pgboss.archive WHERE name IN ($1, $2)
    ) jobs GROUP BY name, state`, [INGEST_QUEUE, FUSION_QUEUE]);
  const column: Record<string, keyof QueueCounts | undefined> = { created: 'queued', retry: 'queued', active: 'active', completed: 'done', failed: 'failed' };
  for (const row of rows) {
    const key = column[row.state];
    if (key) status[row.name === INGEST_QUEUE ? 'documents' : 'fusion'][key] += row.n;
  }

  const failures = await store.pool.query<{ id: string; document_id: string | null; source: string | null; error: string | null; attempts: number; failed_at: Date }>(`
    SELECT id::text, data #>> '{document,id}' AS document_id, data ->> 'source' AS source,
      output ->> 'message' AS error, retry_count + 1 AS attempts, completed_on AS failed_at
    FROM (SELECT id, data, output, retry_count, completed_on FROM pgboss.job WHERE name = $1 AND state = 'failed'
      UNION ALL SELECT id, data, output, retry_count, completed_on FROM pgboss.archive WHERE name = $1 AND state = 'failed') failed
    ORDER BY completed_on DESC LIMIT $2`, [INGEST_QUEUE, failureLimit]);
  status.failures = failures.rows.map((r) => ({
    jobId: r.id, documentId: r.document_id, source: r.source, error: r.error ?? '(no message)', attempts: r.attempts, failedAt: r.failed_at.toISOString(),
  }));
  return status;
}

/** Queues every failed document job (not yet archived) once more; returns how many. */
export async function retryFailed(store: PostgresStore, boss: PgBoss): Promise<number> {
  const { rows } = await store.pool.query<{ id: string }>("SELECT id::text FROM pgboss.job WHERE name = $1 AND state = 'failed'", [INGEST_QUEUE]);
  if (rows.length > 0) await boss.retry(INGEST_QUEUE, rows.map((r) => r.id));
  return rows.length;
}
