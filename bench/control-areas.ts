/**
 * Time of drawing the areas of control (src/fusion/control-areas.ts) for one
 * day, as the map asks on every slider move: seeded settlements across Syria
 * and Iraq, cut to the basemap's 1:50m countries. Also runs alone:
 * `node dist/bench/control-areas.js`.
 */
import { fileURLToPath } from 'node:url';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { controlAreas, loadControlSettings, type ControlSites } from '../src/fusion/index.js';
import { loadBasemap } from '../src/web/basemap.js';

const SIZES = [10, 100, 500];
const RUNS = 5;

/** Park-Miller: the same sites on every machine. */
function random(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 48271) % 2147483647) / 2147483647;
}

function sites(count: number, seed: number): ControlSites {
  const next = random(seed);
  const kinds = ['armed-group', 'state-force', 'militia'] as const;
  return {
    type: 'FeatureCollection',
    features: Array.from({ length: count }, (_, i) => ({
      type: 'Feature' as const,
      properties: {
        place: `site ${i}`, geonameid: i, holder: { actorId: `actor-${i % 3}`, name: `actor ${i % 3}`, kind: kinds[i % 3]! },
        status: 'single-source' as const, from: '2017-01-01', to: null, sources: 1 + (i % 3), lastEvidence: '2017-05-01',
        // Log-uniform from a village to a city.
        population: Math.round(10 ** (3 + 3 * next())), claims: [`ev-${i}`], contradictions: [],
      },
      geometry: { type: 'Point' as const, coordinates: [36 + 10 * next(), 32 + 5 * next()] },
    })),
  };
}

export function benchControlAreas(options: { log?: (line: string) => void } = {}): Record<string, number> {
  const log = options.log ?? (() => {});
  const settings = loadControlSettings().areas;
  // Natural Earth's countries are all Polygons and MultiPolygons.
  const clip = loadBasemap().countries as FeatureCollection<Polygon | MultiPolygon>;
  controlAreas(sites(20, 1), { at: '2017-06-01', settings, clip });
  const medians: Record<string, number> = {};
  for (const size of SIZES) {
    const input = sites(size, 2017);
    const times: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const t0 = performance.now();
      controlAreas(input, { at: '2017-06-01', settings, clip });
      times.push(performance.now() - t0);
    }
    medians[`sites${size}Ms`] = Math.round(times.sort((a, b) => a - b)[Math.floor(RUNS / 2)]!);
    log(`${String(size).padStart(8)}  ${String(medians[`sites${size}Ms`]).padStart(10)}`);
  }
  return medians;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  log('   sites   median ms');
  benchControlAreas({ log });
}

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}
