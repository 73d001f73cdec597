import type { FastifyInstance } from 'fastify';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { controlAreasOf, loadControlSettings, type ControlAreas, type FusionState } from '../../fusion/index.js';
import { responses } from '../context.js';
import { object, ref } from '../schemas/helpers.js';

const TAGS = ['fusion'];
// A calendar day: ISO_DATE would let month 13 through to the computation.
const CACHED_DAYS = 200;
const DAY = '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$';

export async function controlRoutes(app: FastifyInstance): Promise<void> {
  const settings = loadControlSettings();
  // Play and the slider come back to the same days: per fused state (a new snapshot is a new one), the last days asked are kept.
  const cache = new WeakMap<FusionState, Map<string, ControlAreas>>();

  app.get('/api/control-palette', {
    schema: { summary: 'The colour of each kind of holder, and of contested control (resources/control.json)', tags: TAGS, response: responses(200, ref('ControlPalette')) },
  }, async () => ({ palette: settings.palette, contested: settings.contested }));

  app.get<{ Querystring: { at?: string } }>('/api/control-areas', {
    schema: {
      summary: 'Estimated areas of control on a date: one cell per settlement with a known holder, weighted by its evidence, with the claim and contradiction ids behind it',
      tags: TAGS,
      querystring: { ...object({ at: { type: 'string', pattern: DAY } }, ['at']), additionalProperties: false },
      response: responses(200, ref('ControlAreas')),
    },
  }, async (request) => {
    const at = request.query.at ?? new Date().toISOString().slice(0, 10);
    const [state, result] = await Promise.all([app.fusion.state(), app.fusion.read()]);
    const days = cache.get(state) ?? new Map<string, ControlAreas>();
    cache.set(state, days);
    const known = days.get(at);
    if (known) return known;
    const areas = controlAreasOf(state, at, {
      gazetteer: app.gazetteer(),
      settings: settings.areas,
      // Natural Earth's countries are all Polygons and MultiPolygons.
      clip: app.basemap().countries as FeatureCollection<Polygon | MultiPolygon>,
      timelines: result.timelines,
    });
    if (days.size >= CACHED_DAYS) days.delete(days.keys().next().value!);
    days.set(at, areas);
    return areas;
  });
}
