#!/usr/bin/env node
// Takes a screenshot of a running Corridor page in Debian's chromium, and
// prints the browser console (CSP violations and script errors show there).
//   node scripts/screenshot.js http://127.0.0.1:4317/ test-artifacts/map.png [--click-arrow] [--zoom-at=x,y,steps]
// --zoom-at zooms in with the mouse wheel at a pixel of the page, as a user would.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { chromium } from 'playwright-core';

const [url = 'http://127.0.0.1:4317/', out = 'test-artifacts/map.png', ...flags] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('console', (message) => console.log(`console.${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => console.log(`pageerror: ${error.message}`));
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
  if (flags.includes('--click-arrow')) {
    // Arrowheads are buttons: focus and Enter reach one even where others overlap it.
    await page.locator('.movement-arrow').first().focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector('.mention');
  }
  const zoomAt = flags.find((f) => f.startsWith('--zoom-at='));
  if (zoomAt) {
    const [x, y, steps] = zoomAt.slice('--zoom-at='.length).split(',').map(Number);
    await page.mouse.move(x, y);
    for (let i = 0; i < steps; i++) {
      await page.mouse.wheel(0, -240);
      await page.waitForTimeout(300);
    }
  }
  await page.waitForTimeout(1000);
  mkdirSync(dirname(out), { recursive: true });
  await page.screenshot({ path: out });
  console.log(`saved ${out}`);
} finally {
  await browser.close();
}
