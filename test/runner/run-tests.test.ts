// `npm test` on a machine without chromium: the browser tests are skipped with
// one line saying how to enable them, and the exit code agrees with the counts
// (it was 1 with "fail 0" when a failed hook cancelled the browser tests).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot } from '../../src/resources.js';

/** The test runner on the two browser test files only, with chromium looked for where there is none. */
function runBrowserTests(env: Record<string, string>) {
  // NODE_TEST_CONTEXT would make the inner runner report to this one instead of printing.
  const { CORRIDOR_SKIP_BROWSER: _skip, CORRIDOR_REQUIRE_BROWSER: _require, NODE_TEST_CONTEXT: _context, ...inherited } = process.env;
  const result = spawnSync(process.execPath, [join('scripts', 'run-tests.js'), 'export/browser.test', 'web/e2e.test'], {
    cwd: packageRoot, encoding: 'utf8', env: { ...inherited, CORRIDOR_CHROMIUM: '/nonexistent/chromium', ...env },
  });
  const lines = result.stdout.trimEnd().split('\n');
  return { status: result.status, lines, last: lines.at(-1) };
}

describe('scripts/run-tests.js without chromium', () => {
  it('skips the browser tests, says once how to enable them, and exits 0', () => {
    const run = runBrowserTests({});
    assert.equal(run.last, 'run-tests: 0 passed, 0 failed, 2 skipped', run.lines.join('\n'));
    assert.deepEqual(run.lines.filter((line) => line.includes('apt-get install -y chromium')), [
      "run-tests: browser tests skipped: no chromium at /nonexistent/chromium; install Debian's chromium (apt-get install -y chromium) or set CORRIDOR_CHROMIUM to run them",
    ]);
    assert.equal(run.status, 0);
  });

  it('fails them under CORRIDOR_REQUIRE_BROWSER=1, and exits 1', () => {
    const run = runBrowserTests({ CORRIDOR_REQUIRE_BROWSER: '1' });
    assert.equal(run.last, 'run-tests: 0 passed, 2 failed, 0 skipped', run.lines.join('\n'));
    assert.equal(run.status, 1);
  });
});
