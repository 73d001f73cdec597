import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { loadActorLexicon } from '../actors/index.js';
import { createDefaultPipeline } from '../default-pipeline.js';
import { actorDirectory, type ActorDirectory } from '../fusion/index.js';
import { loadGazetteer, type Gazetteer } from '../geo/gazetteer/index.js';
import { loadGeoResources, type GeoResources } from '../geo/index.js';
import type { Pipeline } from '../pipeline.js';
import { packageRoot } from '../resources.js';
import { readOffThread, SqliteStore, type OffThreadStore } from '../store/index.js';
import type { Store } from '../store/store.js';
import { loadBasemap, type Basemap } from '../web/basemap.js';
import { createBasemapDetail } from '../web/basemap-detail.js';
import { loadLayers, type ReferenceLayer } from '../web/layers.js';
import { webPlugin } from '../web/plugin.js';
import './context.js';
import { ApiError, apiError, errorBody, ERRORS } from './errors.js';
import { createFusionReader, loadFusionResources, type FusionResources } from './fusion-state.js';
import { createIngestRunner, describeIngestFailure, type IngestBody } from './ingest.js';
import { JobQueue } from './jobs.js';
import { documentRoutes } from './routes/documents.js';
import { entityRoutes } from './routes/entities.js';
import { eventRoutes } from './routes/events.js';
import { controlRoutes } from './routes/control.js';
import { fusionRoutes } from './routes/fusion.js';
import { mapRoutes } from './routes/map.js';
import { basemapDetailRoutes } from './routes/basemap-detail.js';
import { exportRoutes } from './routes/export.js';
import { sharedSchemas } from './schemas/shared.js';
import { addSecurityHeaders, isLoopback, requireWriteToken } from './security.js';
import { takeTurns } from './turns.js';
import { createValidatorCompiler } from './validation.js';
import { DEFAULT_HOST, DEFAULT_PORT } from './address.js';

export { DEFAULT_HOST, DEFAULT_PORT };
/** Largest request body accepted: room for a long article posted as HTML. */
export const DEFAULT_BODY_LIMIT = 5 * 1024 * 1024;

/** The extraction pipeline, or a function creating it on first use (loading its resources takes seconds). */
export type PipelineSource = Pipeline | (() => Promise<Pipeline>);

export interface AppOptions {
  store: Store;
  pipeline: PipelineSource;
  /** Reference layers shown under the events (see loadLayers). */
  layers?: ReferenceLayer[];
  /** Fusion's context and the user's corridors; loaded from resources/ when not given. */
  fusion?: FusionResources;
  /**
   * The gazetteer place names are looked up in, or a function giving it on first use (so it can be the
   * pipeline's own); loaded when a route first needs it when not given.
   */
  gazetteer?: Gazetteer | (() => Gazetteer);
  bodyLimit?: number;
  logger?: FastifyServerOptions['logger'];
  /** Jobs waiting or running before POST /api/documents answers 503. */
  maxPendingJobs?: number;
  /** When set, every write (POST) needs `Authorization: Bearer <token>`. */
  token?: string | null;
}

function packageVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version;
}

function lazy(source: PipelineSource): () => Promise<Pipeline> {
  if (typeof source !== 'function') return () => Promise.resolve(source);
  let created: Promise<Pipeline> | null = null;
  return () => (created ??= source());
}

/**
 * The API plugin. The store, the pipeline and fusion are handed in and
 * become decorators of this instance, seen by its routes only; the ingestion
 * queue is built from them.
 */
async function apiPlugin(app: FastifyInstance, options: AppOptions): Promise<void> {
  let basemap: Basemap | null = null;
  const given = options.gazetteer;
  let gazetteer = given instanceof Function ? null : given ?? null;
  app.decorate('store', options.store);
  app.decorate('pipeline', lazy(options.pipeline));
  app.decorate('fusion', createFusionReader(options.store, options.fusion ?? loadFusionResources()));
  app.decorate('referenceLayers', options.layers ?? []);
  // Converted on first use: a second that API-only uses never pay.
  app.decorate('basemap', () => (basemap ??= loadBasemap()));
  app.decorate('gazetteer', () => (gazetteer ??= given instanceof Function ? given() : loadGazetteer()));
  app.decorate('basemapDetail', createBasemapDetail(() => app.gazetteer()));
  let actors: ActorDirectory | null = null;
  app.decorate('actors', () => {
    const normalize = app.fusion.context.normalizeName;
    return (actors ??= actorDirectory(loadActorLexicon(undefined, normalize).actors.values(), normalize));
  });
  app.decorate('ingestJobs', new JobQueue<IngestBody>(
    // Posted documents are fused as soon as they are stored, as `corridor ingest` does.
    createIngestRunner({ store: app.store, pipeline: app.pipeline, afterSave: () => app.fusion.refresh('api') }),
    (error) => {
      const described = describeIngestFailure(error);
      if (described.code === ERRORS.INTERNAL.code) app.log.error({ err: error }, 'ingestion job failed');
      return described;
    },
    { maxPending: options.maxPendingJobs },
  ));
  // Closing waits for the jobs already accepted, so no document is left half-saved.
  app.addHook('onClose', () => app.ingestJobs.drain());
  await app.register(documentRoutes);
  await app.register(eventRoutes);
  await app.register(entityRoutes);
  await app.register(fusionRoutes);
  await app.register(controlRoutes);
  await app.register(mapRoutes);
  await app.register(basemapDetailRoutes);
  await app.register(exportRoutes);
}

