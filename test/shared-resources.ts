// Read-only resources loaded once per test process and shared by its tests:
// the gazetteer alone takes about 0.7 s and 200 MB each time it is loaded.
// Node's test runner runs each test file in a process of its own, so a file
// loads them at most once, on first use, and files that never ask pay nothing.
import { createDefaultPipeline } from '../src/default-pipeline.js';
import { loadExportResources, type ExportResources } from '../src/export/index.js';
import { loadGeoResources, type GeoResources } from '../src/geo/index.js';
import type { Pipeline } from '../src/pipeline.js';

let geo: GeoResources | null = null;
let pipeline: Promise<Pipeline> | null = null;
let exports: ExportResources | null = null;

/** The built-in gazetteer (no imported GeoNames entries) and the geo lexicon. */
export function geoResources(): GeoResources {
  return (geo ??= loadGeoResources());
}

/** The default pipeline, with the focus of the configuration, on the shared gazetteer. */
export function defaultPipeline(): Promise<Pipeline> {
  return (pipeline ??= createDefaultPipeline({ geo: geoResources() }));
}

/** What the exports read besides the store: countries, settings, the ACLED mapping. */
export function exportResources(): ExportResources {
  return (exports ??= loadExportResources());
}
