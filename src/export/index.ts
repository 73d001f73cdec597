/**
 * Exports: what Corridor found, in the formats other tools read.
 *
 * @example
 * const resources = loadExportResources();
 * const dataset = await buildExportDataset(store, {countries: resources.countries, filter: {type: 'control'}});
 * const { content } = renderExport('geojson', dataset, resources);
 */
import { loadActorLexicon } from '../actors/index.js';
import { loadAcledMapping, type AcledMapping } from '../reference/acled.js';
import { toAcledCsv } from './acled-csv.js';
import { toAnnotations } from './annotations.js';
import { toClaimReviews } from './claimreview.js';
import { loadCountries, type Countries } from './countries.js';
import type { ExportDataset } from './dataset.js';
import type { ExportFormat } from './formats.js';
import { toGeoJson } from './geojson.js';
import { toHtml } from './html.js';
import { loadExportSettings, type ExportSettings } from './settings.js';
import { toTimemap } from './timemap.js';

export { buildExportDataset, selectClusters, inBbox, type ExportDataset, type ExportEvent, type ExportFilter, type Evidence, type ExportPlace } from './dataset.js';
export { loadCountries, type Countries, type Country } from './countries.js';
export { loadExportSettings, ratingFor, type ExportSettings } from './settings.js';
export { readCsv, writeCsv, CsvSyntaxError, type CsvRecord } from './csv.js';
export { toGeoJson, line } from './geojson.js';
export { toAcledCsv, toAcledRows, acledDate } from './acled-csv.js';
export { toClaimReviews } from './claimreview.js';
export { toAnnotations } from './annotations.js';
export { toTimemap, timemapDate } from './timemap.js';
export { toHtml } from './html.js';

export { EXPORT_FORMATS, type ExportFormat } from './formats.js';

/** What the exports read besides the store, loaded once. */
export interface ExportResources {
  countries: Countries;
  settings: ExportSettings;
  mapping: AcledMapping;
  /** Actor id -> the country it belongs to (resources/actors.json): state forces abroad are external forces for ACLED. */
  actorCountries: ReadonlyMap<string, string>;
}

export function loadExportResources(): ExportResources {
  const actorCountries = new Map<string, string>();
  for (const [id, actor] of loadActorLexicon().actors) if (actor.country) actorCountries.set(id, actor.country);
  return { countries: loadCountries(), settings: loadExportSettings(), mapping: loadAcledMapping(), actorCountries };
}

export interface RenderedExport {
  content: string;
  /** Events written. */
  events: number;
  /** Events the format could not carry, and why. */
  skipped: { id: string; label: string; reason: string }[];
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

export function renderExport(format: ExportFormat, dataset: ExportDataset, resources: ExportResources, options: { title?: string } = {}): RenderedExport {
  const all = dataset.events.length;
  switch (format) {
    case 'geojson': {
      const unplaced = dataset.events.filter((e) => !e.place).map((e) => ({ id: e.id, label: e.label, reason: 'no place' }));
      return { content: json(toGeoJson(dataset)), events: all - unplaced.length, skipped: unplaced };
    }
    case 'acled-csv': {
      const { csv, rows, skipped } = toAcledCsv(dataset, resources.mapping, resources.actorCountries);
      return { content: csv, events: rows.length, skipped };
    }
    case 'claimreview':
      return { content: json(toClaimReviews(dataset, resources.settings)), events: all, skipped: [] };
    case 'annotations':
      return { content: json(toAnnotations(dataset)), events: all, skipped: [] };
    case 'timemap': {
      const timemap = toTimemap(dataset);
      const drawn = new Set(timemap.events.map((e) => e.id));
      const skipped = dataset.events.filter((e) => !drawn.has(e.id)).map((e) => ({ id: e.id, label: e.label, reason: e.place ? 'no date' : 'no place' }));
      return { content: json(timemap), events: drawn.size, skipped };
    }
    case 'html':
      return { content: toHtml(dataset, { countries: resources.countries, settings: resources.settings, title: options.title }), events: all, skipped: [] };
  }
}
