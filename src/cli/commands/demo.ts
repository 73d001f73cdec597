import { join } from 'node:path';
import type { Command } from 'commander';
import { dbOption, DEFAULT_DB, jsonOption, printJson, resolveDb, type CliContext } from '../context.js';
import { runIngest, summaryLine } from './ingest.js';

export function register(program: Command, ctx: CliContext): void {
  program
    .command('demo')
    .description('read the demo corpus (examples/demo) into the store and show what to try next')
    .addOption(dbOption())
    .addOption(jsonOption())
    .action(async (options: { db?: string; json?: boolean }) => {
      const db = resolveDb(ctx, options.db);
      const summary = await runIngest(ctx, [join(ctx.root, 'examples', 'demo')], { db });
      if (summary.failed > 0) process.exitCode = 1;
      if (options.json) {
        printJson(ctx, { database: db, ...summary });
        return;
      }
      const dbFlag = db === DEFAULT_DB ? '' : ` --db ${db}`;
      const first = summary.documents[0];
      ctx.stdout.write([
        `Demo corpus: ${summaryLine(summary)}`,
        `Database: ${db}`,
        '',
        'Try next:',
        `  npx corridor docs${dbFlag}                  list the documents`,
        `  npx corridor search "Tal Afar"${dbFlag}     full-text search`,
        ...(first ? [`  npx corridor show ${first.id.slice(0, 8)}${dbFlag}         one document and what was extracted`] : []),
        '',
      ].join('\n'));
    });
}
