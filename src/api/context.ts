import type { ActorDirectory } from '../fusion/index.js';
import type { Gazetteer } from '../geo/gazetteer/index.js';
import type { Pipeline } from '../pipeline.js';
import type { Store } from '../store/store.js';
import type { Basemap } from '../web/basemap.js';
import type { BasemapDetail } from '../web/basemap-detail.js';
import type { ReferenceLayer } from '../web/layers.js';
import type { FusionReader } from './fusion-state.js';
import type { JobQueue } from './jobs.js';
import type { IngestBody } from './ingest.js';
import { ERRORS, type ErrorDefinition } from './errors.js';
import { ref, type JsonSchema } from './schemas/helpers.js';

// The resources the API plugin decorates its instance with; route plugins
// registered inside it read them from `app`, never from module state.
declare module 'fastify' {
  interface FastifyInstance {
    store: Store;
    /** The extraction pipeline, created on first use. */
    pipeline: () => Promise<Pipeline>;
    fusion: FusionReader;
    ingestJobs: JobQueue<IngestBody>;
    basemap: () => Basemap;
    /** Admin-1 borders and populated places, cut to a view; each built on first use. */
    basemapDetail: BasemapDetail;
    /** Every name of every place, for routes that take a place name; loaded on first use. */
    gazetteer: () => Gazetteer;
    /** Every name and alias of every actor (resources/actors.json), for routes that take an actor name; loaded on first use. */
    actors: () => ActorDirectory;
    referenceLayers: ReferenceLayer[];
  }
}

/** A route's response schemas: the success body plus the catalogue's error body for the errors it can return. */
export function responses(status: number, body: JsonSchema, errors: readonly ErrorDefinition[] = []): Record<string, JsonSchema> {
  const result: Record<string, JsonSchema> = { [status]: body };
  for (const error of [ERRORS.REQUEST_INVALID, ...errors, ERRORS.INTERNAL]) result[error.status] = ref('Error');
  return result;
}
