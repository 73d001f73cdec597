/**
 * Throwaway PostgreSQL databases for tests. The server is the one at
 * $CORRIDOR_TEST_POSTGRES (default: postgres@127.0.0.1:5432, trust auth);
 * each test gets a database of its own, `corridor_test_<pid>_<random>`,
 * dropped when it ends. Without a reachable server the PostgreSQL tests are
 * skipped with the reason, except in CI (CI=true), where they must run.
 */
import { after } from 'node:test';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPostgresStore } from '../../src/store/index.js';

export const ADMIN_URL = process.env['CORRIDOR_TEST_POSTGRES'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const IN_CI = process.env['CI'] === 'true';

export interface PostgresAvailability {
  /** Why the PostgreSQL tests are skipped, or false to run them. */
  skip: string | false;
  /** Why the PostGIS tests are skipped, or false to run them. */
  skipPostgis: string | false;
}

/**
 * Whether the server answers and has PostGIS. In CI a missing server or
 * extension is not a reason to skip: the tests then run and fail.
 */
export async function probePostgres(): Promise<PostgresAvailability> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    const { rows } = await client.query("SELECT count(*)::int AS n FROM pg_available_extensions WHERE name = 'postgis'");
    const postgis = rows[0].n > 0;
    return { skip: false, skipPostgis: postgis || IN_CI ? false : `PostGIS is not installed on ${ADMIN_URL} (apt-get install postgresql-15-postgis-3)` };
  } catch (error) {
    const reason = `PostgreSQL is not reachable at ${ADMIN_URL} (${error instanceof Error ? error.message : String(error)}); set CORRIDOR_TEST_POSTGRES`;
    return IN_CI ? { skip: false, skipPostgis: false } : { skip: reason, skipPostgis: reason };
  } finally {
    await client.end().catch(() => {});
  }
}

async function admin<T>(use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

function databaseUrl(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

const dropAfterRun: string[] = [];
after(async () => {
  if (dropAfterRun.length === 0) return;
  await admin(async (client) => {
    for (const name of dropAfterRun) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });
});

/** A new empty database (or a copy of `template`), dropped after the test; returns its URL. */
export async function createTestDatabase(t: { after: (fn: () => Promise<void>) => void }, template?: string): Promise<string> {
  const name = `corridor_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await admin((client) => client.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`));
  t.after(() => admin(async (client) => { await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`); }));
  return databaseUrl(name);
}

const templates = new Map<string, Promise<string>>();

/**
 * A database with the Corridor schema already applied, copied from a template
 * made once per test file (setting up PostGIS takes seconds; copying does not).
 */
export async function createMigratedDatabase(t: { after: (fn: () => Promise<void>) => void }, options: { postgis: boolean }): Promise<string> {
  const key = options.postgis ? 'postgis' : 'btree';
  let template = templates.get(key);
  if (!template) {
    template = (async () => {
      const name = `corridor_template_${process.pid}_${key}`;
      await admin((client) => client.query(`CREATE DATABASE ${name}`));
      dropAfterRun.push(name);
      const store = await openPostgresStore(databaseUrl(name), { postgis: options.postgis });
      await store.close();
      return name;
    })();
    templates.set(key, template);
  }
  return createTestDatabase(t, await template);
}
