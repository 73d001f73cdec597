// The map: an offline basemap (Natural Earth polygons from the API; admin-1
// borders and populated places per view; its labels drawn by MapLibre with the
// browser's fonts), reference layers, corridors, trajectories, movements with
// arrowheads, and events. The evidence's own labels are HTML markers above all.
import * as maplibregl from '/vendor/maplibre/maplibre-gl.mjs';
import { IS_EVIDENCE_PLACE, LABEL_FONT, basemapDetailStyle, followView } from './basemap-layers.js';
import { TRAJECTORY_ARROWS } from './trajectories.js';
import { h } from './dom.js';
import { afterLoading, createSourceWriter } from './source-data.js';
import { CONTESTED_COLOR, TYPE_COLORS, eventPoint, isMovement } from './model.js';

const EMPTY = { type: 'FeatureCollection', features: [] };
const REFERENCE_COLORS = ['#8c6d31', '#637939', '#7b4173', '#3182bd', '#636363', '#843c39'];
// First layer drawn above the reference layers: user layers go under the evidence.
const ABOVE_REFERENCE = 'corridors';
/**
 * Every event's mark is in the `events` and `movements` sources from the start; the filters
 * show or hide it through its feature state, which the map applies in its next frame without
 * re-tiling anything in its worker. A hidden mark has no size, so the mouse never finds it.
 */
const SHOWN = ['boolean', ['feature-state', 'shown'], false];
const ifShown = (value) => ['case', SHOWN, value, 0];

function style(basemap) {
  const detail = basemapDetailStyle(basemap.labels);
  return {
    version: 8,
    sources: {
      land: { type: 'geojson', data: basemap.land },
      countries: { type: 'geojson', data: basemap.countries },
      ...detail.sources,
      corridors: { type: 'geojson', data: EMPTY },
      trajectories: { type: 'geojson', data: EMPTY },
      movements: { type: 'geojson', data: EMPTY },
      events: { type: 'geojson', data: EMPTY },
      selection: { type: 'geojson', data: EMPTY },
    },
    layers: [
      { id: 'sea', type: 'background', paint: { 'background-color': '#d8e6ef' } },
      { id: 'land', type: 'fill', source: 'land', paint: { 'fill-color': '#f4f1ea' } },
      ...detail.water,
      ...detail.borders,
      { id: 'borders', type: 'line', source: 'countries', paint: { 'line-color': '#a8a093', 'line-width': 0.8 } },
      ...detail.labels,
      {
        id: 'corridors', type: 'line', source: 'corridors', layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: { 'line-color': '#8a6d00', 'line-width': 9, 'line-opacity': 0.22 },
      },
      {
        id: 'trajectories', type: 'line', source: 'trajectories', layout: { 'line-cap': 'round' },
        paint: { 'line-color': '#3d3d3d', 'line-width': ifShown(1.6), 'line-dasharray': [3, 2], 'line-opacity': ifShown(0.8) },
      },
      TRAJECTORY_ARROWS,
      // The event whose evidence the panel shows, haloed under everything else.
      {
        id: 'selection-line', type: 'line', source: 'selection', filter: ['==', ['geometry-type'], 'LineString'],
        layout: { 'line-cap': 'round' }, paint: { 'line-color': '#ffbf47', 'line-width': 14, 'line-opacity': 0.7 },
      },
      {
        id: 'selection-point', type: 'circle', source: 'selection', filter: ['==', ['geometry-type'], 'Point'],
        paint: { 'circle-color': '#ffbf47', 'circle-radius': 24, 'circle-opacity': 0.55 },
      },
      {
        id: 'movements-contested', type: 'line', source: 'movements', filter: ['==', ['get', 'contested'], true],
        paint: { 'line-color': CONTESTED_COLOR, 'line-width': ifShown(['+', 6, ['min', ['get', 'corroboration'], 4]]), 'line-dasharray': [1.5, 1] },
      },
      {
        id: 'movements', type: 'line', source: 'movements', layout: { 'line-cap': 'round' },
        paint: { 'line-color': ['get', 'color'], 'line-width': ifShown(['+', 2, ['min', ['get', 'corroboration'], 4]]), 'line-opacity': ifShown(0.9) },
      },
      {
        id: 'events', type: 'circle', source: 'events',
        paint: {
          'circle-color': ['get', 'color'],
          'circle-radius': ifShown(['+', 5, ['*', 2.5, ['min', ['get', 'corroboration'], 6]]]),
          'circle-opacity': ifShown(['case', ['==', ['get', 'status'], 'unsupported'], 0.45, 0.85]),
          'circle-stroke-color': ['case', ['get', 'contested'], CONTESTED_COLOR, '#ffffff'],
          'circle-stroke-width': ifShown(['case', ['get', 'contested'], 3, 1.5]),
          'circle-stroke-opacity': ifShown(1),
        },
      },
      EVIDENCE_LABELS,
    ],
  };
}

