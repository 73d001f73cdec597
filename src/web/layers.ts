import { readdir, readFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { Feature, FeatureCollection, Geometry } from 'geojson';

/** A user's reference layer (oil fields, roads, areas of control), drawn under the events. */
export interface ReferenceLayer {
  /** From the file name: lower case, `[a-z0-9-]`. */
  id: string;
  /** The collection's `name` member when it has one, else the file name. */
  name: string;
  geojson: FeatureCollection;
}

export interface LayerSummary {
  id: string;
  name: string;
  features: number;
  geometryTypes: string[];
}

export interface LoadedLayers {
  layers: ReferenceLayer[];
  /** One line per file that could not be used: `<file>: <problem>`. */
  problems: string[];
}

const GEOMETRY_TYPES = new Set(['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection']);

/**
 * Reads every `.geojson` and `.json` file of a folder as a reference layer.
 * A file that is not GeoJSON is reported and skipped; the others still load.
 *
 * @example
 * const { layers, problems } = await loadLayers('layers/');
 */
export async function loadLayers(dir: string): Promise<LoadedLayers> {
  const names = (await readdir(dir)).filter((n) => ['.geojson', '.json'].includes(extname(n).toLowerCase())).sort();
  const layers: ReferenceLayer[] = [];
  const problems: string[] = [];
  const taken = new Set<string>();
  for (const name of names) {
    const file = join(dir, name);
    try {
      const geojson = toFeatureCollection(JSON.parse(await readFile(file, 'utf8')));
      let id = layerId(name);
      for (let n = 2; taken.has(id); n++) id = `${layerId(name)}-${n}`;
      taken.add(id);
      const declared = (geojson as { name?: unknown }).name;
      layers.push({ id, name: typeof declared === 'string' && declared.trim() ? declared.trim() : basename(name, extname(name)), geojson });
    } catch (err) {
      problems.push(`${file}: ${(err as Error).message}`);
    }
  }
  return { layers, problems };
}

export function summariseLayer(layer: ReferenceLayer): LayerSummary {
  const types = new Set(layer.geojson.features.map((f) => f.geometry?.type).filter((t): t is Geometry['type'] => !!t));
  return { id: layer.id, name: layer.name, features: layer.geojson.features.length, geometryTypes: [...types].sort() };
}

function layerId(fileName: string): string {
  return basename(fileName, extname(fileName)).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'layer';
}

/** Accepts a FeatureCollection, a single Feature or a bare geometry; anything else is not a layer. */
export function toFeatureCollection(value: unknown): FeatureCollection {
  const object = value as { type?: unknown; features?: unknown; geometry?: unknown };
  if (object?.type === 'FeatureCollection' && Array.isArray(object.features)) {
    object.features.forEach(checkFeature);
    return object as FeatureCollection;
  }
  if (object?.type === 'Feature') {
    checkFeature(object);
    return { type: 'FeatureCollection', features: [object as Feature] };
  }
  if (typeof object?.type === 'string' && GEOMETRY_TYPES.has(object.type)) {
    return { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: object as Geometry }] };
  }
  throw new Error('not GeoJSON (expected a FeatureCollection, a Feature or a geometry)');
}

function checkFeature(value: unknown, index = 0): void {
  const f = value as { type?: unknown; geometry?: { type?: unknown } | null };
  if (f?.type !== 'Feature') throw new Error(`feature ${index} is not a GeoJSON Feature`);
  if (f.geometry !== null && !GEOMETRY_TYPES.has(String(f.geometry?.type))) {
    throw new Error(`feature ${index} has no valid geometry`);
  }
}
