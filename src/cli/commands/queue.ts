import type { Command } from 'commander';
import type { EnqueueSummary, QueueCounts } from '../../queue/index.js';
import { isPostgresUrl } from '../../store/common.js';
import type { PostgresStore } from '../../store/index.js';
import { CliError, dbOption, jsonOption, openCliStore, printJson, resolveDb, shortId, type CliContext } from '../context.js';

export function register(program: Command, ctx: CliContext): void {
  const queue = program
    .command('queue')
    .description('the ingestion queue of a PostgreSQL store (fed by `ingest --queue`, emptied by `worker`)');

  queue
    .command('status')
    .description('documents queued, being processed, done and failed (with their errors), and fusion refreshes')
    .addOption(dbOption())
    .addOption(jsonOption())
    .action(async (options: { db?: string; json?: boolean }) => {
      const { queueStatus } = await import('../../queue/index.js');
      const status = await withPostgresStore(ctx, options.db, 'queue status', (store) => queueStatus(store));
      if (options.json) {
        printJson(ctx, status);
        return;
      }
      ctx.stdout.write(`Documents: ${countsLine(status.documents)}\n`);
      ctx.stdout.write(`Fusion refreshes: ${countsLine(status.fusion)}\n`);
      if (status.failures.length > 0) ctx.stdout.write(`Failed documents (newest first; \`corridor queue retry\` queues them again):\n`);
      for (const failure of status.failures) {
        const id = failure.documentId ? shortId(failure.documentId) : '?'.repeat(8);
        ctx.stdout.write(`  ${id}  ${failure.source ?? '(unknown source)'}: ${failure.error} (${failure.attempts} attempt${failure.attempts === 1 ? '' : 's'})\n`);
      }
    });

  queue
    .command('retry')
    .description('queue the failed documents once more')
    .addOption(dbOption())
    .addOption(jsonOption())
    .action(async (options: { db?: string; json?: boolean }) => {
      const { retryFailed, startBoss } = await import('../../queue/index.js');
      const retried = await withPostgresStore(ctx, options.db, 'queue retry', async (store) => {
        const boss = await startBoss(resolveDb(ctx, options.db));
        try {
          return await retryFailed(store, boss);
        } finally {
          await boss.stop({ graceful: false });
        }
      });
      if (options.json) printJson(ctx, { retried });
      else ctx.stdout.write(`Queued ${retried} failed document${retried === 1 ? '' : 's'} again.\n`);
    });
}

function countsLine(counts: QueueCounts): string {
  return `${counts.queued} queued, ${counts.active} active, ${counts.done} done, ${counts.failed} failed`;
}

/** The `--db` URL, which must name a PostgreSQL database (the queue lives there). */
export function requirePostgresUrl(ctx: CliContext, db: string | undefined, command: string): string {
  const location = resolveDb(ctx, db);
  if (!isPostgresUrl(location)) throw new CliError(`${command} needs a PostgreSQL store: pass --db postgres://... or set CORRIDOR_DB (got ${location})`, 2);
  return location;
}

async function withPostgresStore<T>(ctx: CliContext, db: string | undefined, command: string, use: (store: PostgresStore) => Promise<T>): Promise<T> {
  requirePostgresUrl(ctx, db, command);
  const store = await openCliStore(ctx, db);
  try {
    return await use(store as PostgresStore);
  } finally {
    await store.close();
  }
}

export interface EnqueueRunOptions {
  db?: string;
  maxSize?: number;
  onStart?: (total: number) => void;
  onInputDone?: (input: string) => void;
  onError?: (line: string) => void;
}

/** `ingest --queue`: the inputs become jobs for `corridor worker` instead of being extracted here. */
export async function runEnqueue(ctx: CliContext, inputs: readonly string[], options: EnqueueRunOptions): Promise<EnqueueSummary> {
  const url = requirePostgresUrl(ctx, options.db, 'ingest --queue');
  const { enqueue, startBoss } = await import('../../queue/index.js');
  return withPostgresStore(ctx, url, 'ingest --queue', async (store) => {
    const boss = await startBoss(url);
    try {
      return await enqueue(inputs, {
        store, boss, maxBytes: options.maxSize,
        onStart: options.onStart, onInputDone: options.onInputDone, onError: (error) => options.onError?.(`corridor: ${error.toLine()}`),
      });
    } catch (error) {
      throw new CliError(error instanceof Error ? error.message : String(error));
    } finally {
      await boss.stop({ graceful: false });
    }
  });
}

export function enqueueLine(summary: EnqueueSummary): string {
  const inputs = `${summary.inputs} input${summary.inputs === 1 ? '' : 's'}`;
  return `Read ${inputs}: ${summary.queued} queued, ${summary.alreadyQueued} already queued, ${summary.alreadyStored} already stored, ${summary.failed} failed.`;
}
