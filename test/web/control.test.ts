// The control view in a real browser, on the demo store: a place's holders
// over time with their evidence, and the areas of control following the slider.
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { describeInBrowser } from '../browser.js';
import { openDemoPage, type DemoPage } from './demo-page.js';

describeInBrowser('the control view in chromium', () => {
  let demo: DemoPage;
  let page: Page;
  let problems: string[];

  before(async () => {
    demo = await openDemoPage();
    ({ page, problems } = demo);
    await demo.open();
  });

  after(async () => demo?.close());

  /** Moves the range's end to the first step on or after `iso`; resolves once the areas for that day are drawn. */
  const slideTo = async (iso: string) => {
    const max = Number(await page.locator('#time-to').getAttribute('max'));
    let day = '';
    for (let value = 0; value <= max && day < iso; value++) {
      await page.locator('#time-to').fill(String(value));
      day = (await page.locator('#time-to').getAttribute('aria-valuetext'))!;
    }
    await page.waitForFunction((d) => document.querySelector<HTMLElement>('#legend-control')?.dataset['day'] === d, day);
    return day;
  };
  /** The places the legend lists under each holder of the areas drawn. */
  const areasByHolder = async () => Object.fromEntries(await page.locator('.control-holder').evaluateAll((rows) =>
    rows.map((row) => [row.querySelector('.holder-name')!.textContent, row.querySelector('.group-meta')!.textContent!.trim()])));

  it('opens Raqqa\'s holders from 2014 to late 2017 from one of its control events, each with its evidence', async () => {
    await page.locator('.group-item', { hasText: /Control.*Ar Raqqah/ }).first().click();
    await page.locator('#panel-body button', { hasText: 'Who held Ar Raqqah over time' }).click();
    await page.waitForSelector('.holder-period .mention');
    assert.equal(await page.locator('#panel-title').textContent(), 'Ar Raqqah: who held it');
    const periods = await page.locator('.holder-period').evaluateAll((items) => items.map((item) => ({
      holder: item.querySelector('.holder-name')!.textContent,
      from: (item as HTMLElement).dataset['from'],
      to: (item as HTMLElement).dataset['to'],
      mark: item.querySelector('.change-mark')!.textContent,
      quotes: Array.from(item.querySelectorAll('.evidence-quote')).map((q) => q.textContent!.trim()),
      outlets: Array.from(item.querySelectorAll('.mention-head strong')).map((q) => q.textContent),
    })));
    assert.deepEqual(periods.map((p) => [p.holder, p.from]), [['Islamic State', '2014-01-01'], ['Syrian Democratic Forces', '2017-10-17']]);
    assert.equal(periods[0]!.to, '2017-10-16');
    for (const p of periods) {
      assert.ok(['asserted', 'claimed', 'contested'].includes(p.mark!), `${p.holder}: ${p.mark}`);
      assert.ok(p.quotes.length > 0 && p.quotes.every((q) => q.length > 10), `${p.holder} has its sentences`);
      assert.ok(p.outlets.every((o) => o && o !== 'Unknown outlet'), `${p.holder}: sources ${p.outlets.join(', ')}`);
    }
    assert.ok(periods.some((p) => p.quotes.some((q) => /Raqq/i.test(q))), 'the evidence speaks of Raqqa');
    assert.match(page.url(), /view=place%3A/);
  });

  it('redraws the areas of control as the slider moves: Raqqa shaded as Islamic State\'s, then the SDF\'s', async () => {
    const early = await slideTo('2016-06-01');
    const before = await areasByHolder();
    assert.match(before['Islamic State'] ?? '', /Ar Raqqah/, `areas on ${early}: ${JSON.stringify(before)}`);
    assert.ok(!(before['Syrian Democratic Forces'] ?? '').includes('Ar Raqqah'));
    assert.match(await page.locator('.control-day').textContent() ?? '', new RegExp(`On ${early}: \\d+ area`));

    const late = await slideTo('2017-11-01');
    const afterwards = await areasByHolder();
    assert.match(afterwards['Syrian Democratic Forces'] ?? '', /Ar Raqqah/, `areas on ${late}: ${JSON.stringify(afterwards)}`);
    assert.ok(!(afterwards['Islamic State'] ?? '').includes('Ar Raqqah'));
    assert.notDeepEqual(before, afterwards);
    assert.ok(await page.locator('.legend-control', { hasText: 'hatched: contested' }).count() === 1, 'the legend explains hatching');
    assert.deepEqual(problems, []);
  });
});
