import type { Command } from 'commander';
import { dbOption, jsonOption, parseCount, printJson, shortId, withStore, type CliContext } from '../context.js';
import { dateLabel } from './docs.js';

export function register(program: Command, ctx: CliContext): void {
  program
    .command('search')
    .description('full-text search of the stored documents; matches are shown [[like this]]')
    .argument('<query>', 'words, "a phrase", or FTS5 syntax (Mosul OR Raqqa, title:corridor)')
    .addOption(dbOption())
    .option('--limit <n>', 'at most this many documents', parseCount, 20)
    .addOption(jsonOption())
    .action(async (query: string, options: { db?: string; limit: number; json?: boolean }) => {
      const hits = await withStore(ctx, options.db, { mustExist: true }, (store) => store.search(query, options.limit));
      if (options.json) {
        printJson(ctx, hits);
        return;
      }
      if (hits.length === 0) {
        ctx.stdout.write(`No documents match "${query}".\n`);
        return;
      }
      for (const hit of hits) {
        ctx.stdout.write(`${shortId(hit.docId)}  ${dateLabel(hit.publishedAt)}  ${hit.outlet ?? ''}  ${hit.title ?? '(untitled)'}\n`);
        ctx.stdout.write(`    ${hit.snippet.replace(/\s+/g, ' ')}\n`);
      }
    });
}
