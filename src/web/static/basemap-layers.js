// The basemap's detail: river areas, first-level admin borders and populated places, asked
// for the view each time the map comes to rest (they are too heavy for the first
// load), and every basemap label drawn by MapLibre, whose symbol collision keeps
// one label where several would overlap: the higher ranked (lower sort key) wins.
// The towns and the names of the places the evidence is at share one source
// (`kind` tells them apart): a filter change lays both out in one worker tile.
import { getJson } from './api.js';

const EMPTY = { type: 'FeatureCollection', features: [] };
/** Without a glyphs URL MapLibre draws text with the browser's own fonts, so nothing is fetched. */
export const LABEL_FONT = ['sans-serif'];
/** Below these zooms the layer is too dense to read: countries say enough. */
const ADMIN1_FROM_ZOOM = 4;
/** Rivers are asked for at every zoom: the server gives the 10 km file's largest rivers and lakes below zoom 6. */
const RIVERS_FROM_ZOOM = 2;
const WATER = '#a8c8de';
const PLACES_FROM_ZOOM = 5;
/** Places asked for per view: enough to fill a screen once collisions have thinned them. */
const PLACES_PER_VIEW = 150;
const HALO = { 'text-halo-color': '#f4f1ea', 'text-halo-width': 1.5 };
/** The `places` source's two kinds of feature: basemap towns, and the places the evidence labels (map.js's `evidence-labels`). */
const IS_TOWN = ['==', ['get', 'kind'], 'town'];
export const IS_EVIDENCE_PLACE = ['==', ['get', 'kind'], 'evidence'];

/** Country label points as GeoJSON, for a symbol layer. */
function countryLabelFeatures(labels) {
  return {
    type: 'FeatureCollection',
    features: labels.map((l) => ({ type: 'Feature', properties: { name: l.name, rank: l.rank }, geometry: { type: 'Point', coordinates: [l.lon, l.lat] } })),
  };
}

/** The sources and layers to add to the style: water goes over the land, borders above `borders`, labels on top of the basemap. */
export function basemapDetailStyle(labels) {
  return {
    sources: {
      rivers: { type: 'geojson', data: EMPTY },
      admin1: { type: 'geojson', data: EMPTY },
      // Labels only: tiles of zoom 5 (a point to within about 150 m) mean a few tiles per view for the worker to lay out.
      places: { type: 'geojson', data: EMPTY, maxzoom: 5 },
      'country-labels': { type: 'geojson', data: countryLabelFeatures(labels) },
    },
    // River areas (OpenStreetMap's riverbanks and lakes). The fill's antialiased edge (an outline in its colour)
    // keeps a reach narrower than a pixel in sight: no line layer, which would cost every frame a layer more.
    water: [
      { id: 'rivers', type: 'fill', source: 'rivers', filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'fill-color': WATER, 'fill-outline-color': WATER } },
      // Natural Earth's centrelines keep a river's course continuous where the areas show only its wide reaches.
      {
        id: 'river-lines', type: 'line', source: 'rivers', filter: ['==', ['geometry-type'], 'LineString'],
        paint: { 'line-color': WATER, 'line-width': ['interpolate', ['linear'], ['zoom'], 3, 0.6, 8, 1.8] },
      },
    ],
    borders: [
      {
        id: 'admin1', type: 'line', source: 'admin1', minzoom: ADMIN1_FROM_ZOOM,
        paint: { 'line-color': '#b9b0a2', 'line-width': 0.7, 'line-dasharray': [4, 2] },
      },
    ],
    labels: [
      {
        // A country of rank r is named from the zoom at which rank r is legible: the largest first.
        id: 'country-labels', type: 'symbol', source: 'country-labels',
        filter: ['<=', ['get', 'rank'], ['step', ['zoom'], 0, 2.5, 1, 3.5, 2, 5, 3]],
        layout: {
          'text-field': ['upcase', ['get', 'name']], 'text-font': LABEL_FONT, 'text-size': 11, 'text-letter-spacing': 0.06,
          'symbol-sort-key': ['get', 'rank'], 'text-allow-overlap': false, 'text-padding': 4,
        },
        paint: { 'text-color': '#6d665b', ...HALO },
      },
      {
        id: 'places', type: 'symbol', source: 'places', minzoom: PLACES_FROM_ZOOM, filter: IS_TOWN,
        layout: {
          'text-field': ['get', 'name'], 'text-font': LABEL_FONT, 'text-size': ['step', ['get', 'rank'], 13, 5, 12, 30, 11],
          'symbol-sort-key': ['get', 'rank'], 'text-allow-overlap': false, 'text-padding': 3,
          'text-variable-anchor': ['top', 'bottom', 'left', 'right'], 'text-radial-offset': 0.5,
        },
        paint: { 'text-color': '#4a4a4a', ...HALO },
      },
      {
        id: 'place-dots', type: 'circle', source: 'places', minzoom: PLACES_FROM_ZOOM, filter: IS_TOWN,
        paint: { 'circle-radius': 2, 'circle-color': '#6d665b' },
      },
    ],
  };
}

