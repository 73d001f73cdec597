import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { Store } from '../store/store.js';

/** Where a run of the CLI reads and writes, and its environment: the process's, or a test's own. */
export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WriteStream;
  stdin: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
}

/** What every command is given: where to write, the environment, and where the package lives. */
export interface CliContext extends CliIo {
  /** The package root (holds package.json, examples/, resources/). */
  root: string;
  version: string;
  /** The exit code of a run that completes but had failures (some inputs failed): set to 1 by commands. */
  exitCode: number;
}

/**
 * Adds a command to the program. Registering only describes the command: what
 * its action needs is imported inside the action (`await import(...)`), so
 * that `corridor --help` and each command load only their own modules.
 */
export type RegisterCommand = (program: Command, ctx: CliContext) => void;

/** A failure to report as one `corridor: ...` line with an exit code (1 failure, 2 usage). */
export class CliError extends Error {
  constructor(message: string, readonly exitCode: 1 | 2 = 1) {
    super(message);
    this.name = 'CliError';
  }
}

export function createContext(io: CliIo): CliContext {
  // Compiled to dist/src/cli/context.js: the package root is three levels up.
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  const { version } = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { version: string };
  return { ...io, root, version, exitCode: 0 };
}

export const DEFAULT_DB = './corridor.db';

/** `--db FILE`, shared by every command that reads or writes the store. */
export function dbOption(): Option {
  return new Option('--db <file|url>', `SQLite database file, or a postgres:// URL for the PostgreSQL store (default: $CORRIDOR_DB or ${DEFAULT_DB})`);
}

export function jsonOption(): Option {
  return new Option('--json', 'print JSON instead of text');
}

export function resolveDb(ctx: CliContext, db: string | undefined): string {
  return db ?? (ctx.env['CORRIDOR_DB'] || DEFAULT_DB);
}

/** Opens the store named by `--db`, turning open failures into one-line errors. */
export async function openCliStore(ctx: CliContext, db: string | undefined, options: { mustExist?: boolean } = {}): Promise<Store> {
  const { openStore } = await import('../store/index.js');
  try {
    return await openStore(resolveDb(ctx, db), options);
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error));
  }
}

/** Runs `use` with an open store and always closes it. */
export async function withStore<T>(ctx: CliContext, db: string | undefined, options: { mustExist?: boolean }, use: (store: Store) => Promise<T>): Promise<T> {
  const store = await openCliStore(ctx, db, options);
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

export function printJson(ctx: CliContext, value: unknown): void {
  ctx.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** A whole number option value (`--limit 20`). */
export function parseCount(value: string): number {
  const count = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(count)) throw new InvalidArgumentError('expected a whole number.');
  return count;
}

export function shortId(id: string): string {
  return id.slice(0, 8);
}
