import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { packageRoot } from '../resources.js';

/** The page's files, served from the source tree (they are not compiled). */
const STATIC_ROOT = join(packageRoot, 'src', 'web', 'static');

/** MapLibre's ES module build; its worker module is loaded from beside it. */
function maplibreDist(): string {
  return dirname(fileURLToPath(import.meta.resolve('maplibre-gl')));
}

const MAPLIBRE_FILES = new Set(['/maplibre-gl.mjs', '/maplibre-gl-worker.mjs', '/maplibre-gl.css']);

/**
 * The web page: index.html at `/`, its modules and styles under `/static/`,
 * and MapLibre under `/vendor/maplibre/`. @fastify/static resolves every path
 * inside its root and refuses `..`; the vendor folder serves three named files only.
 */
export async function webPlugin(app: FastifyInstance): Promise<void> {
  await app.register(fastifyStatic, {
    root: STATIC_ROOT,
    prefix: '/static/',
    dotfiles: 'ignore',
    index: false,
    cacheControl: false,
  });
  await app.register(fastifyStatic, {
    root: maplibreDist(),
    prefix: '/vendor/maplibre/',
    decorateReply: false,
    dotfiles: 'ignore',
    index: false,
    allowedPath: (path) => MAPLIBRE_FILES.has(path),
  });
  app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.sendFile('index.html'));
}