/** The view as the API's bbox, rounded outward to a tenth of a degree so a small pan asks the cache again. */
function viewBox(map) {
  const b = map.getBounds();
  const out = (v, up) => (up ? Math.ceil(v * 10) : Math.floor(v * 10)) / 10;
  const clamp = (v, limit) => Math.max(-limit, Math.min(limit, v));
  return [out(clamp(b.getWest(), 180), false), out(clamp(b.getSouth(), 90), false), out(clamp(b.getEast(), 180), true), out(clamp(b.getNorth(), 90), true)].join(',');
}

/** Within this many degrees (about 5 km) a town and a place the evidence labels are one place spelt two ways. */
const SAME_PLACE_DEGREES = 0.05;

/** Whether a basemap town is a place the evidence already labels: the same id, name, or spot. */
function labelledAlready(town, labelled) {
  const [lon, lat] = town.geometry.coordinates;
  const { geonameid, name } = town.properties;
  return labelled.some((p) => (geonameid != null && p.geonameid === geonameid) || p.name === name
    || (Math.abs(p.lon - lon) < SAME_PLACE_DEGREES && Math.abs(p.lat - lat) < SAME_PLACE_DEGREES));
}

/**
 * Keeps the admin-1 and places sources filled for the view. A reply that comes
 * after the map has moved on is dropped, so a slow one never overwrites a newer view.
 * `setLabelled(places)` names the places the evidence labels, one label per name: the basemap leaves
 * them out (it returns the pending write of the source, or null when it stays as it is).
 * `write(sourceId, collection)` sets a source's data (source-data.js: only when it changed).
 */
export function followView(map, write) {
  let asked = 0;
  let towns = EMPTY;
  let labelled = [];
  const showTowns = () => {
    const names = new Map();
    for (const p of labelled) if (!names.has(p.name)) names.set(p.name, p);
    const evidence = [...names.values()].map((p) => ({ type: 'Feature', properties: { kind: 'evidence', name: p.name }, geometry: { type: 'Point', coordinates: [p.lon, p.lat] } }));
    const shown = towns.features.filter((t) => !labelledAlready(t, labelled)).map((t) => ({ ...t, properties: { ...t.properties, kind: 'town' } }));
    return write('places', { type: 'FeatureCollection', features: [...shown, ...evidence] });
  };
  const refresh = async () => {
    const turn = ++asked;
    const zoom = Math.floor(map.getZoom());
    const bbox = viewBox(map);
    const [rivers, admin1, places] = await Promise.all([
      zoom >= RIVERS_FROM_ZOOM ? getJson(`/api/basemap/rivers?bbox=${bbox}&zoom=${zoom}`) : EMPTY,
      zoom >= ADMIN1_FROM_ZOOM ? getJson(`/api/basemap/admin1?bbox=${bbox}&zoom=${zoom}`) : EMPTY,
      zoom >= PLACES_FROM_ZOOM ? getJson(`/api/basemap/places?bbox=${bbox}&limit=${PLACES_PER_VIEW}`) : EMPTY,
    ]);
    if (turn !== asked) return;
    write('rivers', rivers);
    write('admin1', admin1);
    towns = places;
    showTowns();
  };
  map.on('moveend', () => refresh().catch((error) => console.error('basemap detail:', error.message)));
  return {
    ready: refresh(),
    setLabelled(places) {
      labelled = places;
      return showTowns();
    },
  };
}