/**
 * The names of the places the evidence is at, above their marks. Last in the style, they are drawn
 * over the marks and placed first: a basemap name that would overlap one gives way, and of two that overlap each other
 * (Ālbū Kamāl and Al Qā'im across the border) one is shown until the map zooms in.
 */
const EVIDENCE_LABELS = {
  id: 'evidence-labels', type: 'symbol', source: 'places', filter: IS_EVIDENCE_PLACE, minzoom: 3.5,
  layout: {
    'text-field': ['get', 'name'], 'text-font': LABEL_FONT, 'text-size': 12, 'text-anchor': 'bottom', 'text-offset': [0, -0.9],
    'text-allow-overlap': false, 'text-padding': 2,
  },
  paint: { 'text-color': '#222222', 'text-halo-color': '#ffffff', 'text-halo-width': 2 },
};

const lngLat = (p) => [p.lon, p.lat];
/** The width under which the page takes its phone layout (style.css's max-width media query). */
export const NARROW_PX = 700;

/** Where along a line (by Mercator distance) to put its arrowhead, and the arrow's screen angle. */
function arrowPlacement(from, to, at) {
  const a = maplibregl.MercatorCoordinate.fromLngLat(from);
  const b = maplibregl.MercatorCoordinate.fromLngLat(to);
  const point = new maplibregl.MercatorCoordinate(a.x + (b.x - a.x) * at, a.y + (b.y - a.y) * at).toLngLat();
  // Mercator y grows southward like screen y, and the map never rotates: the angle holds at every zoom.
  return { point, degrees: (Math.atan2(b.y - a.y, b.x - a.x) * 180) / Math.PI };
}

function arrowMarker({ from, to, color, className, label, at, onActivate, onHover }) {
  const { point, degrees } = arrowPlacement(from, to, at);
  const element = h('button', { type: 'button', class: className, 'aria-label': label, title: label });
  element.style.color = color;
  if (onActivate) element.addEventListener('click', (event) => { event.stopPropagation(); onActivate(event); });
  if (onHover) {
    element.addEventListener('mouseenter', () => onHover(true));
    element.addEventListener('mouseleave', () => onHover(false));
    element.addEventListener('focus', () => onHover(true));
    element.addEventListener('blur', () => onHover(false));
  }
  return new maplibregl.Marker({ element, rotation: degrees, rotationAlignment: 'map', pitchAlignment: 'map' }).setLngLat(point);
}

function textMarker(lon, lat, className, text) {
  const element = h('div', { class: className, 'aria-hidden': 'true' }, text);
  return new maplibregl.Marker({ element, anchor: 'center' }).setLngLat([lon, lat]);
}

/** The point and line of a group, `id` its feature id in the `events` and `movements` sources. */
function markFeatures(group, id, color) {
  const properties = { key: group.key, type: group.type, color, corroboration: group.corroboration, contested: group.contested, status: group.status ?? 'single-source' };
  const point = eventPoint(group);
  return {
    point: point ? { type: 'Feature', id, properties, geometry: { type: 'Point', coordinates: lngLat(point) } } : null,
    line: isMovement(group) ? { type: 'Feature', id, properties, geometry: { type: 'LineString', coordinates: [lngLat(group.origin), lngLat(group.destination)] } } : null,
  };
}

/**
 * The events' marks: every group's point and line set once (again only when a colour changes), shown or
 * hidden by feature state, and the arrowheads of the movements shown (HTML buttons the keyboard reaches).
 */
