import type { MultiBar, SingleBar } from 'cli-progress';
import { InvalidArgumentError, type Command } from 'commander';
import { stat } from 'node:fs/promises';
import type { IngestSummary, UserMetadata } from '../../ingest/index.js';
import { DEFAULT_MAX_BYTES } from '../../ingest/limits.js';
import { CliError, dbOption, jsonOption, printJson, resolveDb, shortId, withStore, type CliContext } from '../context.js';
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
  published?: string;
  outlet?: string;
  title?: string;
  verbose?: boolean;
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
    .option('--published <date>', 'publication date of the one document read (2017-10-17 or a date-time); wins over the text')
    .option('--outlet <name>', 'outlet of the one document read; wins over the text and its metadata')
    .option('--title <title>', 'title of the one document read; wins over the text and its metadata')
    .option('--verbose', 'list the documents that have no publication date')
    .addOption(jsonOption())
    .action(async (inputs: string[], options: IngestRunOptions) => {
      await checkOneDocument(inputs, options);
      if (options.published !== undefined) options.published = (await import('../documents.js')).parsePublished(options.published);
      if (options.queue) return queueInputs(ctx, inputs, options);
      const summary = await runIngest(ctx, inputs, options);
      if (options.json) printJson(ctx, { database: resolveDb(ctx, options.db), ...summary });
      else {
        ctx.stdout.write(`${summaryLine(summary)}\n`);
        for (const line of [...alreadyStoredLines(summary, userMetadata(options)), ...undatedLines(summary, options.verbose ?? false)]) ctx.stderr.write(`${line}\n`);
      }
      if (summary.failed > 0) ctx.exitCode = 1;
    });
}

const METADATA_FLAGS = ['published', 'outlet', 'title'] as const;

function userMetadata(options: IngestRunOptions): UserMetadata {
  return { publishedAt: options.published, outlet: options.outlet, title: options.title };
}

/** `--published`, `--outlet` and `--title` describe one document: one file or URL, not a folder or several inputs. */
async function checkOneDocument(inputs: readonly string[], options: IngestRunOptions): Promise<void> {
  const given = METADATA_FLAGS.filter((flag) => options[flag] !== undefined).map((flag) => `--${flag}`);
  if (given.length === 0) return;
  const flags = `${given.join(', ')} ${given.length === 1 ? 'describes' : 'describe'} one document`;
  if (options.queue) throw new CliError(`${flags}, read here: not with --queue`, 2);
  if (inputs.length > 1) throw new CliError(`${flags}: give one file or URL, not ${inputs.length} inputs`, 2);
  const [input] = inputs;
  if ((await stat(input!).catch(() => null))?.isDirectory()) throw new CliError(`${flags}: give one file or URL, not a folder (${input})`, 2);
}

/**
 * A document already stored keeps the metadata it was stored with (its id is
 * its text), so flags that would change it are said to have had no effect.
 */
function alreadyStoredLines(summary: IngestSummary, metadata: UserMetadata): string[] {
  return summary.documents
    .filter((d) => d.outcome === 'unchanged')
    .filter((d) => (metadata.publishedAt && d.publishedAt !== metadata.publishedAt)
      || (metadata.outlet && d.outlet !== metadata.outlet.trim())
      || (metadata.title && d.title !== metadata.title.trim()))
    .map((d) => `${d.source}: already stored as ${shortId(d.id)} (${d.publishedAt ?? 'undated'}); --published, --outlet and --title apply when a document is first stored`);
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
        metadata: userMetadata(options),
        onStart: (total) => progress.start(total),
        onInputDone: (input) => progress.advance(input),
        onError: (error) => progress.report(`corridor: ${error.toLine()}`),
        onNotice: (source, message) => progress.report(`${source}: ${message.reason}`),
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
  if (summary.failed > 0) ctx.exitCode = 1;
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

/**
 * How many documents of the run have no publication date: the times they
 * give relative to it ("on Tuesday", "yesterday") could not be placed, and
 * fusion has only their text to go by. `--verbose` lists them.
 */
export function undatedLines(summary: IngestSummary, verbose: boolean): string[] {
  const undated = summary.documents.filter((d) => d.publishedAt === null);
  if (undated.length === 0) return [];
  const count = `${undated.length} of ${summary.documents.length} document${summary.documents.length === 1 ? '' : 's'}`;
  const head = `${count} ${summary.documents.length === 1 ? 'has' : 'have'} no publication date: relative times were not placed`;
  if (!verbose) return [`${head}; --verbose lists them (give one with --published, or in the file's metadata)`];
  return [`${head}:`, ...undated.map((d) => `  ${d.source}  ${d.title ?? '(untitled)'}`)];
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
