import { createPipeline, segmentStage, type Pipeline } from './pipeline.js';
import { geoparse, loadGeoResources, type GeoResources } from './geo/index.js';
import { readImportedEntries } from './geo/gazetteer/imported-store.js';
import { loadConfig } from './config.js';
import { actors, loadActorLexicon } from './actors/index.js';
import { times } from './time/index.js';
import { events, loadEventCues, loadPloverTable } from './events/index.js';
import { claims, loadModalityCues } from './claims/index.js';
import { corridorPhrases, loadCorridorCues } from './corridors/index.js';
import { languageScope } from './ingest/language.js';

export interface PipelineOptions {
  /** Countries (ISO alpha-2) or admin1 codes (`SY.04`) to bias place resolution toward; default from the configuration. */
  focus?: string[];
  /** The store file whose imported GeoNames entries extend the gazetteer. */
  database?: string;
  /** Already loaded geo resources, to share between pipelines. */
  geo?: GeoResources;
}

/**
 * The full extraction pipeline with its resources loaded once:
 * segment -> geo -> actors -> time -> events -> claims -> corridors, and
 * last a message when the document's language is one these stages do not read.
 */
export async function createDefaultPipeline(options: PipelineOptions = {}): Promise<Pipeline> {
  const focus = options.focus?.length ? options.focus : loadConfig().focus;
  const geo = options.geo ?? loadGeoResources({ imported: options.database ? readImportedEntries(options.database) : [] });
  return createPipeline([
    segmentStage(),
    geoparse(geo, { focus }),
    actors({ lexicon: loadActorLexicon(undefined, geo.gazetteer.normalize) }),
    times(),
    events({ cues: loadEventCues(), plover: loadPloverTable() }),
    claims({ cues: loadModalityCues() }),
    corridorPhrases({ cues: loadCorridorCues() }),
    languageScope(),
  ]);
}