function eventMarks(map, write, handlers, openUnlessOverDots, showSummary, popup) {
  const ids = new Map();
  const idOf = (key) => ids.get(key) ?? ids.set(key, ids.size).get(key);
  const stateOf = new Map();
  const arrows = new Map();
  let arrowsDrawn = [];
  let arrowsKey = '';

  const arrowOf = (g, color) => {
    const known = arrows.get(g.key);
    if (known?.color === color) return known.marker;
    const marker = arrowMarker({
      from: lngLat(g.origin), to: lngLat(g.destination), color, at: 0.8,
      className: `arrowhead movement-arrow${g.contested ? ' contested' : ''}`,
      label: `${handlers.label(g)} — ${g.reports} report${g.reports === 1 ? '' : 's'}; open the evidence`,
      onActivate: (event) => openUnlessOverDots(event, () => handlers.select(g.key)),
      onHover: (on) => (on ? showSummary(g.key, lngLat(g.destination)) : popup.remove()),
    });
    arrows.set(g.key, { color, marker });
    return marker;
  };

  return {
    draw(groups, shown) {
      const points = [];
      const lines = [];
      const colors = new Map();
      for (const g of groups) {
        const color = handlers.markColor?.(g) ?? TYPE_COLORS[g.type] ?? '#333';
        colors.set(g.key, color);
        const { point, line } = markFeatures(g, idOf(g.key), color);
        if (point) points.push(point);
        if (line) lines.push(line);
      }
      write('events', { type: 'FeatureCollection', features: points });
      write('movements', { type: 'FeatureCollection', features: lines });
      for (const g of groups) {
        const id = idOf(g.key);
        const on = shown.has(g.key);
        if (stateOf.get(id) === on) continue;
        stateOf.set(id, on);
        for (const source of ['events', 'movements']) map.setFeatureState({ source, id }, { shown: on });
      }
      // The arrowheads of the movements shown, in the groups' order (the keyboard's), redone only when they change.
      const moving = groups.filter((g) => shown.has(g.key) && isMovement(g));
      const key = moving.map((g) => `${g.key}:${colors.get(g.key)}`).join('|');
      if (key === arrowsKey) return;
      arrowsKey = key;
      for (const marker of arrowsDrawn) marker.remove();
      arrowsDrawn = moving.map((g) => arrowOf(g, colors.get(g.key)));
      for (const marker of arrowsDrawn) marker.addTo(map);
    },
  };
}

/**
 * Trajectory legs and corridors, with their arrowheads and names. `legs` are every leg of every
 * trajectory (the same list at each call), each `shown` or not, as the events' marks are.
 */
function overlayLines(map, write, handlers, openUnlessOverDots) {
  const legState = new Map();
  let legMarkers = [];
  let legsKey = '';
  let corridorMarkers = [];
  return {
    draw(legs, corridors) {
      write('trajectories', { type: 'FeatureCollection', features: legs.map((leg, id) => ({ ...leg.feature, id })) });
      legs.forEach((leg, id) => {
        if (legState.get(id) === leg.shown) return;
        legState.set(id, leg.shown);
        map.setFeatureState({ source: 'trajectories', id }, { shown: leg.shown });
      });
      const shown = legs.filter((leg) => leg.shown && leg.feature.geometry.coordinates.length >= 2);
      const key = JSON.stringify(shown.map((leg) => [leg.label, leg.clusterKey]));
      if (key !== legsKey) {
        legsKey = key;
        for (const marker of legMarkers) marker.remove();
        legMarkers = shown.map((leg) => {
          const coords = leg.feature.geometry.coordinates;
          return arrowMarker({
            from: coords[coords.length - 2], to: coords[coords.length - 1], color: '#3d3d3d', at: 0.6,
            className: 'arrowhead trajectory-arrow', label: leg.label,
            onActivate: leg.clusterKey ? (event) => openUnlessOverDots(event, () => handlers.select(leg.clusterKey)) : null,
          });
        });
        for (const marker of legMarkers) marker.addTo(map);
      }
      // A corridor with a single known waypoint has no line to draw.
      const drawable = corridors.filter((c) => c.line);
      const corridorsChanged = write('corridors', {
        type: 'FeatureCollection',
        features: drawable.map((c) => ({ type: 'Feature', properties: { name: c.name }, geometry: c.line })),
      });
      if (!corridorsChanged) return;
      for (const marker of corridorMarkers) marker.remove();
      corridorMarkers = drawable.map((c) => {
        const middle = c.line.coordinates[Math.floor((c.line.coordinates.length - 1) / 2)];
        const next = c.line.coordinates[Math.floor((c.line.coordinates.length - 1) / 2) + 1] ?? middle;
        return textMarker((middle[0] + next[0]) / 2, (middle[1] + next[1]) / 2, 'corridor-label', c.name);
      });
      for (const marker of corridorMarkers) marker.addTo(map);
    },
  };
}

/**
 * Creates the map in `container`. Resolves once the style is loaded.
 * `handlers.select(groupKey)` opens a group's evidence; `handlers.selectPoint(groupKeys)` the marks under a click; `handlers.summary(groupKey)` builds its hover summary;
 * `handlers.markColor(group)`, when it gives one, colours a mark instead of its type (control marks by holder).
 */
