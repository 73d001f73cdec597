import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { createDefaultPipeline } from '../../default-pipeline.js';
import { IngestError, loadInput, normaliseDate, prepareDocument, type RawDocument } from '../../ingest/index.js';
import type { Extraction } from '../../types.js';
import { CliError, dbOption, jsonOption, printJson, resolveDb, type CliContext } from '../context.js';
import { eachJsonLine, parseFocus } from './geo.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The documents of one input: a file in any format `ingest` reads, or `-` for plain text on standard input. */
async function readDocuments(file: string): Promise<RawDocument[]> {
  if (file === '-') return [{ text: await readStdin(), source: 'stdin', input: 'stdin' }];
  try {
    const { documents, errors } = await loadInput({ kind: 'file', path: file });
    if (errors.length && !documents.length) throw errors[0]!;
    return documents;
  } catch (error) {
    throw new CliError(error instanceof IngestError ? error.toLine() : (error as Error).message);
  }
}

/** The text of the first document of an input (for commands that take one text). */
export async function readTextInput(file: string): Promise<string> {
  const [first] = await readDocuments(file);
  if (!first || !first.text.trim()) throw new CliError(`${file === '-' ? 'stdin' : file}: no text`);
  return prepareDocument(first).document.text;
}

function parseDay(value: string): string {
  const date = normaliseDate(value);
  if (!date || !/^\d{4}-\d{2}-\d{2}/.test(date)) throw new InvalidArgumentError('expected a date like 2017-07-14.');
  return date.slice(0, 10);
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
    return `  ${e.type}/${e.subtype}${who}${route}${when} [${e.modality ?? 'unchecked'}${e.negated ? ', negated' : ''}; ${e.attribution?.source ?? 'unattributed'}] "${text.slice(e.evidence[e.evidence.length - 1]!.start, e.evidence[e.evidence.length - 1]!.end).replace(/\s+/g, ' ').slice(0, 110)}"`;
  });
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command('extract')
    .description('print the whole extraction of a document: places, actors, times, events, statements, stance, corridors')
    .argument('[file]', 'a file in any format ingest reads, or - for text on standard input', '-')
    .option('--published <date>', 'publication date (YYYY-MM-DD) to place relative times against', parseDay)
    .option('--url <url>', 'the document URL (its host becomes the outlet)')
    .option('--jsonl', 'read one {id, text, publishedAt?, url?} JSON object per line on standard input; write one extraction per line')
    .option('--focus <codes>', 'countries (IQ) or admin1 codes (SY.04) to favour, comma-separated', parseFocus)
    .addOption(dbOption())
    .addOption(jsonOption())
    .action(async (file: string, options: { published?: string; url?: string; jsonl?: boolean; focus?: string[]; db?: string; json?: boolean }) => {
      const pipeline = await createDefaultPipeline({ focus: options.focus, database: resolveDb(ctx, options.db) });
      if (options.jsonl) {
        await eachJsonLine(ctx, (record, line) => {
          if (typeof record.text !== 'string' || !record.text.trim()) throw new CliError(`stdin:${line}: missing "text"`);
          const { document } = prepareDocument({
            text: record.text, source: `stdin#${line}`, input: 'stdin', line,
            publishedAt: typeof record.publishedAt === 'string' ? normaliseDate(record.publishedAt) : null,
            url: typeof record.url === 'string' ? record.url : null,
          });
          ctx.stdout.write(`${JSON.stringify({ id: record.id ?? line, ...pipeline.extract(document) })}\n`);
        });
        return;
      }
      const raws = await readDocuments(file);
      const extractions = raws.map((raw) => {
        let prepared;
        try {
          prepared = prepareDocument({ ...raw, publishedAt: options.published ?? raw.publishedAt, url: options.url ?? raw.url });
        } catch (error) {
          throw new CliError(error instanceof IngestError ? error.toLine() : (error as Error).message);
        }
        const extraction = pipeline.extract(prepared.document);
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
