import PgBoss from 'pg-boss';
import type { DocumentMeta, Message } from '../types.js';

/** Documents waiting to be extracted and stored, one job each. */
export const INGEST_QUEUE = 'corridor-ingest';
/** Fusion refreshes: at most one queued and one running at any time (pg-boss's `stately` policy). */
export const FUSION_QUEUE = 'corridor-fusion';

/** What a document job carries: the prepared document itself, so a worker needs no access to the original files. */
export interface DocumentJob {
  document: DocumentMeta;
  /** The file path or URL it was read from. */
  source: string;
  /** Notes from reading it (e.g. `ingest:no-date`), added to its extraction. */
  messages: Message[];
}

/** How a document job is retried; fixed when the job is queued. */
export interface JobSettings {
  /** Retries after the first attempt fails (a throw, or no answer within `expireInSeconds`). */
  retryLimit: number;
  /** Seconds before a failed job is tried again. */
  retryDelaySeconds: number;
  /**
   * Seconds a worker may hold a job. A job still active after that (its
   * worker crashed or was killed) is failed and retried by another worker.
   */
  expireInSeconds: number;
}

export const DEFAULT_JOB_SETTINGS: JobSettings = { retryLimit: 2, retryDelaySeconds: 10, expireInSeconds: 600 };

export interface BossOptions {
  /** Connections pg-boss may open (default 4). */
  maxConnections?: number;
  /**
   * Seconds between maintenance runs (expiring jobs of dead workers,
   * archiving old ones), done by one of the running workers (default 60).
   */
  maintenanceIntervalSeconds?: number;
  /** Whether this process takes part in maintenance (workers do; one-off commands need not). */
  supervise?: boolean;
}

/**
 * pg-boss on the store's database, its queues created if missing. pg-boss
 * keeps its tables in the `pgboss` schema, beside Corridor's.
 */
export async function startBoss(url: string, options: BossOptions = {}): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: url,
    max: options.maxConnections ?? 4,
    supervise: options.supervise ?? false,
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 60,
    schedule: false,
  });
  // pg-boss reports background failures (a lost connection during
  // maintenance) as events; the next operation retries, so they are not fatal.
  boss.on('error', () => {});
  await boss.start();
  await boss.createQueue(INGEST_QUEUE, { name: INGEST_QUEUE, policy: 'standard' });
  await boss.createQueue(FUSION_QUEUE, { name: FUSION_QUEUE, policy: 'stately' });
  return boss;
}

/**
 * The job id of a document: its content hash written as a UUID, so the same
 * text queued twice is one job (pg-boss ignores an insert whose id exists).
 */
export function documentJobId(documentId: string): string {
  const h = documentId.slice(0, 32);
  if (!/^[0-9a-f]{32}$/.test(h)) throw new Error(`not a document id: ${documentId}`);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
