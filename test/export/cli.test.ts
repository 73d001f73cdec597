// `corridor export`, `corridor import acled` and `corridor compare` as a user runs them:
// in this process, and the first export as the compiled binary in a child process.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ACLED_COLUMNS } from '../../src/reference/index.js';
import { CLI, FIXTURES, fixtureStore, type FixtureStore } from './helpers.js';
import { geoJsonViolations } from './geojson-rules.js';
import { runCliInProcess } from '../reliability/helpers.js';

function corridorProcess(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, CORRIDOR_DB: '' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function corridor(...args: string[]) {
  const result = await runCliInProcess(args, { CORRIDOR_DB: '' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the export, import and compare commands', () => {
  let fixture: FixtureStore;
  before(async () => {
    fixture = await fixtureStore();
    // The CLI opens the database itself (closing twice is harmless).
    await fixture.store.close();
  });
  after(async () => fixture?.close());

  it('exports GeoJSON to standard output and an ACLED CSV to a file, saying what it left out', async () => {
    const geojson = corridorProcess('export', '--format', 'geojson', '--db', fixture.db);
    assert.equal(geojson.code, 0, geojson.stderr);
    assert.deepEqual(geoJsonViolations(JSON.parse(geojson.stdout)), []);

    const out = join(fixture.dir, 'events.csv');
    const csv = await corridor('export', '--format', 'acled-csv', '--db', fixture.db, '--out', out);
    assert.equal(csv.code, 0, csv.stderr);
    assert.equal(csv.stdout, '');
    assert.match(csv.stderr, /left out 1 event: ACLED records no control\/holds events/);
    assert.match(csv.stderr, /^Wrote \d+ events as acled-csv to .*events\.csv; \d+ left out\.$/m);
    assert.ok(readFileSync(out, 'utf8').startsWith(`${ACLED_COLUMNS.join(',')}\r\n`));
  });

  it('round-trips the ACLED CSV through `import acled` and finds every row confirmed by `compare`', async () => {
    const out = join(fixture.dir, 'roundtrip.csv');
    assert.equal((await corridor('export', '--format', 'acled-csv', '--db', fixture.db, '--out', out)).code, 0);
    const rows = readFileSync(out, 'utf8').trim().split('\r\n').length - 1;
    const imported = await corridor('import', 'acled', out, '--db', fixture.db, '--json');
    assert.equal(imported.code, 0, imported.stderr);
    assert.deepEqual({ ...JSON.parse(imported.stdout), database: undefined, errors: undefined }, { database: undefined, file: out, imported: rows, failed: 0, errors: undefined, stored: rows });

    const compared = await corridor('compare', '--db', fixture.db, '--json');
    assert.equal(compared.code, 0, compared.stderr);
    const report = JSON.parse(compared.stdout);
    assert.equal(report.references, rows);
    assert.deepEqual(report.unmentioned, []);
    // Each exported event is confirmed by its own row.
    for (const { event, matches } of report.confirmed) assert.ok(matches.some((m: { id: string }) => m.id.endsWith(event.id)), event.label);
  });

  it('filters with the API\'s options', async () => {
    const control = await corridor('export', '--format', 'geojson', '--type', 'control', '--from', '2017-10-01', '--db', fixture.db);
    const types = JSON.parse(control.stdout).features.filter((f: any) => f.properties.featureKind === 'event').map((f: any) => [f.properties.type, f.properties.timeTo >= '2017-10-01']);
    assert.ok(types.length > 0 && types.every(([type, late]: [string, boolean]) => type === 'control' && late));
    // The map's filters too: one report meets the modality and the outlet at once.
    const all = JSON.parse((await corridor('export', '--format', 'geojson', '--db', fixture.db)).stdout).features.filter((f: any) => f.properties.featureKind === 'event');
    const [sample] = all.flatMap((f: any) => f.properties.evidence).filter((ev: any) => ev.outlet);
    const told = await corridor('export', '--format', 'geojson', '--modality', sample.modality, '--outlet', sample.outlet, '--db', fixture.db);
    const kept = JSON.parse(told.stdout).features.filter((f: any) => f.properties.featureKind === 'event');
    assert.ok(kept.length > 0 && kept.length < all.length, `${kept.length} of ${all.length}`);
    for (const f of kept) assert.ok(f.properties.evidence.some((ev: any) => ev.modality === sample.modality && ev.outlet === sample.outlet), f.properties.label);
  });

  it('refuses bad options as usage errors (exit 2) with one line', async () => {
    for (const args of [['--format', 'kml'], ['--format', 'geojson', '--bbox', '40,36,39'], ['--format', 'html', '--from', '2017-13-01'], ['--format', 'html', '--from', '2017-10-02', '--to', '2017-10-01'], ['--format', 'html', '--json'], ['--format', 'geojson', '--status', 'certain'], ['--format', 'geojson', '--modality', 'sure']]) {
      const result = await corridor('export', ...args, '--db', fixture.db);
      assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.equal(result.stderr.trim().split('\n')[0]!.startsWith('corridor: '), true, result.stderr);
    }
  });

  it('imports the good rows of a file with bad ones, naming file and line of each bad one, and exits 1', async () => {
    const file = join(FIXTURES, 'acled-import', 'bad-rows', 'input.csv');
    const result = await corridor('import', 'acled', file, '--db', fixture.db);
    assert.equal(result.code, 1);
    assert.match(result.stdout, /^Imported 2 reference events from .*input\.csv, 9 rows left out; 2 stored\.$/m);
    const lines = result.stderr.trim().split('\n');
    assert.equal(lines.length, 9);
    assert.match(lines[0]!, /^corridor: .*bad-rows\/input\.csv:3: event_date "September 5 2017" is not a date/);
  });

  it('imports every row of an older export, inter2 0 and trailing blank line included, and exits 0', async () => {
    const result = await corridor('import', 'acled', join(FIXTURES, 'acled-import', 'older-columns', 'input.csv'), '--db', join(fixture.dir, 'older-export.db'), '--json');
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, '');
    assert.deepEqual((({ imported, failed }) => ({ imported, failed }))(JSON.parse(result.stdout) as { imported: number; failed: number }), { imported: 5, failed: 0 });
  });

  it('fails with one line for a file that is not an ACLED export, or missing', async () => {
    const notAcled = await corridor('import', 'acled', join(FIXTURES, 'acled-import', 'not-acled', 'input.csv'), '--db', fixture.db);
    assert.equal(notAcled.code, 1);
    assert.match(notAcled.stderr, /^corridor: .*not-acled\/input\.csv: not an ACLED export: line 1 lacks the columns event_id_cnty, event_date, event_type, sub_event_type, latitude, longitude\n$/);
    const missing = await corridor('import', 'acled', join(fixture.dir, 'nope.csv'), '--db', fixture.db);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /^corridor: .*nope\.csv: cannot read \(ENOENT\)\n$/);
  });

  it('asks for reference events before comparing', async () => {
    const empty = await fixtureStore([join(FIXTURES, 'corpus', 'blog-opinion.md')]);
    await empty.store.close();
    try {
      const result = await corridor('compare', '--db', empty.db);
      assert.equal(result.code, 1);
      assert.equal(result.stderr, 'corridor: no reference events in the store: load some with `corridor import acled <file.csv>`\n');
    } finally {
      await empty.close();
    }
  });

  it('writes the HTML dossier to a file', async () => {
    const out = join(fixture.dir, 'dossier.html');
    const result = await corridor('export', '--format', 'html', '--title', 'Raqqa & Mosul', '--db', fixture.db, '--out', out, '--json');
    assert.equal(result.code, 0, result.stderr);
    assert.equal(JSON.parse(result.stdout).out, out);
    assert.match(readFileSync(out, 'utf8'), /<title>Raqqa &#38; Mosul<\/title>/);
  });

  it('exports the areas of control on a day as valid GeoJSON polygons, each with the evidence behind it', async () => {
    const result = await corridor('export', '--format', 'control-areas', '--at', '2017-12-01', '--db', fixture.db);
    assert.equal(result.code, 0, result.stderr);
    const areas = JSON.parse(result.stdout);
    assert.deepEqual(geoJsonViolations(areas), []);
    assert.ok(areas.features.length > 0, 'the Raqqa reports give at least one area');
    const clusters = await corridor('clusters', '--json', '--db', fixture.db);
    const ids = new Set(JSON.parse(clusters.stdout).map((c: { id: string }) => c.id));
    for (const area of areas.features) {
      assert.match(area.geometry.type, /^(Multi)?Polygon$/);
      assert.ok(area.properties.claims.length > 0 && area.properties.claims.every((id: string) => ids.has(id)), `${area.properties.place}: claims are clusters`);
      assert.deepEqual(area.properties.evidence, [...area.properties.claims, ...area.properties.contradictions].sort());
      assert.match(area.properties.fill, /^#[0-9a-f]{6}$/i);
      assert.equal(area.properties['fill-opacity'], area.properties.opacity);
    }
    const early = await corridor('export', '--format', 'control-areas', '--at', '1990-01-01', '--db', fixture.db);
    assert.deepEqual(JSON.parse(early.stdout).features, [], 'before any claim there is no area');
  });
});
