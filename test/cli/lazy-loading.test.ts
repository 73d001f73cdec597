// Each CLI command loads only what it needs: `corridor --help` used to import
// every command's modules (the pipeline, the store, Fastify, pg-boss), about
// 2 s before printing anything.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot } from '../../src/resources.js';

const CLI = join(packageRoot, 'dist', 'src', 'cli', 'index.js');
const TRACE = join(packageRoot, 'dist', 'test', 'cli', 'load-trace.js');

/** The packages (under node_modules) and our own modules (under dist/src) a CLI run loads. */
function loadedBy(args: string[]): { packages: Set<string>; modules: Set<string> } {
  const result = spawnSync(process.execPath, ['--import', TRACE, CLI, ...args], { cwd: packageRoot, encoding: 'utf8' });
  const urls = [...result.stderr.matchAll(/^loaded (\S+)$/gm)].map((m) => m[1]!);
  assert.ok(urls.length > 0, result.stderr);
  return {
    packages: new Set(urls.flatMap((url) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1] ?? [])),
    modules: new Set(urls.flatMap((url) => /\/dist\/src\/(.+)\.js$/.exec(url)?.[1] ?? [])),
  };
}

test('corridor --help loads commander and the command definitions, nothing else', () => {
  const { packages, modules } = loadedBy(['--help']);
  assert.deepEqual([...packages], ['commander']);
  assert.deepEqual([...modules].filter((m) => !m.startsWith('cli/')).sort(), ['api/address', 'config', 'export/formats', 'ingest/limits', 'store/common']);
});

test('corridor docs loads the store, but not the pipeline or the server', () => {
  const { packages, modules } = loadedBy(['docs', '--db', join(packageRoot, 'no-such.db')]);
  assert.ok(packages.has('better-sqlite3'));
  for (const heavy of ['fastify', 'chrono-node', 'pg-boss', 'linkedom']) assert.ok(!packages.has(heavy), heavy);
  assert.ok(!modules.has('default-pipeline'));
});
