import type { MultiBar, SingleBar } from 'cli-progress';
import { InvalidArgumentError, type Command } from 'commander';
import type { IngestSummary } from '../../ingest/index.js';
import { DEFAULT_MAX_BYTES } from '../../ingest/limits.js';
import { CliError, dbOption, jsonOption, printJson, resolveDb, withStore, type CliContext } from '../context.js';
import { parseFocus } from './geo.js';
import { enqueueLine, runEnqueue } from './queue.js';

/** Below this many inputs a progress bar is more noise than help. */
const PROGRESS_MIN_INPUTS = 10;

export interface IngestRunOptions {
  db?: string;
  focus?: string[];
  json?: boolean;
  maxSize?: number;
  queue?: boolean;
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command('ingest')
    .description('read text, Markdown, HTML, RSS/Atom feeds and JSON Lines (files, folders or URLs) into the store')
    .argument('<inputs...>', 'files, folders (read recursively) or http(s) URLs')
    .addOption(dbOption())
    .option('--focus <codes>', 'countries (IQ) or admin1 codes (SY.04) to favour when resolving places, comma-separated', parseFocus)
    .option('--max-size <MB>', `largest input to read, in MB (default: ${DEFAULT_MAX_BYTES / 1e6})`, parseMegabytes)
    .option('--queue', 'queue the documents for `corridor worker` instead of extracting them here (PostgreSQL stores)')
    .addOption(jsonOption())
    .action(async (inputs: string[], options: IngestRunOptions) => {
      if (options.queue) return queueInputs(ctx, inputs, options);
      const summary = await runIngest(ctx, inputs, options);
      if (options.json) printJson(ctx, { database: resolveDb(ctx, options.db), ...summary });
      else ctx.stdout.write(`${summaryLine(summary)}\n`);
      if (summary.failed > 0) process.exitCode = 1;
    });
}

/**
 * Ingests inputs into the store named by `--db`, with one stderr line per
 * failure and a progress bar when stderr is a terminal and there are many inputs.
 */
export async function runIngest(ctx: CliContext, inputs: readonly string[], options: IngestRunOptions): Promise<IngestSummary> {
  const [{ createDefaultPipeline }, { refreshFusion }, { ingest }] = await Promise.all([
    import('../../default-pipeline.js'), import('../../fusion/index.js'), import('../../ingest/index.js'),
  ]);
  const progress = await IngestProgress.create(ctx.stderr);
  return withStore(ctx, options.db, {}, async (store) => {
    try {
      return await ingest(inputs, {
        store,
        pipeline: () => createDefaultPipeline({ focus: options.focus, database: resolveDb(ctx, options.db) }),
        maxBytes: options.maxSize,
        onStart: (total) => progress.start(total),
        onInputDone: (input) => progress.advance(input),
        onError: (error) => progress.report(`corridor: ${error.toLine()}`),
        // Fusion (clusters, timelines) is brought up to date once per run, and the run's snapshot records it.
        snapshot: async (label) => (await refreshFusion(store, { label })).snapshot,
      });
    } catch (error) {
      throw new CliError(error instanceof Error ? error.message : String(error));
    } finally {
      progress.stop();
    }
  });
}

/** `--queue`: the documents are read here and extracted by workers, which load their own pipeline (and `--focus`). */
async function queueInputs(ctx: CliContext, inputs: readonly string[], options: IngestRunOptions): Promise<void> {
  if (options.focus) throw new CliError('--focus applies where documents are extracted: pass it to `corridor worker`, not to `ingest --queue`', 2);
  const progress = await IngestProgress.create(ctx.stderr);
  const summary = await runEnqueue(ctx, inputs, {
    db: options.db, maxSize: options.maxSize,
    onStart: (total) => progress.start(total), onInputDone: (input) => progress.advance(input), onError: (line) => progress.report(line),
  }).finally(() => progress.stop());
  if (options.json) printJson(ctx, { database: resolveDb(ctx, options.db), ...summary });
  else ctx.stdout.write(`${enqueueLine(summary)}\n`);
  if (summary.failed > 0) process.exitCode = 1;
}

/** Failure lines on stderr, above a progress bar when stderr is a terminal and there are many inputs. */
class IngestProgress {
  private bars: MultiBar | null = null;
  private bar: SingleBar | null = null;

  private constructor(private readonly stderr: NodeJS.WriteStream, private readonly progressBars: typeof import('cli-progress') | null) {}

  /** Loads the progress bars only where they can be shown. */
  static async create(stderr: NodeJS.WriteStream): Promise<IngestProgress> {
    return new IngestProgress(stderr, stderr.isTTY ? await import('cli-progress') : null);
  }

  start(total: number): void {
    if (!this.progressBars || total < PROGRESS_MIN_INPUTS) return;
    const { MultiBar, Presets } = this.progressBars;
    this.bars = new MultiBar({ stream: this.stderr, format: 'ingesting [{bar}] {value}/{total} {input}', hideCursor: true, clearOnComplete: true }, Presets.shades_classic);
    this.bar = this.bars.create(total, 0, { input: '' });
  }

  advance(input: string): void {
    this.bar?.increment({ input });
  }

  report(line: string): void {
    if (this.bars) this.bars.log(`${line}\n`);
    else this.stderr.write(`${line}\n`);
  }

  stop(): void {
    this.bars?.stop();
  }
}

export function summaryLine(summary: IngestSummary): string {
  const inputs = `${summary.inputs} input${summary.inputs === 1 ? '' : 's'}`;
  return `Read ${inputs}: ${summary.new} new, ${summary.unchanged} unchanged, ${summary.updated} updated, ${summary.failed} failed.`;
}

function parseMegabytes(value: string): number {
  const megabytes = Number(value);
  if (!Number.isFinite(megabytes) || megabytes <= 0) throw new InvalidArgumentError('expected a positive number of megabytes.');
  return Math.round(megabytes * 1e6);
}
