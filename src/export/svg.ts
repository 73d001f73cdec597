/**
 * The dossier's pictures as inline SVG, drawn here rather than in a browser so
 * the page needs no script: a map in an equirectangular projection of the
 * events' extent (country outlines from world-atlas, event dots, movement
 * arrows, corridors) and a timeline with one lane per event type.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { fromDay, toDay } from '../fusion/space-time.js';
import type { EventType } from '../types.js';
import type { Countries } from './countries.js';
import type { ExportDataset, ExportEvent } from './dataset.js';

export function escapeHtml(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const fixed = (v: number) => (Math.round(v * 10) / 10).toString();

interface Projection {
  width: number;
  height: number;
  west: number;
  south: number;
  east: number;
  north: number;
  project(lon: number, lat: number): [number, number];
}

const MAX_WIDTH = 960;
const MAX_HEIGHT = 640;

/**
 * Plate carrée scaled by the cosine of the middle latitude (an
 * equirectangular projection with that standard parallel), fitted to the
 * points with a margin.
 */
export function fitProjection(points: readonly { lon: number; lat: number }[]): Projection {
  const lons = points.map((p) => p.lon);
  const lats = points.map((p) => p.lat);
  const spanLon = Math.max(...lons) - Math.min(...lons);
  const spanLat = Math.max(...lats) - Math.min(...lats);
  const margin = Math.max(0.75, 0.15 * Math.max(spanLon, spanLat));
  const west = Math.max(-180, Math.min(...lons) - margin);
  const east = Math.min(180, Math.max(...lons) + margin);
  const south = Math.max(-85, Math.min(...lats) - margin);
  const north = Math.min(85, Math.max(...lats) + margin);
  const cos = Math.cos((((south + north) / 2) * Math.PI) / 180);
  const scale = Math.min(MAX_WIDTH / ((east - west) * cos), MAX_HEIGHT / (north - south));
  return {
    width: Math.round((east - west) * cos * scale),
    height: Math.round((north - south) * scale),
    west, south, east, north,
    project: (lon, lat) => [(lon - west) * cos * scale, (north - lat) * scale],
  };
}

function ringPath(ring: readonly Position[], projection: Projection): string {
  return `M${ring.map(([lon, lat]) => projection.project(lon!, lat!).map(fixed).join(',')).join('L')}Z`;
}

function overlaps(geometry: Polygon | MultiPolygon, p: Projection): boolean {
  const positions = geometry.type === 'Polygon' ? geometry.coordinates.flat() : geometry.coordinates.flat(2);
  const lons = positions.map((q) => q[0]!);
  const lats = positions.map((q) => q[1]!);
  return Math.min(...lons) <= p.east && Math.max(...lons) >= p.west && Math.min(...lats) <= p.north && Math.max(...lats) >= p.south;
}

export interface SvgOptions {
  countries: Countries;
  colours: Record<EventType, string>;
}

/** The value at quantile q (0..1) of sorted numbers. */
function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))]!;
}

/**
 * The extent the map shows: the filter's box when there is one, else the
 * points between the 5th and 95th percentiles of longitude and latitude, so
 * that one misplaced event does not shrink the rest to a dot.
 */
function mapExtent(points: readonly { lon: number; lat: number }[], bbox: [number, number, number, number] | undefined): { lon: number; lat: number }[] {
  if (bbox && bbox[0] <= bbox[2]) return [{ lon: bbox[0], lat: bbox[1] }, { lon: bbox[2], lat: bbox[3] }];
  if (points.length < 20) return [...points];
  const lons = points.map((p) => p.lon).sort((a, b) => a - b);
  const lats = points.map((p) => p.lat).sort((a, b) => a - b);
  return [{ lon: quantile(lons, 0.05), lat: quantile(lats, 0.05) }, { lon: quantile(lons, 0.95), lat: quantile(lats, 0.95) }];
}

