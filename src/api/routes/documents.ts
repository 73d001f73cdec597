import type { FastifyInstance } from 'fastify';
import type { StoredDocument } from '../../store/store.js';
import { responses } from '../context.js';
import { apiError, ERRORS } from '../errors.js';
import type { IngestBody } from '../ingest.js';
import { nextLink, type PageQuery } from '../paging.js';
import { ISO_DATE_TIME, object, pageOf, pageParams, ref, str } from '../schemas/helpers.js';

const DOCUMENT_ID = { type: 'string', pattern: '^[0-9a-f]{6,64}$', description: 'A document id (SHA-256 hex) or a prefix of at least 6 characters' };
const INGEST_FIELD_MAX = 2_000_000;

/** A full id, or a prefix that names exactly one document. */
async function resolveDocument(app: FastifyInstance, id: string): Promise<StoredDocument> {
  if (id.length === 64) {
    const document = await app.store.getDocument(id);
    if (document) return document;
    throw apiError(ERRORS.DOCUMENT_NOT_FOUND, id);
  }
  const found = await app.store.findDocuments(id);
  const [only, ...others] = found;
  if (!only) throw apiError(ERRORS.DOCUMENT_NOT_FOUND, id);
  if (others.length > 0) throw apiError(ERRORS.DOCUMENT_AMBIGUOUS, id, found.length);
  return only;
}

export async function documentRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: PageQuery & { outlet?: string } }>('/api/documents', {
    schema: {
      summary: 'List stored documents',
      tags: ['documents'],
      querystring: { type: 'object', properties: { outlet: { type: 'string', maxLength: 200 }, ...pageParams() }, additionalProperties: false },
      response: responses(200, pageOf(ref('DocumentSummary'))),
    },
  }, async (request) => {
    const { outlet, limit, offset } = request.query;
    const items = await app.store.listDocuments({ outlet, limit, offset });
    // The store counts all documents, so a total is given only for the unfiltered list.
    const total = outlet === undefined ? await app.store.countDocuments() : undefined;
    const more = total === undefined ? items.length === limit : offset + limit < total;
    return { items, total, limit, offset, next: more ? nextLink(request, request.query) : null };
  });

  app.get<{ Params: { id: string } }>('/api/documents/:id', {
    schema: {
      summary: 'One document with its text',
      tags: ['documents'],
      params: object({ id: DOCUMENT_ID }),
      response: responses(200, ref('Document'), [ERRORS.DOCUMENT_NOT_FOUND]),
    },
  }, async (request) => resolveDocument(app, request.params.id));

  app.get<{ Params: { id: string } }>('/api/documents/:id/extraction', {
    schema: {
      summary: "A document's extraction: places, actors, times, events, statements, sentences, corridors",
      tags: ['documents'],
      params: object({ id: DOCUMENT_ID }),
      response: responses(200, ref('Extraction'), [ERRORS.DOCUMENT_NOT_FOUND, ERRORS.EXTRACTION_NOT_FOUND]),
    },
  }, async (request) => {
    const document = await resolveDocument(app, request.params.id);
    const extraction = await app.store.getExtraction(document.id);
    if (!extraction) throw apiError(ERRORS.EXTRACTION_NOT_FOUND, document.id);
    return extraction;
  });

  app.post<{ Body: IngestBody }>('/api/documents', {
    schema: {
      summary: 'Ingest a text, an HTML page or a URL; processed in the background',
      description: 'Give exactly one of text, html or url. Returns a job id to poll at /api/jobs/{id}.',
      tags: ['documents'],
      body: {
        type: 'object',
        properties: {
          text: { type: 'string', minLength: 1, maxLength: INGEST_FIELD_MAX },
          html: { type: 'string', minLength: 1, maxLength: INGEST_FIELD_MAX },
          url: { type: 'string', minLength: 1, maxLength: 2000 },
          title: { type: 'string', maxLength: 500 },
          publishedAt: { type: 'string', pattern: ISO_DATE_TIME },
          outlet: { type: 'string', maxLength: 200 },
        },
        additionalProperties: false,
      },
      response: responses(202, object({ jobId: str }), [
        ERRORS.INGEST_SOURCE, ERRORS.INGEST_URL, ERRORS.REQUEST_MALFORMED, ERRORS.REQUEST_TOO_LARGE,
        ERRORS.REQUEST_MEDIA_TYPE, ERRORS.INGEST_QUEUE_FULL,
      ]),
    },
  }, async (request, reply) => {
    const body = request.body;
    const given = [body.text, body.html, body.url].filter((v) => v !== undefined).length;
    if (given !== 1) throw apiError(ERRORS.INGEST_SOURCE);
    if (body.url !== undefined && !/^https?:\/\/[^\s]+$/i.test(body.url)) throw apiError(ERRORS.INGEST_URL, body.url);
    const job = app.ingestJobs.submit(body);
    reply.code(202).header('location', `/api/jobs/${job.id}`);
    return { jobId: job.id };
  });

  app.get<{ Params: { id: string } }>('/api/jobs/:id', {
    schema: {
      summary: 'Status of an ingestion job: queued, running, done (with docId) or failed (with error)',
      tags: ['documents'],
      params: object({ id: { type: 'string', pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' } }),
      response: responses(200, ref('Job'), [ERRORS.JOB_NOT_FOUND]),
    },
  }, async (request) => {
    const job = app.ingestJobs.get(request.params.id);
    if (!job) throw apiError(ERRORS.JOB_NOT_FOUND, request.params.id);
    return job;
  });
}