export function createMap(container, basemap, handlers) {
  const map = new maplibregl.Map({
    container,
    style: style(basemap),
    center: [40, 34],
    zoom: 4,
    minZoom: 1,
    maxZoom: 12,
    dragRotate: false,
    pitchWithRotate: false,
    touchPitch: false,
    attributionControl: false,
    // Labels appear at once: MapLibre's default 300 ms fade keeps the map from being idle (drawn) after every filter change.
    fadeDuration: 0,
    // Printing copies the canvas: without the drawing buffer kept, the printed map is blank.
    canvasContextAttributes: { preserveDrawingBuffer: true },
  });
  map.touchZoomRotate.disableRotation();
  map.keyboard.disableRotation();
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
  map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-right');
  map.addControl(new maplibregl.AttributionControl({
    compact: true,
    // Rivers are OpenStreetMap's (ODbL), towns GeoNames' (CC BY 4.0), the rest Natural Earth's (public domain).
    customAttribution: ['Natural Earth', 'GeoNames', '© OpenStreetMap contributors'],
  }));

  const popup = new maplibregl.Popup({ closeButton: false, closeOnClick: false, maxWidth: '320px', offset: 12 });
  const referenceLayers = new Map();

  const showSummary = (key, lngLatAt, others = 0) => {
    const content = handlers.summary(key, others);
    if (content) popup.setLngLat(lngLatAt).setDOMContent(content).addTo(map);
  };

  // One listener for both layers, whose features come topmost first: a dot over a line's end summarises the dot.
  map.on('mousemove', ['events', 'movements'], (e) => {
    map.getCanvas().style.cursor = 'pointer';
    // The other dots under the pointer are counted, not summarised: a click lists them all.
    const dots = new Set(e.features.filter((f) => f.layer.id === 'events').map((f) => f.properties.key));
    showSummary(e.features[0].properties.key, e.lngLat, Math.max(0, dots.size - 1));
  });
  map.on('mouseleave', ['events', 'movements'], () => {
    map.getCanvas().style.cursor = '';
    popup.remove();
  });
  // A line crossing a place's dots gives way to them: the dots' click lists every event there.
  /**
   * An arrowhead that happens to sit on a place's dots gives the mouse's click to them (the list of
   * events there); from the keyboard (no pointer position) it opens its own movement.
   */
  const openUnlessOverDots = (event, open) => {
    const box = map.getContainer().getBoundingClientRect();
    const dots = event.detail > 0 ? map.queryRenderedFeatures([event.clientX - box.left, event.clientY - box.top], { layers: ['events'] }) : [];
    if (dots.length) handlers.selectPoint([...new Set(dots.map((f) => f.properties.key))]);
    else open();
  };
  map.on('click', 'movements', (e) => {
    if (map.queryRenderedFeatures(e.point, { layers: ['events'] }).length) return;
    handlers.select(e.features[0].properties.key);
  });
  // Marks at one place lie on top of each other: the click hands over every one under the pointer.
  map.on('click', 'events', (e) => handlers.selectPoint([...new Set(e.features.map((f) => f.properties.key))]));

  const write = createSourceWriter(map);
  const marks = eventMarks(map, write, handlers, openUnlessOverDots, showSummary, popup);
  const overlays = overlayLines(map, write, handlers, openUnlessOverDots);
  let detail = null;
  let renders = 0;
  const loaded = new Promise((resolve) => map.once('load', resolve)).then(() => {
    detail = followView(map, write);
    detail.ready.catch((error) => console.error('basemap detail:', error.message));
  });

  return loaded.then(() => ({
    map,

    /**
     * Redraws the evidence: `groups` are every event group the page knows (the same list at each call),
     * `shown` the keys of those the filters keep; then trajectory legs, corridors and the places to label.
     */
    render({ groups, shown, legs, corridors, places }) {
      popup.remove();
      const turn = ++renders;
      // One label per place: a name the evidence labels is neither labelled twice nor by the basemap.
      const writes = [detail.setLabelled(places)].filter(Boolean);
      const drawMarks = () => {
        // A later redraw has its own marks to show.
        if (turn !== renders) return;
        marks.draw(groups, shown);
        overlays.draw(legs, corridors);
      };
      // The marks change in the frame that draws the new labels: each frame the map draws while its worker
      // lays the labels out is one more before it is idle (and, drawn in software, takes the worker's CPU).
      if (writes.length) afterLoading(map, writes, ['places'], drawMarks);
      else drawMarks();
    },

    /** Haloes the groups the panel shows (none for the overview); unless told not to, brings them into view. */
    highlight(groups, { bringIntoView = true } = {}) {
      const features = [];
      for (const group of groups) {
        const point = eventPoint(group);
        if (point) features.push({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: lngLat(point) } });
        if (isMovement(group)) {
          features.push({ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: [lngLat(group.origin), lngLat(group.destination)] } });
        }
      }
      map.getSource('selection').setData({ type: 'FeatureCollection', features });
      // Bring the evidence into view when it is off screen (chosen from the panel's lists), keeping the zoom.
      const points = groups.flatMap((g) => [eventPoint(g), g.origin, g.destination]).filter(Boolean);
      const view = map.getBounds();
      if (bringIntoView && points.length && !points.every((p) => view.contains(lngLat(p)))) {
        const bounds = new maplibregl.LngLatBounds(lngLat(points[0]), lngLat(points[0]));
        for (const p of points) bounds.extend(lngLat(p));
        map.fitBounds(bounds, { padding: 120, maxZoom: map.getZoom(), duration: 500 });
      }
    },

    /** Whether a point lies within what the map shows now. */
    inView: (point) => map.getBounds().contains(lngLat(point)),

    /** Where the map is: its centre and zoom. */
    view() {
      const { lat, lng } = map.getCenter();
      return { lat, lon: lng, zoom: map.getZoom() };
    },

    /** Moves the map to a centre and zoom at once. */
    setView({ lat, lon, zoom }) {
      map.jumpTo({ center: [lon, lat], zoom });
    },

    /** Calls `listener` each time the map has stopped moving (pan or zoom, by the user or the page). */
    onMove: (listener) => map.on('moveend', listener),

    /** Frames where most of the evidence is: a stray far-away place (a misread name) does not zoom the map out to the world. */
    fitTo(points) {
      if (points.length === 0) return;
      const quantile = (values, q) => values.sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))];
      const trim = points.length >= 10 ? 0.05 : 0;
      const lons = points.map((p) => p.lon);
      const lats = points.map((p) => p.lat);
      const bounds = new maplibregl.LngLatBounds(
        [quantile([...lons], trim), quantile([...lats], trim)],
        [quantile([...lons], 1 - trim), quantile([...lats], 1 - trim)],
      );
      // Room for the legend on the left, unless the map is phone-narrow, where the legend starts folded.
      const padding = container.clientWidth > NARROW_PX ? { top: 60, bottom: 40, left: 270, right: 60 } : 30;
      map.fitBounds(bounds, { padding, maxZoom: 7, duration: 0 });
    },

    /** Adds a reference layer under the evidence; returns the colour it was given. */
    addReferenceLayer(id, geojson) {
      const color = REFERENCE_COLORS[referenceLayers.size % REFERENCE_COLORS.length];
      const source = `ref-${id}`;
      map.addSource(source, { type: 'geojson', data: geojson });
      const geometry = (types) => ['in', ['geometry-type'], ['literal', types]];
      const layers = [
        { id: `${source}-fill`, type: 'fill', filter: geometry(['Polygon', 'MultiPolygon']), paint: { 'fill-color': color, 'fill-opacity': 0.18 } },
        { id: `${source}-line`, type: 'line', filter: geometry(['LineString', 'MultiLineString', 'Polygon', 'MultiPolygon']), paint: { 'line-color': color, 'line-width': 1.5 } },
        { id: `${source}-point`, type: 'circle', filter: geometry(['Point', 'MultiPoint']), paint: { 'circle-color': color, 'circle-radius': 4, 'circle-opacity': 0.8 } },
      ];
      for (const layer of layers) {
        map.addLayer({ ...layer, source }, ABOVE_REFERENCE);
        map.on('mousemove', layer.id, (e) => {
          const content = handlers.featureSummary(e.features[0].properties);
          popup.setLngLat(e.lngLat).setDOMContent(content).addTo(map);
        });
        map.on('mouseleave', layer.id, () => popup.remove());
      }
      referenceLayers.set(id, layers.map((l) => l.id));
      return color;
    },

    /** Shows or hides a built-in overlay (`trajectories` or `corridors`) with its HTML markers. */
    setOverlayVisible(name, visible) {
      for (const layer of name === 'trajectories' ? [name, TRAJECTORY_ARROWS.id] : [name]) map.setLayoutProperty(layer, 'visibility', visible ? 'visible' : 'none');
      container.classList.toggle(`hide-${name}`, !visible);
    },

    setReferenceVisible(id, visible) {
      for (const layerId of referenceLayers.get(id) ?? []) map.setLayoutProperty(layerId, 'visibility', visible ? 'visible' : 'none');
    },

    hasReferenceLayer(id) {
      return referenceLayers.has(id);
    },
  }));
}