/** Labels that do not overlap, the places with most events first. */
function placeLabels(places: readonly { name: string; lon: number; lat: number }[], p: Projection): string[] {
  const counts = new Map<string, { n: number; lon: number; lat: number }>();
  for (const q of places) {
    const entry = counts.get(q.name);
    if (entry) entry.n++;
    else counts.set(q.name, { n: 1, lon: q.lon, lat: q.lat });
  }
  const taken: { x1: number; y1: number; x2: number; y2: number }[] = [];
  const labels: string[] = [];
  for (const [name, q] of [...counts].sort((a, b) => b[1].n - a[1].n || a[0].localeCompare(b[0]))) {
    const [x, y] = p.project(q.lon, q.lat);
    if (x < 0 || y < 0 || x > p.width || y > p.height) continue;
    // Rough boxes of an 11px label beside the point: upper right, lower right, upper left, lower left.
    const width = name.length * 6.5;
    const free = [[x + 7, y - 5], [x + 7, y + 14], [x - 7 - width, y - 5], [x - 7 - width, y + 14]]
      .map(([lx, ly]) => ({ lx: lx!, ly: ly!, box: { x1: lx!, y1: ly! - 11, x2: lx! + width, y2: ly! + 2 } }))
      .find(({ box }) => box.x1 >= 0 && box.x2 <= p.width && box.y1 >= 0 && box.y2 <= p.height && !taken.some((t) => box.x1 < t.x2 && t.x1 < box.x2 && box.y1 < t.y2 && t.y1 < box.y2));
    if (!free) continue;
    taken.push(free.box);
    labels.push(`<text class="place-label" x="${fixed(free.lx)}" y="${fixed(free.ly)}">${escapeHtml(name)}</text>`);
  }
  return labels;
}

/** The map, or null when no exported event has a place; with the events it could not show. */
export function mapSvg(dataset: ExportDataset, options: SvgOptions): { svg: string; outside: ExportEvent[] } | null {
  const placed = dataset.events.filter((e) => e.place);
  const movements = dataset.events.filter((e) => e.type === 'movement' && e.origin && e.destination);
  const points = [...placed.map((e) => e.place!), ...movements.flatMap((e) => [e.origin!, e.destination!])];
  if (points.length === 0) return null;
  const p = fitProjection(mapExtent(points, dataset.filter.bbox));
  const xy = (lon: number, lat: number) => p.project(lon, lat).map(fixed);
  const inside = (q: { lon: number; lat: number }) => q.lon >= p.west && q.lon <= p.east && q.lat >= p.south && q.lat <= p.north;

  const outlines = options.countries.outlines.features
    .filter((f) => f.geometry && overlaps(f.geometry, p))
    .map((f) => {
      const polygons = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
      const d = polygons.flatMap((rings) => rings.map((ring) => ringPath(ring, p))).join('');
      return `<path class="country" d="${d}"><title>${escapeHtml(f.properties.name)}</title></path>`;
    });
  const corridors = dataset.corridors.filter((c) => c.waypoints.length > 1).map((c) => {
    const pts = c.waypoints.map((w) => xy(w.lon, w.lat).join(',')).join(' ');
    return `<polyline class="corridor-line" points="${pts}"><title>${escapeHtml(c.name)}</title></polyline>`;
  });
  const arrows = movements.map((e) => {
    const [x1, y1] = xy(e.origin!.lon, e.origin!.lat);
    const [x2, y2] = xy(e.destination!.lon, e.destination!.lat);
    return `<line class="movement-arrow" data-event="${escapeHtml(e.id)}" x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="${options.colours.movement}" marker-end="url(#arrowhead)"><title>${escapeHtml(e.label)}</title></line>`;
  });
  const dots = placed.filter((e) => inside(e.place!)).map((e) => {
    const [cx, cy] = xy(e.place!.lon, e.place!.lat);
    const r = Math.min(10, 3.5 + 1.5 * e.corroboration.score);
    return `<circle class="event-mark status-${e.status}" data-event="${escapeHtml(e.id)}" data-type="${e.type}" cx="${cx}" cy="${cy}" r="${fixed(r)}" fill="${options.colours[e.type]}"><title>${escapeHtml(`${e.label} — ${e.status}, ${e.corroboration.score} independent source(s)`)}</title></circle>`;
  });
  const svg = [
    `<svg class="map" role="img" aria-label="Map of the events" viewBox="0 0 ${p.width} ${p.height}" width="${p.width}" height="${p.height}" xmlns="http://www.w3.org/2000/svg">`,
    '<defs>',
    `<clipPath id="map-clip"><rect width="${p.width}" height="${p.height}"/></clipPath>`,
    `<marker id="arrowhead" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="${options.colours.movement}"/></marker>`,
    '</defs>',
    `<rect class="sea" width="${p.width}" height="${p.height}"/>`,
    `<g clip-path="url(#map-clip)">${outlines.join('')}</g>`,
    `<g clip-path="url(#map-clip)">`,
    `<g class="corridors">${corridors.join('')}</g>`,
    `<g class="movements">${arrows.join('')}</g>`,
    `<g class="events">${dots.join('')}</g>`,
    `<g class="labels">${placeLabels(points, p).join('')}</g>`,
    '</g>',
    `<text class="extent" x="6" y="${p.height - 6}">${escapeHtml(`${p.west.toFixed(2)}°, ${p.south.toFixed(2)}° — ${p.east.toFixed(2)}°, ${p.north.toFixed(2)}° (equirectangular)`)}</text>`,
    '</svg>',
  ].join('\n');
  return { svg, outside: placed.filter((e) => !inside(e.place!)) };
}

