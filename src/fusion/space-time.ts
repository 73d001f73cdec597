import { withinKm } from '../geo/distance.js';
import type { PlaceRef } from '../types.js';
import type { NormalizeName } from './types.js';

/**
 * Days, places and the grid keys fusion indexes them by. Dates are plain
 * calendar days counted from 1970-01-01 (UTC), so nothing shifts with the
 * machine's time zone.
 */

const DAY_MS = 86_400_000;

/** Epoch day of an ISO date or date-time (its date part); null when unreadable. Plain arithmetic: it runs in hot loops. */
export function toDay(iso: string | null | undefined): number | null {
  if (!iso || iso.length < 10 || iso[4] !== '-' || iso[7] !== '-') return null;
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7));
  const d = Number(iso.slice(8, 10));
  if (!Number.isInteger(y) || !(m >= 1 && m <= 12) || !(d >= 1 && d <= 31)) return null;
  // Days from civil (Howard Hinnant's algorithm): proleptic Gregorian, day 0 = 1970-01-01.
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function fromDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Months since year 0, the time part of index keys. */
export function monthOf(day: number): number {
  const d = new Date(day * DAY_MS);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

export interface DayWindow {
  from: number;
  to: number;
}

/** Whether two windows overlap once each is widened by `toleranceDays` (symmetric). */
export function windowsMeet(a: DayWindow, b: DayWindow, toleranceDays: number): boolean {
  return a.from <= b.to + toleranceDays && b.from <= a.to + toleranceDays;
}

export function monthsOf(from: number, to: number): number[] {
  const out: number[] = [];
  for (let m = monthOf(from), last = monthOf(to); m <= last; m++) out.push(m);
  return out;
}

/**
 * The one key of a place, in fusion, the API and the CLI: `gn:<geonameid>`,
 * else `name:<name key>` with the project's one name normalisation, so that
 * "Tall ‘Afar" and "Tal Afar" resolved without an id are one place.
 */
export function placeKey(p: Pick<PlaceRef, 'geonameid' | 'name'>, normalize: NormalizeName): string {
  return p.geonameid !== null ? `gn:${p.geonameid}` : `name:${normalize(p.name)}`;
}

export function samePlace(a: PlaceRef, b: PlaceRef, placeKm: number): boolean {
  if (a.geonameid !== null && a.geonameid === b.geonameid) return true;
  return withinKm(a, b, placeKm);
}

/**
 * A coarse grid for candidate lookup: cells of `cellDegrees` (wider than
 * `placeKm`), so every place within `placeKm` of a point lies in one of the
 * cells `cellsNear` returns.
 */
export interface Grid {
  cellOf(p: PlaceRef): string;
  cellsNear(p: PlaceRef): string[];
}

const KM_PER_DEGREE = 111.2;

export function createGrid(placeKm: number): Grid {
  const cellDegrees = Math.max(0.25, (2 * placeKm) / KM_PER_DEGREE);
  const row = (lat: number) => Math.floor(lat / cellDegrees);
  const col = (lon: number) => Math.floor((((lon + 180) % 360) + 360) % 360 / cellDegrees);
  const columns = Math.ceil(360 / cellDegrees);
  return {
    cellOf: (p) => `${row(p.lat)}:${col(p.lon)}`,
    cellsNear(p) {
      const dLat = placeKm / KM_PER_DEGREE;
      const cos = Math.cos((Math.min(89, Math.abs(p.lat) + dLat) * Math.PI) / 180);
      const dLon = Math.min(180, dLat / Math.max(cos, 1e-6));
      const cells: string[] = [];
      for (let r = row(p.lat - dLat); r <= row(p.lat + dLat); r++) {
        const first = col(p.lon - dLon);
        const span = dLon >= 180 ? columns - 1 : (col(p.lon + dLon) - first + columns) % columns;
        for (let i = 0; i <= span; i++) cells.push(`${r}:${(first + i) % columns}`);
      }
      return cells;
    },
  };
}
