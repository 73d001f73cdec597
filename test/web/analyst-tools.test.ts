// The analyst's everyday tools in chromium on the demo store: speakers grouped
// in the Source filter, preset windows, play from the filter's start at a
// chosen speed, the feed's type icons and relative times, and the counts.
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { describeInBrowser } from '../browser.js';
import { openDemoPage, type DemoPage } from './demo-page.js';
import { isOccurrence, type Event } from '../../src/types.js';

const DAY = 86_400_000;
const shiftDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

describeInBrowser('the analyst\'s tools, continued, in chromium', () => {
  let demo: DemoPage;
  let page: Page;
  let events: Array<{ attribution: { source: string } | null; type: string } & Pick<Event, 'modality' | 'intent'>>;

  before(async () => {
    demo = await openDemoPage();
    page = demo.page;
    events = ((await (await fetch(`${demo.server.url}/api/events?limit=5000`)).json()) as { items: typeof events }).items;
  });
  after(async () => demo?.close());

  const reportsShown = async () => Number((await page.locator('#status').textContent())!.match(/ · (\d+) reports/)![1]);

  it('groups the Source filter\'s speakers by who they speak for, one option per person however the texts spell them', async () => {
    await demo.open();
    const raw = new Set(events.map((e) => e.attribution?.source).filter(Boolean));
    const options = await page.locator('#filter-source optgroup option').allTextContents();
    assert.ok(await page.locator('#filter-source optgroup').count() > 1);
    assert.ok(options.length < raw.size, `${options.length} options for ${raw.size} spellings`);
    // The demo's coalition spokesman is "Col. Daniel Reyes" at first mention and "Reyes" after.
    const reyes = options.filter((o) => /Reyes/.test(o));
    assert.equal(reyes.length, 1, reyes.join(' | '));
    assert.match(reyes[0]!, /^Col\. Daniel Reyes \(\d+\)$/);
    const value = await page.locator('#filter-source option', { hasText: 'Col. Daniel Reyes' }).getAttribute('value');
    await page.locator('#filter-source').selectOption(value!);
    // Without a Modality filter the page shows what happened.
    assert.equal(await reportsShown(), events.filter((e) => isOccurrence(e) && /(^|\s)Reyes$/.test(e.attribution?.source ?? '')).length);
    assert.deepEqual(demo.problems, []);
  });

  it('selects the last 7 or 30 days of the data, a year, or all, with a preset', async () => {
    await demo.open();
    // The data's last day bounds the date fields (the slider's last step may run past it).
    const last = (await page.locator('#date-to').getAttribute('max'))!;
    for (const [label, days] of [['30 days', 30], ['7 days', 7], ['year', 365]] as const) {
      await page.locator('#time-presets button', { hasText: label }).click();
      assert.deepEqual([await page.locator('#date-from').inputValue(), await page.locator('#date-to').inputValue()], [shiftDays(last, 1 - days), last], label);
      assert.match(page.url(), new RegExp(`from=${shiftDays(last, 1 - days)}&to=${last}`));
    }
    await page.locator('#time-presets button', { hasText: 'all' }).click();
    assert.doesNotMatch(page.url(), /from=/);
  });

  it('plays from the filter\'s start at the chosen speed, and pauses', async () => {
    await demo.open('#from=2017-06-01&to=2017-06-30');
    // Half speed: a step every 1.4 s, time enough to read where play started.
    await page.locator('#play-speed').selectOption('0.5');
    await page.locator('#play').click();
    const first = await page.locator('#date-from').inputValue();
    // The slider moves by month on the demo's three-year timeline: play starts at the step holding the filter's start.
    assert.ok(first >= '2017-05-01' && first <= '2017-06-01', first);
    await page.locator('#play-speed').selectOption('4');
    await page.waitForFunction((from) => (document.querySelector<HTMLInputElement>('#date-from')!.value > from), first, { timeout: 5_000 });
    await page.locator('#play').click();
    assert.equal(await page.locator('#play').getAttribute('aria-label'), 'Play through time');
  });

  it('shows each event in the feed with its type icon and how long ago it was, and counts the events in view by type, actor and status', async () => {
    await demo.open('#map=35.5,40.5,3');
    await page.waitForSelector('#panel-body .group-item .type-icon');
    const items = page.locator('#panel-body .group-item');
    const icons = await items.locator('.type-icon').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('aria-label')));
    assert.ok(icons.length > 10 && icons.every((type) => ['movement', 'control', 'attack', 'agreement', 'governance', 'displacement', 'declaration'].includes(type!)), icons.join(', '));
    const metas = await items.locator('.group-meta').allTextContents();
    assert.ok(metas.every((m) => / · \d+ years? ago · \d+ reports?$/.test(m) || /^undated/.test(m)), metas.slice(0, 5).join(' | '));

    const inView = Number((await page.locator('#panel-body .summary').textContent())!.match(/^(\d+) events in view/)![1]);
    assert.deepEqual(await page.locator('#panel-body .chart figcaption').allTextContents(), ['By type', 'By actor (agent)', 'By status']);
    const typeCounts = (await page.locator('#panel-body .chart').first().locator('.chart-count').allTextContents()).map(Number);
    assert.equal(typeCounts.reduce((a, b) => a + b, 0), inView, 'every event in view has one type');
    const axes = await page.locator('#panel-body .chart-axis-title').allTextContents();
    assert.deepEqual(axes, ['events in view', 'events in view', 'events in view']);
    assert.match((await page.locator('#histogram .axis-title').textContent())!, /^events per month \(tallest bar: \d+\)$/);
    assert.match((await page.locator('#status').textContent())!, /^\d+ events · \d+ reports match/);
    assert.deepEqual(demo.problems, []);
  });

  it('reaches every event in view from the keyboard: a focused list item shows its mark on the map, Enter opens it', async () => {
    await demo.open('#map=35.5,40.5,3');
    await page.waitForSelector('#panel-body .group-item');
    // From the skip link, Tab alone reaches the list.
    await page.locator('.skip-link').focus();
    await page.keyboard.press('Enter');
    let tabs = 0;
    while (!(await page.evaluate(() => document.activeElement?.classList.contains('group-item'))) && tabs < 80) {
      await page.keyboard.press('Tab');
      tabs += 1;
    }
    const label = await page.evaluate(() => document.activeElement?.querySelector('.group-label')?.textContent ?? null);
    assert.ok(label, `no event reached in ${tabs} tabs`);
    assert.equal(await page.locator('#map-focus').textContent(), `Shown on the map: ${label}`);
    await page.keyboard.press('Tab');
    const next = await page.evaluate(() => document.activeElement?.querySelector('.group-label')?.textContent ?? null);
    assert.equal(await page.locator('#map-focus').textContent(), next ? `Shown on the map: ${next}` : '');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.mention');
    assert.equal(await page.locator('#panel-title').textContent(), label);
    assert.deepEqual(demo.problems, []);
  });

  it('explains in the legend what a mark\'s size, its faintness and an area\'s hatching mean', async () => {
    await demo.open();
    const legend = (await page.locator('#legend').textContent())!;
    assert.match(legend, /size: independent sources asserting it/);
    assert.match(legend, /faint: unsupported/);
    assert.match(legend, /hatched: contested/);
    assert.match(legend, /Enter opens it/);
  });
});
