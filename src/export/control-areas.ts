/**
 * `corridor export --format control-areas`: the estimated areas of control on
 * a day as RFC 7946 GeoJSON, each polygon with the claim and contradiction
 * ids behind it, styled by holder for viewers that read simplestyle
 * (`fill`, `fill-opacity`, `stroke`).
 */
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { controlAreasOf, createFusionContext, currentFusionState, type ControlAreaProperties, type ControlSettings } from '../fusion/index.js';
import type { Gazetteer } from '../geo/gazetteer/index.js';
import type { Store } from '../store/store.js';
import { loadBasemap } from '../web/basemap.js';

export interface ControlAreaExportProperties extends ControlAreaProperties {
  /** The holder's colour (its kind's in resources/control.json). */
  fill: string;
  'fill-opacity': number;
  /** The contested colour around contested areas, else the fill. */
  stroke: string;
}

/**
 * @example
 * const areas = await exportControlAreas(store, {at: '2017-10-20', gazetteer, settings: loadControlSettings()});
 */
export async function exportControlAreas(
  store: Store,
  options: { at: string; gazetteer: Gazetteer; settings: ControlSettings },
): Promise<FeatureCollection<Polygon | MultiPolygon, ControlAreaExportProperties>> {
  const { state } = await currentFusionState(store, createFusionContext());
  const areas = controlAreasOf(state, options.at, {
    gazetteer: options.gazetteer,
    settings: options.settings.areas,
    // Natural Earth's countries are all Polygons and MultiPolygons.
    clip: loadBasemap().countries as FeatureCollection<Polygon | MultiPolygon>,
  });
  const { palette, contested } = options.settings;
  return {
    type: 'FeatureCollection',
    features: areas.features.map((area) => {
      const fill = palette[area.properties.holder.kind ?? 'generic'];
      return { ...area, properties: { ...area.properties, fill, 'fill-opacity': area.properties.opacity, stroke: area.properties.contested ? contested : fill } };
    }),
  };
}
