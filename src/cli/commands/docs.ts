import type { Command } from 'commander';
import type { StoredDocument } from '../../store/store.js';
import { dbOption, jsonOption, parseCount, printJson, resolveDb, shortId, withStore, type CliContext } from '../context.js';

export function register(program: Command, ctx: CliContext): void {
  program
    .command('docs')
    .description('list the stored documents (current versions), oldest publication date first')
    .addOption(dbOption())
    .option('--outlet <name>', 'only documents of this outlet')
    .option('--limit <n>', 'at most this many documents', parseCount)
    .addOption(jsonOption())
    .action(async (options: { db?: string; outlet?: string; limit?: number; json?: boolean }) => {
      const documents = await withStore(ctx, options.db, { mustExist: true }, (store) => store.listDocuments({ outlet: options.outlet, limit: options.limit }));
      if (options.json) {
        printJson(ctx, documents.map(withoutText));
        return;
      }
      if (documents.length === 0) {
        ctx.stdout.write(`No documents in ${resolveDb(ctx, options.db)}. Add some with \`corridor ingest <files, folders or URLs>\`.\n`);
        return;
      }
      const outletWidth = Math.min(24, Math.max(6, ...documents.map((d) => (d.outlet ?? '').length)));
      for (const d of documents) {
        const outlet = (d.outlet ?? '').slice(0, outletWidth).padEnd(outletWidth);
        ctx.stdout.write(`${shortId(d.id)}  ${dateLabel(d.publishedAt)}  ${outlet}  ${d.title ?? '(untitled)'}\n`);
      }
    });
}

/** The listing leaves the text out; `corridor show` prints it. */
export function withoutText(document: StoredDocument): Omit<StoredDocument, 'text'> & { characters: number } {
  const { text, ...rest } = document;
  return { ...rest, characters: text.length };
}

/** The day of a publication date, padded for columns; `undated` when unknown. */
export function dateLabel(publishedAt: string | null): string {
  return (publishedAt?.slice(0, 10) ?? 'undated').padEnd(10);
}
