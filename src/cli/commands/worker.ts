import { InvalidArgumentError, type Command } from 'commander';
import type { WorkerSummary } from '../../queue/index.js';
import { redactPassword } from '../../store/common.js';
import { CliError, dbOption, jsonOption, printJson, type CliContext } from '../context.js';
import { parseFocus } from './geo.js';
import { requirePostgresUrl } from './queue.js';

interface WorkerRunOptions {
  db?: string;
  concurrency: number;
  focus?: string[];
  fusion: boolean;
  drain?: boolean;
  json?: boolean;
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command('worker')
    .description('extract and store the documents queued by `ingest --queue` (PostgreSQL stores; run as many as you like, on any machine)')
    .addOption(dbOption())
    .option('--concurrency <n>', 'documents processed at once by this worker', parseConcurrency, 1)
    .option('--focus <codes>', 'countries (IQ) or admin1 codes (SY.04) to favour when resolving places, comma-separated', parseFocus)
    .option('--no-fusion', 'do not refresh fusion after saving documents')
    .option('--drain', 'stop once the queue is empty instead of waiting for more')
    .addOption(jsonOption())
    .action(async (options: WorkerRunOptions) => {
      const url = requirePostgresUrl(ctx, options.db, 'worker');
      const started = Date.now();
      ctx.stderr.write(`corridor worker: loading the pipeline, then processing documents queued in ${redactPassword(url)} (concurrency ${options.concurrency}); stop with Ctrl-C\n`);
      const [{ createDefaultPipeline }, { startWorker }] = await Promise.all([import('../../default-pipeline.js'), import('../../queue/index.js')]);
      let summary: WorkerSummary;
      try {
        const worker = await startWorker({
          url,
          pipeline: () => createDefaultPipeline({ focus: options.focus }),
          concurrency: options.concurrency,
          fusion: options.fusion,
          drain: options.drain,
          onFailure: (failure) => ctx.stderr.write(`corridor: ${failure.source ?? failure.id ?? 'a queued document'}: ${failure.message}\n`),
        });
        const stop = () => { void worker.stop(); };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        try {
          summary = await worker.finished;
        } finally {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
        }
      } catch (error) {
        throw new CliError(error instanceof Error ? error.message : String(error));
      }
      const seconds = (Date.now() - started) / 1000;
      if (options.json) printJson(ctx, { ...summary, seconds });
      else ctx.stdout.write(`Worker stopped after ${seconds.toFixed(1)} s: ${summary.new} new, ${summary.unchanged} unchanged, ${summary.updated} updated, ${summary.failed} failed attempts, ${summary.fusionRefreshes} fusion refreshes.\n`);
    });
}

function parseConcurrency(value: string): number {
  const count = Number(value);
  if (!/^\d+$/.test(value.trim()) || count < 1 || count > 64) throw new InvalidArgumentError('expected a whole number from 1 to 64.');
  return count;
}
