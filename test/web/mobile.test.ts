// The page on a phone (390 × 844, an iPhone 12-15), in chromium on the demo store:
// nothing scrolls sideways, the map takes the whole width, the panel is a sheet,
// and "Show panel" never covers the zoom buttons.
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { describeInBrowser } from '../browser.js';
import { openDemoPage, type DemoPage } from './demo-page.js';

const PHONE = { width: 390, height: 844 };

describeInBrowser('the page on a phone in chromium', () => {
  let demo: DemoPage;
  let page: Page;

  before(async () => {
    demo = await openDemoPage(PHONE);
    page = demo.page;
  });

  after(async () => demo?.close());

  /** The page itself and every element that could scroll sideways, when its content is wider than it. */
  const scrollingSideways = () => page.evaluate(() => {
    const wider = (el: Element) => el.scrollWidth > el.clientWidth + 1;
    const page = [document.documentElement, document.body].filter((el) => el.scrollWidth > window.innerWidth);
    const boxes = Array.from(document.querySelectorAll('body *')).filter((el) => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX) && wider(el));
    return [...page, ...boxes].map((el) => `${el.tagName.toLowerCase()}#${el.id}.${el.className}: ${el.scrollWidth} > ${el.clientWidth}`);
  });
  const box = async (selector: string) => (await page.locator(selector).boundingBox())!;
  const overlap = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
    a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

  it('fills the width with the map and scrolls nothing sideways, with the panel open on a document or closed', async () => {
    await demo.open();
    const map = await box('canvas.maplibregl-canvas');
    assert.equal(Math.round(map.x), 0);
    assert.equal(Math.round(map.width), PHONE.width);
    assert.ok(map.height > PHONE.height / 2, `the map is ${map.height} px high`);
    assert.deepEqual(await scrollingSideways(), []);

    const panel = await box('#panel');
    assert.equal(Math.round(panel.width), PHONE.width, 'the panel is a sheet as wide as the screen');
    assert.ok(panel.y > PHONE.height / 3, 'over the lower part of the map');

    await page.locator('.group-item').first().click();
    await page.locator('.mention button', { hasText: 'Read the document' }).first().click();
    await page.waitForSelector('.doc-text');
    assert.deepEqual(await scrollingSideways(), []);

    await page.locator('#panel-close').click();
    assert.deepEqual(await scrollingSideways(), []);
    assert.deepEqual(demo.problems, []);
  });

  it('keeps "Show panel" off the zoom buttons, on a phone and on a desktop, and the zoom button works', async () => {
    for (const viewport of [PHONE, { width: 1280, height: 800 }]) {
      await page.setViewportSize(viewport);
      await demo.open();
      await page.locator('#panel-close').click();
      const show = await box('#panel-open');
      const zoom = await box('.maplibregl-ctrl-group');
      assert.ok(!overlap(show, zoom), `at ${viewport.width} px: "Show panel" ${JSON.stringify(show)} covers the zoom control ${JSON.stringify(zoom)}`);

      const scale = await page.locator('.maplibregl-ctrl-scale').evaluate((bar: HTMLElement) => `${bar.textContent} ${bar.style.width}`);
      await page.locator('.maplibregl-ctrl-zoom-in').click();
      await page.waitForFunction((s) => {
        const bar = document.querySelector<HTMLElement>('.maplibregl-ctrl-scale')!;
        return `${bar.textContent} ${bar.style.width}` !== s;
      }, scale);
      await page.locator('#panel-open').click();
      assert.equal(await page.locator('#panel').isVisible(), true);
    }
    assert.deepEqual(demo.problems, []);
  });
});