const TIMELINE_WIDTH = 960;
const LANE = 26;
const LEFT = 110;

/** The timeline, or null when no exported event has a date. */
export function timelineSvg(dataset: ExportDataset, options: SvgOptions): string | null {
  const dated = dataset.events.filter((e): e is ExportEvent & { time: NonNullable<ExportEvent['time']> } => e.time !== null);
  if (dated.length === 0) return null;
  const first = Math.min(...dated.map((e) => toDay(e.time.from)!));
  const last = Math.max(...dated.map((e) => toDay(e.time.to)!)) + 1;
  const span = Math.max(1, last - first);
  const x = (day: number) => LEFT + ((day - first) / span) * (TIMELINE_WIDTH - LEFT - 10);
  const lanes = [...new Set(dated.map((e) => e.type))].sort();
  const height = 30 + lanes.length * LANE;
  const marks = dated.map((e) => {
    const y = 8 + lanes.indexOf(e.type) * LANE;
    const x1 = x(toDay(e.time.from)!);
    const width = Math.max(3, x(toDay(e.time.to)! + 1) - x1);
    return `<rect class="timeline-mark status-${e.status}" x="${fixed(x1)}" y="${y}" width="${fixed(width)}" height="${LANE - 10}" fill="${options.colours[e.type]}"><title>${escapeHtml(e.label)}</title></rect>`;
  });
  const laneLabels = lanes.map((t, i) => `<text class="lane-label" x="4" y="${8 + i * LANE + 12}">${escapeHtml(t)}</text>`);
  const ticks: string[] = [];
  const firstDate = new Date(`${fromDay(first)}T00:00:00Z`);
  // One tick a month, or a year when the span is long.
  const stepMonths = span > 3 * 366 ? 12 : span > 366 ? 3 : 1;
  for (let d = new Date(Date.UTC(firstDate.getUTCFullYear(), firstDate.getUTCMonth(), 1)); ; d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + stepMonths, 1))) {
    const day = toDay(d.toISOString())!;
    if (day > last) break;
    if (day < first) continue;
    const tx = fixed(x(day));
    ticks.push(`<line class="tick" x1="${tx}" x2="${tx}" y1="4" y2="${height - 18}"/><text class="tick-label" x="${tx}" y="${height - 4}">${d.toISOString().slice(0, 7)}</text>`);
  }
  return [
    `<svg class="timeline" role="img" aria-label="Timeline of the events" viewBox="0 0 ${TIMELINE_WIDTH} ${height}" width="${TIMELINE_WIDTH}" height="${height}" xmlns="http://www.w3.org/2000/svg">`,
    ticks.join(''),
    laneLabels.join(''),
    marks.join(''),
    '</svg>',
  ].join('\n');
}
