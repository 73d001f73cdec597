import type { Command } from 'commander';
import type { Extraction } from '../../types.js';
import { dbOption, jsonOption, printJson, resolveDb, type CliContext } from '../context.js';
import { eachJsonLine, parseFocus } from './geo.js';

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
    .option('--published <date>', 'publication date (YYYY-MM-DD) to place relative times against')
    .option('--url <url>', 'the document URL (its host becomes the outlet)')
    .option('--jsonl', 'read one {id, text, publishedAt?, url?} JSON object per line on standard input; write one extraction per line')
    .option('--focus <codes>', 'countries (IQ) or admin1 codes (SY.04) to favour, comma-separated', parseFocus)
    .addOption(dbOption())
    .addOption(jsonOption())
    .action(async (file: string, options: { published?: string; url?: string; jsonl?: boolean; focus?: string[]; db?: string; json?: boolean }) => {
      const [{ createDefaultPipeline }, { NOTICE_RULES }, { parsePublished, prepareForCli, readDocuments, recordDocument }] = await Promise.all([
        import('../../default-pipeline.js'), import('../../ingest/index.js'), import('../documents.js'),
      ]);
      const published = options.published === undefined ? undefined : parsePublished(options.published);
      const pipeline = await createDefaultPipeline({ focus: options.focus, database: resolveDb(ctx, options.db) });
      if (options.jsonl) {
        await eachJsonLine(ctx, (record, line) => {
          const { document } = prepareForCli(recordDocument(record, line));
          ctx.stdout.write(`${JSON.stringify({ id: record.id ?? line, ...pipeline.extract(document) })}\n`);
        });
        return;
      }
      const raws = await readDocuments(file, ctx.stdin);
      const extractions = raws.map((raw) => {
        const prepared = prepareForCli({ ...raw, url: options.url ?? raw.url }, { publishedAt: published });
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
