/**
 * Distributed ingestion on a PostgreSQL store: `enqueue` reads inputs into
 * pg-boss jobs, `startWorker` processes them on any machine that reaches the
 * database, `queueStatus` counts them. See README.md.
 */
export { DEFAULT_JOB_SETTINGS, documentJobId, FUSION_QUEUE, INGEST_QUEUE, startBoss, type BossOptions, type DocumentJob, type JobSettings } from './queue.js';
export { enqueue, type EnqueueOptions, type EnqueueSummary } from './enqueue.js';
export { processDocument, startWorker, type FailedDocument, type ProcessedDocument, type RunningWorker, type WorkerOptions, type WorkerSummary } from './worker.js';
export { queueStatus, retryFailed, type JobFailure, type QueueCounts, type QueueStatus } from './status.js';
