import { join } from 'node:path';
import type { Command } from 'commander';
import { dbOption, DEFAULT_DB, jsonOption, printJson, resolveDb, type CliContext } from '../context.js';
import { spawn } from 'node:child_process';
import { runIngest, summaryLine } from './ingest.js';
import { serveStore } from './serve.js';

export function register(program: Command, ctx: CliContext): void {
  program
    .command('demo')
    .description('read the demo corpus (examples/demo) into the store, then serve the map (what `npm start` runs)')
    .addOption(dbOption())
    .option('--no-serve', 'only ingest and print what to try next')
    .option('--port <n>', 'port for the map (default 4317)', (v: string) => Number(v))
    .addOption(jsonOption())
    .action(async (options: { db?: string; json?: boolean; serve: boolean; port?: number }) => {
      const db = resolveDb(ctx, options.db);
      const summary = await runIngest(ctx, [join(ctx.root, 'examples', 'demo')], { db });
      if (summary.failed > 0) ctx.exitCode = 1;
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
        `  npx corridor clusters${dbFlag}              events told by several reports`,
        `  npx corridor contradictions${dbFlag}        who contradicts whom`,
        '',
      ].join('\n'));
      if (!options.serve || summary.failed > 0) return;
      const url = await serveStore(ctx, { db, port: options.port });
      openBrowser(ctx, url);
    });
}

/** Opens the map in the user's browser when there is a desktop to open it on; silent otherwise. */
function openBrowser(ctx: CliContext, url: string): void {
  const onTerminal = (ctx.stdout as Partial<NodeJS.WriteStream>).isTTY;
  if (ctx.env['CI'] || !onTerminal || (process.platform === 'linux' && !ctx.env['DISPLAY'] && !ctx.env['WAYLAND_DISPLAY'])) return;
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  const child = spawn(command, [url], { detached: true, stdio: 'ignore' });
  child.on('error', () => undefined);
  child.unref();
}
