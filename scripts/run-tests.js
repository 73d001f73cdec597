#!/usr/bin/env node
// Runs every compiled test file under dist/test with Node's test runner
// (`node scripts/run-tests.js [part of a path...]` runs only the files that match),
// then ends with one line of counts whose failures decide the exit code:
// a cancelled test (a failed hook, an unfinished promise) counts as failed.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

function testFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return testFiles(path);
    return name.endsWith('.test.js') ? [path] : [];
  }).sort();
}

/**
 * The totals Node's TAP reporter ends with (`# pass 12`, `# fail 0`, ...), with
 * skips counted from the `# SKIP` lines: Node 20 counts a skipped suite nowhere.
 */
function tapTotals(tap) {
  const totals = {};
  for (const [, name, count] of tap.matchAll(/^# (\w+) (\d+)$/gm)) totals[name] = Number(count);
  totals.skipped = tap.match(/^\s*ok \d+ - .* # SKIP\b/gm)?.length ?? 0;
  return totals;
}

/**
 * The files that take longest, longest first: files start in list order, so
 * these run alongside the many short ones instead of being left for the end.
 */
const LONGEST_FIRST = [
  'web/e2e.test', 'reliability/properties.test', 'store/store.test', 'reliability/ten-megabytes.test',
  'reliability/crash-safety.test', 'reliability/hostile-cli.test', 'queue/queue.test',
];
const rank = (file) => {
  const index = LONGEST_FIRST.findIndex((part) => file.includes(part));
  return index === -1 ? LONGEST_FIRST.length : index;
};

const only = process.argv.slice(2);
const files = testFiles('dist/test').filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort((a, b) => rank(a) - rank(b));
if (files.length === 0) {
  console.error('run-tests: no test files found under dist/test');
  process.exit(1);
}

/**
 * No test bounds how long it takes; this only stops a file that hangs (a server
 * that never answers, a job that never ends) so that it fails instead of
 * holding the run: the slowest file takes a few minutes on a busy machine.
 */
const HUNG_FILE_MS = 20 * 60_000;

/**
 * Test files run side by side, one per core (at least two). They can: no test
 * measures time, and each file keeps to its own temporary folders, SQLite
 * files, PostgreSQL databases (named after its process) and ports (port 0).
 */
const CONCURRENCY = Number(process.env.TEST_CONCURRENCY) || Math.max(2, availableParallelism());

const reportDir = mkdtempSync(join(tmpdir(), 'corridor-tests-'));
const tapFile = join(reportDir, 'report.tap');
// Node's own choice of reporter on the terminal, plus a TAP copy to count from.
const reporter = process.stdout.isTTY ? 'spec' : 'tap';
const result = spawnSync(process.execPath, [
  '--test', `--test-concurrency=${CONCURRENCY}`, `--test-timeout=${HUNG_FILE_MS}`,
  `--test-reporter=${reporter}`, '--test-reporter-destination=stdout',
  '--test-reporter=tap', `--test-reporter-destination=${tapFile}`,
  ...files,
], { stdio: 'inherit' });
const totals = tapTotals(existsSync(tapFile) ? readFileSync(tapFile, 'utf8') : '');
rmSync(reportDir, { recursive: true, force: true });

const { browserTests, ENABLE_BROWSER_TESTS } = await import('../dist/test/browser.js');
const runsBrowserTests = files.some((f) => readFileSync(f, 'utf8').includes("from '../browser.js'"));
if (runsBrowserTests && browserTests() === 'skipped-no-chromium') console.log(`run-tests: ${ENABLE_BROWSER_TESTS}`);

const failed = (totals.fail ?? 0) + (totals.cancelled ?? 0);
console.log(`run-tests: ${totals.pass ?? 0} passed, ${failed} failed, ${totals.skipped} skipped`);
if (failed === 0 && result.status !== 0) {
  console.log(`run-tests: the test runner exited with ${result.status ?? result.signal} although no test failed`);
}
process.exit(failed > 0 || result.status !== 0 ? 1 : 0);
