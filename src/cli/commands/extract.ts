import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { createDefaultPipeline } from '../../default-pipeline.js';
import { IngestError, loadInput, normaliseDate, NOTICE_RULES, prepareDocument, type PreparedDocument, type RawDocument, type UserMetadata } from '../../ingest/index.js';
import type { Extraction } from '../../types.js';
import { CliError, dbOption, jsonOption, printJson, resolveDb, type CliContext } from '../context.js';
import { eachJsonLine, parseFocus } from './geo.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The documents of one input: a file in any format `ingest` reads, or `-` for plain text on standard input. */
export async function readDocuments(file: string): Promise<RawDocument[]> {
  if (file === '-') return [{ text: await readStdin(), source: 'stdin', input: 'stdin' }];
  try {
    const { documents, errors } = await loadInput({ kind: 'file', path: file });
    if (errors.length && !documents.length) throw errors[0]!;
    return documents;
  } catch (error) {
    throw new CliError(error instanceof IngestError ? error.toLine() : (error as Error).message);
  }
}

/**
 * The document one `--jsonl` line describes (`{id, text, publishedAt?, url?}`).
 * Its text is taken as given, as a file's is, so offsets index `record.text`.
 */
export function recordDocument(record: Record<string, unknown>, line: number): RawDocument {
  if (typeof record.text !== 'string' || !record.text.trim()) throw new CliError(`stdin:${line}: missing "text"`);
  return {
    text: record.text, source: `stdin#${line}`, input: 'stdin', line,
    publishedAt: typeof record.publishedAt === 'string' ? normaliseDate(record.publishedAt) : null,
    url: typeof record.url === 'string' ? record.url : null,
  };
}

/** prepareDocument with its failures as one CLI error line. */
export function prepareForCli(raw: RawDocument, user: UserMetadata = {}): PreparedDocument {
  try {
    return prepareDocument(raw, user);
  } catch (error) {
    throw new CliError(error instanceof IngestError ? error.toLine() : (error as Error).message);
  }
}

/** `--published`: a full date (`2017-07-14`, `14 July 2017`) or date-time, as ISO text. */
export function parsePublished(value: string): string {
  const date = normaliseDate(value);
  if (!date) throw new InvalidArgumentError('expected a date like 2017-07-14.');
  return date;
}

function summaryLine(x: Extraction): string {
  const byType = new Map<string, number>();
  for (const e of x.events) byType.set(e.type, (byType.get(e.type) ?? 0) + 1);
  const types = [...byType].map(([t, n]) => `${t} ${n}`).join(', ');
  return `${x.document.id.slice(0, 8)}  ${x.document.publishedAt ?? 'no date'}  ${x.places.length} places, ${x.actors.length} actors, ${x.times.length} times, ${x.events.length} events${types ? ` (${types})` : ''}, ${x.statements.length} statements`;
}

function eventLines(text: string, x: Extraction): string[] {
  return x.events.map((e) => {
    const route = e.origin || e.destination ? ` ${e.origin?.name ?? '?'} -> ${e.destination?.name ?? '?'}` : e.location ? ` at ${e.location.name}` : '';
    const when = e.time.from ? ` ${e.time.from}${e.time.to && e.time.to !== e.time.from ? `..${e.time.to}` : ''}` : '';
    const who = e.agent ? ` ${e.agent.name}` : '';
    return `  ${e.type}/${e.subtype}${who}${route}${when} [${e.modality}${e.negated ? ', negated' : ''}; ${e.attribution.source}] "${text.slice(e.evidence[e.evidence.length - 1]!.start, e.evidence[e.evidence.length - 1]!.end).replace(/\s+/g, ' ').slice(0, 110)}"`;
  });
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command('extract')
    .description('print the whole extraction of a document: places, actors, times, events, statements, stance, corridors')
    .argument('[file]', 'a file in any format ingest reads, or - for text on standard input', '-')
    .option('--published <date>', 'publication date (YYYY-MM-DD) to place relative times against', parsePublished)
    .option('--url <url>', 'the document URL (its host becomes the outlet)')
    .option('--jsonl', 'read one {id, text, publishedAt?, url?} JSON object per line on standard input; write one extraction per line')
    .option('--focus <codes>', 'countries (IQ) or admin1 codes (SY.04) to favour, comma-separated', parseFocus)
    .addOption(dbOption())
    .addOption(jsonOption())
    .action(async (file: string, options: { published?: string; url?: string; jsonl?: boolean; focus?: string[]; db?: string; json?: boolean }) => {
      const pipeline = await createDefaultPipeline({ focus: options.focus, database: resolveDb(ctx, options.db) });
      if (options.jsonl) {
        await eachJsonLine(ctx, (record, line) => {
          const { document } = prepareForCli(recordDocument(record, line));
          ctx.stdout.write(`${JSON.stringify({ id: record.id ?? line, ...pipeline.extract(document) })}\n`);
        });
        return;
      }
      const raws = await readDocuments(file);
      const extractions = raws.map((raw) => {
        const prepared = prepareForCli({ ...raw, url: options.url ?? raw.url }, { publishedAt: options.published });
        const extraction = pipeline.extract(prepared.document);
        for (const message of extraction.messages) if (NOTICE_RULES.has(message.ruleId)) ctx.stderr.write(`${prepared.source}: ${message.reason}\n`);
        return { text: prepared.document.text, extraction: { ...extraction, messages: [...prepared.messages, ...extraction.messages] } };
      });
      if (options.json) {
        printJson(ctx, extractions.length === 1 ? extractions[0]!.extraction : extractions.map((e) => e.extraction));
        return;
      }
      for (const { text, extraction } of extractions) {
        ctx.stdout.write(`${summaryLine(extraction)}\n`);
        for (const line of eventLines(text, extraction)) ctx.stdout.write(`${line}\n`);
      }
    });
}
