// The browser the browser tests drive: Debian's chromium through playwright-core.
// Without it they are skipped, so `npm test` passes on a fresh machine, unless
// CORRIDOR_REQUIRE_BROWSER=1 (as CI sets): then a missing browser fails them.
// scripts/run-tests.js reads browserTests() too, to print how to enable them.
import { existsSync } from 'node:fs';
import { describe, test } from 'node:test';
import type { Browser } from 'playwright-core';

export const CHROMIUM = process.env['CORRIDOR_CHROMIUM'] ?? '/usr/bin/chromium';

/** The one line `npm test` prints when the browser tests are skipped for want of chromium. */
export const ENABLE_BROWSER_TESTS = `browser tests skipped: no chromium at ${CHROMIUM}; install Debian's chromium (apt-get install -y chromium) or set CORRIDOR_CHROMIUM to run them`;

export type BrowserTests = 'run' | 'skipped-on-request' | 'skipped-no-chromium' | 'failed-no-chromium';

/** What the browser tests do on this machine, with this environment. */
export function browserTests(): BrowserTests {
  if (process.env['CORRIDOR_SKIP_BROWSER'] === '1') return 'skipped-on-request';
  if (existsSync(CHROMIUM)) return 'run';
  return process.env['CORRIDOR_REQUIRE_BROWSER'] === '1' ? 'failed-no-chromium' : 'skipped-no-chromium';
}

/**
 * A suite that needs the browser. When chromium is required but missing it is
 * one failing test: a failing `before` hook would only cancel the tests,
 * which the summary does not count as failed.
 */
export function describeInBrowser(name: string, body: () => void): void {
  switch (browserTests()) {
    case 'run':
      describe(name, body);
      return;
    case 'skipped-on-request':
      describe(name, { skip: 'CORRIDOR_SKIP_BROWSER=1' }, body);
      return;
    case 'skipped-no-chromium':
      describe(name, { skip: `no chromium at ${CHROMIUM}` }, body);
      return;
    case 'failed-no-chromium':
      test(name, () => {
        throw new Error(`CORRIDOR_REQUIRE_BROWSER=1, but there is no chromium at ${CHROMIUM}: install it (apt-get install -y chromium) or set CORRIDOR_CHROMIUM`);
      });
  }
}

/** Headless chromium with the flags that work as root, without a GPU, and offline. */
export async function launchChromium(): Promise<Browser> {
  // Loaded here so that scripts/run-tests.js can read browserTests() without it.
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}
