import type { FastifyInstance } from 'fastify';
import { buildExportDataset, loadExportResources, renderExport, type ExportFilter, type ExportResources } from '../../export/index.js';
import { responses } from '../context.js';
import { ERRORS } from '../errors.js';
import { CLAIM_STATUSES, EVENT_TYPES, MODALITIES } from '../schemas/enums.js';
import { BBOX, enumOf, ISO_DATE } from '../schemas/helpers.js';
import { parseBbox } from './events.js';
import type { ClaimStatus } from '../../fusion/index.js';
import type { EventType, Modality } from '../../types.js';

/** The exports the page offers for its view, with what each is served as. */
const FORMATS = {
  geojson: { type: 'application/geo+json; charset=utf-8', extension: 'geojson' },
  'acled-csv': { type: 'text/csv; charset=utf-8', extension: 'csv' },
  html: { type: 'text/html; charset=utf-8', extension: 'html' },
} as const;
type PageFormat = keyof typeof FORMATS;

interface ExportQuery {
  bbox?: string;
  from?: string;
  to?: string;
  type?: EventType;
  actor?: string;
  minCorroboration?: number;
  status?: ClaimStatus;
  modality?: Modality;
  outlet?: string;
  source?: string[];
}

/**
 * `corridor export` over HTTP, for the page's export buttons: the fused events that a
 * view's box, dates and filters keep (those of /api/events, and the map's outlet and
 * status), as GeoJSON, an ACLED CSV or the HTML dossier, sent as a file to save.
 */
export async function exportRoutes(app: FastifyInstance): Promise<void> {
  let resources: ExportResources | null = null;
  app.get<{ Params: { format: PageFormat }; Querystring: ExportQuery }>('/api/export/:format', {
    schema: {
      summary: 'The fused events of a view as GeoJSON, an ACLED CSV or an HTML dossier (a file to save)',
      tags: ['events'],
      params: { type: 'object', properties: { format: enumOf(Object.keys(FORMATS)) }, required: ['format'] },
      querystring: {
        type: 'object',
        properties: {
          bbox: BBOX,
          from: { type: 'string', pattern: ISO_DATE, description: 'Events ending on or after this date' },
          to: { type: 'string', pattern: ISO_DATE, description: 'Events starting on or before this date' },
          type: enumOf(EVENT_TYPES),
          actor: { type: 'string', minLength: 1, maxLength: 200, description: 'Actor id or name' },
          minCorroboration: { type: 'integer', minimum: 0, maximum: 1000 },
          status: enumOf(CLAIM_STATUSES),
          modality: { ...enumOf(MODALITIES), description: 'How one of its reports asserts the event (that report also meets outlet and source)' },
          outlet: { type: 'string', minLength: 1, maxLength: 200, description: 'The outlet of one of its reports' },
          source: {
            type: 'array', minItems: 1, maxItems: 50, items: { type: 'string', minLength: 1, maxLength: 200 },
            description: 'Who asserts the event in one of its reports: any of these spellings (repeat the parameter; case-insensitive)',
          },
        },
        additionalProperties: false,
      },
      response: responses(200, { type: 'string' }, [ERRORS.QUERY_BBOX]),
    },
  }, async (request, reply) => {
    const { bbox, ...rest } = request.query;
    const filter: ExportFilter = { ...rest, ...(bbox === undefined ? {} : { bbox: parseBbox(bbox) }) };
    resources ??= loadExportResources();
    const dataset = await buildExportDataset(app.store, { filter, countries: resources.countries });
    const { content } = renderExport(request.params.format, dataset, resources, { title: 'Corridor: events in view' });
    const format = FORMATS[request.params.format];
    reply.type(format.type).header('content-disposition', `attachment; filename="corridor-events.${format.extension}"`);
    return content;
  });
}
