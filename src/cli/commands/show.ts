import type { Command } from 'commander';
import type { Extraction } from '../../types.js';
import { CliError, dbOption, jsonOption, printJson, shortId, withStore, type CliContext } from '../context.js';

export function register(program: Command, ctx: CliContext): void {
  program
    .command('show')
    .description('print one document: its metadata, text and how many items were extracted from it')
    .argument('<id>', 'document id or a prefix of it (as `corridor docs` lists)')
    .addOption(dbOption())
    .addOption(jsonOption())
    .action(async (idPrefix: string, options: { db?: string; json?: boolean }) => {
      const { document, extraction } = await withStore(ctx, options.db, { mustExist: true }, async (store) => {
        const matches = await store.findDocuments(idPrefix);
        if (matches.length === 0) throw new CliError(`no document with an id starting with "${idPrefix}"`);
        if (matches.length > 1) {
          throw new CliError(`"${idPrefix}" is ambiguous: ${matches.length} documents start with it (${matches.slice(0, 5).map((d) => shortId(d.id)).join(', ')}${matches.length > 5 ? ', ...' : ''})`);
        }
        return { document: matches[0]!, extraction: await store.getExtraction(matches[0]!.id) };
      });
      const counts = extraction ? countItems(extraction) : null;
      if (options.json) {
        printJson(ctx, { document, counts });
        return;
      }
      const fields: Array<[string, string | null]> = [
        ['id', document.id],
        ['title', document.title],
        ['outlet', document.outlet],
        ['author', document.author],
        ['url', document.url],
        ['published', document.publishedAt && `${document.publishedAt} (from ${document.publishedAtSource})`],
        ['language', document.language],
        ['source', document.source],
        ['ingested', document.ingestedAt],
        ['replaces', document.previousVersion],
        ['extracted', counts && Object.entries(counts).map(([name, count]) => `${count} ${name}`).join(', ')],
      ];
      for (const [label, value] of fields) if (value) ctx.stdout.write(`${label.padEnd(10)} ${value}\n`);
      // The text as stored (offsets index it), ended by one line break.
      ctx.stdout.write(`\n${document.text}${document.text.endsWith('\n') ? '' : '\n'}`);
    });
}

function countItems(extraction: Extraction): Record<string, number> {
  const { places, actors, times, events, statements, corridors, sentences, messages } = extraction;
  return {
    places: places.length, actors: actors.length, times: times.length, events: events.length,
    statements: statements.length, corridors: corridors.length, sentences: sentences.length, messages: messages.length,
  };
}