/** Maps every error to the catalogue; anything unexpected is logged and answered without details. */
function handleError(this: FastifyInstance, error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const known = toApiError(error, this.initialConfig.bodyLimit ?? DEFAULT_BODY_LIMIT);
  if (known.statusCode >= 500) request.log.error({ err: error }, 'request failed');
  return reply.code(known.statusCode).type('application/json').send(errorBody(known));
}

function toApiError(error: FastifyError, bodyLimit: number): ApiError {
  if (error instanceof ApiError) return error;
  if (error.validation) return apiError(ERRORS.REQUEST_INVALID, error.message);
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE': return apiError(ERRORS.REQUEST_TOO_LARGE, bodyLimit);
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY': return apiError(ERRORS.REQUEST_MALFORMED);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE': return apiError(ERRORS.REQUEST_MEDIA_TYPE);
  }
  // Other client errors raised by Fastify itself (bad content length, bad URL) carry safe messages.
  if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500 && error.code?.startsWith('FST_')) {
    return apiError(ERRORS.REQUEST_INVALID, error.message);
  }
  return apiError(ERRORS.INTERNAL);
}

/**
 * Builds the whole application — API, OpenAPI document, docs page and web
 * page — without listening; tests drive it with `app.inject()`.
 *
 * @example
 * const app = await buildApp({store, pipeline: await createDefaultPipeline()});
 * const res = await app.inject('/api/events?type=movement');
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit,
    // Above every path parameter's schema limit, so the schema answers with its precise message.
    routerOptions: { maxParamLength: 1000 },
    // Errors the router raises before any route (a bad URL, an overlong parameter) also follow the catalogue.
    frameworkErrors: (error, _request, reply: FastifyReply) => {
      const known = toApiError(error, bodyLimit);
      return reply.code(known.statusCode).type('application/json').send(errorBody(known));
    },
  });
  addSecurityHeaders(app);
  takeTurns(app);
  app.setErrorHandler(handleError);
  if (options.token) requireWriteToken(app, options.token);
  app.setNotFoundHandler((request, reply) => {
    const error = apiError(ERRORS.ROUTE_NOT_FOUND, request.method, request.url.replace(/\?.*$/s, ''));
    return reply.code(404).send(errorBody(error));
  });
  for (const schema of sharedSchemas) app.addSchema(schema);
  app.setValidatorCompiler(createValidatorCompiler(sharedSchemas));

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Corridor API',
        description: 'Places, actors, events and who asserts them, read from conflict reporting; events fused across documents.',
        version: packageVersion(),
      },
      tags: [
        { name: 'documents', description: 'Stored documents, their extractions, and ingestion' },
        { name: 'events', description: 'Extracted events' },
        { name: 'entities', description: 'Places, actors and search' },
        { name: 'fusion', description: 'What reading documents together shows' },
        { name: 'map', description: 'Offline basemap and reference layers' },
      ],
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { validatorUrl: null } });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(apiPlugin, options);
  await app.register(webPlugin);
  return app;
}

export interface StartOptions extends Partial<Omit<AppOptions, 'store'>> {
  store: Store;
  host?: string;
  port?: number;
  /** A folder of GeoJSON reference layers; problems with single files are logged and the rest load. */
  layersDir?: string | null;
}

/** Refusal to listen beyond this machine without a write token. */
export class TokenRequiredError extends Error {
  readonly code = 'CORRIDOR_ERR_TOKEN_REQUIRED';

  constructor(host: string) {
    super(`listening on ${host} (not loopback) needs a token for writes: set CORRIDOR_TOKEN or pass --token`);
    this.name = 'TokenRequiredError';
  }
}

export interface RunningServer {
  app: FastifyInstance;
  /** `http://host:port`, with the port actually bound (useful with port 0). */
  url: string;
  /** Files of the layers folder that could not be used, one `<file>: <problem>` line each. */
  layerProblems: string[];
  close(): Promise<void>;
}

/**
 * Starts Corridor's web app on a store: the hook `corridor serve` and
 * `npm start` (the demo) call. Listens on 127.0.0.1:4317 unless told otherwise.
 *
 * @example
 * const { url } = await startServer({store: await openStore('corridor.db')});
 */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  const host = options.host ?? DEFAULT_HOST;
  // Anyone who can reach a non-loopback address could otherwise post documents (and make it fetch URLs).
  if (!options.token && !isLoopback(host)) throw new TokenRequiredError(host);
  // Loaded once, when a posted document or a place lookup first needs it, and shared by both.
  let geo: GeoResources | null = null;
  const sharedGeo = () => (geo ??= loadGeoResources());
  // Created when the first document is posted: serving what is stored needs no pipeline.
  const pipeline = options.pipeline ?? (() => createDefaultPipeline({ geo: sharedGeo() }));
  const loaded = options.layersDir ? await loadLayers(options.layersDir) : { layers: [], problems: [] };
  // Clients are answered from a reader thread's connection, so a query that waits never holds the event loop.
  const reading: OffThreadStore = options.store instanceof SqliteStore ? readOffThread(options.store) : { store: options.store, close: async () => {} };
  const app = await buildApp({
    ...options,
    store: reading.store,
    pipeline,
    gazetteer: options.gazetteer ?? (() => sharedGeo().gazetteer),
    layers: [...(options.layers ?? []), ...loaded.layers],
    // Internal errors are logged (to stderr, keeping stdout for what the command prints); their details never reach clients.
    logger: options.logger ?? { level: 'error', stream: process.stderr },
  });
  const close = async () => {
    await app.close();
    await reading.close();
  };
  try {
    await app.listen({ host, port: options.port ?? DEFAULT_PORT });
  } catch (error) {
    await close();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port ?? DEFAULT_PORT;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return { app, url, layerProblems: loaded.problems, close };
}
