import { stat } from 'node:fs/promises';
import { InvalidArgumentError, type Command } from 'commander';
import { DEFAULT_HOST, DEFAULT_PORT } from '../../api/address.js';
import { CliError, dbOption, jsonOption, openCliStore, printJson, resolveDb, type CliContext } from '../context.js';

export interface ServeOptions {
  db?: string;
  port?: number;
  host?: string;
  layers?: string;
  token?: string;
  json?: boolean;
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value.trim()) || port > 65535) throw new InvalidArgumentError('expected a port number from 0 to 65535.');
  return port;
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command('serve')
    .description('serve the map, the evidence panel and the API (OpenAPI docs at /docs)')
    .addOption(dbOption())
    .option('--port <n>', `port to listen on (default ${DEFAULT_PORT}; 0 picks a free one)`, parsePort)
    .option('--host <address>', `address to listen on (default ${DEFAULT_HOST}, this machine only)`)
    .option('--layers <dir>', 'folder of GeoJSON files shown as reference layers under the events')
    .option('--token <secret>', 'require Authorization: Bearer <secret> on writes (default $CORRIDOR_TOKEN); needed with a --host other than loopback')
    .addOption(jsonOption())
    .action(async (options: ServeOptions) => {
      await serveStore(ctx, options);
    });
}

/**
 * Opens the store, serves it until SIGINT/SIGTERM and prints the address
 * (also used by `corridor demo`, i.e. `npm start`).
 */
export async function serveStore(ctx: CliContext, options: ServeOptions): Promise<string> {
  const [{ startServer }, { isLoopback }] = await Promise.all([import('../../api/server.js'), import('../../api/security.js')]);
  if (options.layers) {
    const info = await stat(options.layers).catch(() => null);
    if (!info?.isDirectory()) throw new CliError(`${options.layers}: not a folder (--layers wants a folder of .geojson files)`);
  }
  const token = options.token ?? (ctx.env['CORRIDOR_TOKEN'] || null);
  if (!token && options.host && !isLoopback(options.host)) {
    throw new CliError(`--host ${options.host} lets other machines in: give a token for writes with --token or CORRIDOR_TOKEN`, 2);
  }
  const db = resolveDb(ctx, options.db);
  const store = await openCliStore(ctx, options.db);
  let server;
  try {
    server = await startServer({ store, host: options.host, port: options.port, layersDir: options.layers ?? null, token });
  } catch (error) {
    await store.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new CliError(`port ${options.port ?? DEFAULT_PORT} is already in use; choose another with --port`);
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new CliError(`cannot listen on ${options.host}: no such address on this machine`);
    throw error;
  }
  const running = server;
  const stop = async () => {
    await running.close();
    await store.close();
  };
  // Before the address is printed: whoever reads it may stop the server at once.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stop());
  for (const problem of server.layerProblems) ctx.stderr.write(`corridor: layer skipped: ${problem}\n`);
  if (options.json) printJson(ctx, { url: server.url, database: db });
  else ctx.stdout.write(`Corridor is serving ${db} at ${server.url}  (API docs: ${server.url}/docs). Press Ctrl+C to stop.\n`);
  return server.url;
}
