// Corridor's page: loads what the API knows, then keeps the map, the timeline,
// the panel and the URL in step with the filters.
import { createDocumentCache, getAllItems, getItems, getJson } from './api.js';
import { byId, clear, fillSelect, h } from './dom.js';
import { createControl } from './control.js';
import { NARROW_PX, createMap } from './map.js';
import {
  EVENT_TYPES, MODALITIES, STATUS_LABELS, TYPE_COLORS, eventDays, eventPoint, fromDay, groupEvents, groupsAtPoint, groupLabel, inTimeRange, matchesFilters, toDay,
} from './model.js';
import { createPanel, featureSummary, groupSummary } from './panel.js';
import { readState, writeState } from './state.js';
import { timeRedraw } from './redraw-timing.js';
import { speakerIndex } from './speakers.js';
import { createTrajectoryPicker } from './trajectories.js';
import { createExportLinks } from './export.js';
import { createTimeline } from './timeline.js';

// The largest pages the API serves (the `limit` maxima in /openapi.json): the page loads every list whole.
const EVENT_PAGE = 5000;
const LIST_PAGE = 1000;

const statusLine = byId('status');
const setStatus = (text) => { statusLine.textContent = text; };

function toFeatureCollection(json) {
  if (json?.type === 'FeatureCollection' && Array.isArray(json.features)) return json;
  if (json?.type === 'Feature') return { type: 'FeatureCollection', features: [json] };
  if (typeof json?.type === 'string' && 'coordinates' in json) return { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: json }] };
  throw new Error('not GeoJSON (expected a FeatureCollection, a Feature or a geometry)');
}

async function main() {
  setStatus('Loading…');
  const [events, clusters, contradictions, trajectories, corridors, actors, layers, documents, land, countries, labels] = await Promise.all([
    getAllItems('/api/events', EVENT_PAGE),
    getAllItems('/api/clusters', LIST_PAGE),
    getAllItems('/api/contradictions', LIST_PAGE),
    getAllItems('/api/trajectories', LIST_PAGE),
    getAllItems('/api/corridors', LIST_PAGE),
    getAllItems('/api/actors', LIST_PAGE),
    getAllItems('/api/layers', LIST_PAGE),
    getJson('/api/documents?limit=1'),
    getJson('/api/basemap/land'),
    getJson('/api/basemap/countries'),
    getAllItems('/api/basemap/labels', LIST_PAGE),
  ]);

  const state = readState();
  const clustersById = new Map(clusters.map((c) => [c.id, c]));
  const allGroups = groupEvents(events, clustersById);
  const groupsByKey = new Map(allGroups.map((g) => [g.key, g]));
  const groupOfMention = new Map();
  for (const g of allGroups) for (const e of g.events) groupOfMention.set(`${e.docId}/${e.id}`, g);
  for (const c of clusters) for (const m of c.mentions) if (groupsByKey.has(c.id)) groupOfMention.set(m.key, groupsByKey.get(c.id));
  // Every leg of every trajectory: the map holds them all and shows those the picker and the filters keep.
  const allLegs = trajectories.flatMap((trajectory) => trajectory.geojson.features.map((feature) => ({ actor: trajectory.actor, trajectory, feature })));
  let visibleGroups = allGroups;
  let visibleKeys = new Set(allGroups.map((g) => g.key));
  let searchHits = [];
  // The query searchHits and searchEvents answer.
  let searchedFor = '';
  // Events at the place the search names, in any of its names ("Palmyra" finds Tadmur's).
  let searchEvents = new Set();

  // Filters: only values that occur are offered.
  const occurs = (key) => (value) => events.some((e) => key(e) === value);
  fillSelect(byId('filter-type'), EVENT_TYPES.filter(occurs((e) => e.type)).map((t) => ({ value: t, label: t })));
  fillSelect(byId('filter-actor'), actors.filter((a) => a.events > 0).sort((a, b) => a.name.localeCompare(b.name)).map((a) => ({ value: a.actorId, label: a.name })));
  fillSelect(byId('filter-modality'), MODALITIES.filter(occurs((e) => e.modality)).map((m) => ({ value: m, label: m })));
  const outlets = [...new Set(events.map((e) => e.outlet).filter(Boolean))].sort((a, b) => a.localeCompare(b));
  fillSelect(byId('filter-outlet'), outlets.map((o) => ({ value: o, label: o })));
  fillSelect(byId('filter-status'), Object.entries(STATUS_LABELS).filter(([status]) => occurs((e) => e.status)(status)).map(([value, label]) => ({ value, label })));
  // Speakers by who they speak for, one option per normalised name: a link's `source=` may hold any spelling of it.
  const speakers = speakerIndex(events);
  byId('filter-source').append(...speakers.groups.map(({ name, speakers: inGroup }) => h('optgroup', { label: name },
    inGroup.map((speaker) => h('option', { value: speaker.key }, `${speaker.label} (${speaker.reports})`)))));
  const maxCorroboration = Math.max(0, ...allGroups.map((g) => g.corroboration));
  fillSelect(byId('filter-corroboration'), Array.from({ length: maxCorroboration }, (_, i) => ({ value: String(i + 1), label: String(i + 1) })));

  const filterInputs = {
    type: 'filter-type', actor: 'filter-actor', modality: 'filter-modality', outlet: 'filter-outlet', status: 'filter-status',
    source: 'filter-source', minCorroboration: 'filter-corroboration',
  };
  const syncFilterInputs = () => {
    for (const [key, id] of Object.entries(filterInputs)) byId(id).value = String(state.filters[key] ?? (key === 'minCorroboration' ? '0' : ''));
    if (state.filters.source) byId('filter-source').value = speakers.keyOf(state.filters.source);
    byId('search-input').value = state.q;
  };

  // Folded on a phone, where it would cover most of the map.
  if (window.innerWidth <= NARROW_PX) byId('legend').open = false;
  // Legend: one line per event type.
  byId('legend-types').append(...EVENT_TYPES.map((type) => {
    const dot = h('span', { class: 'swatch dot', 'aria-hidden': 'true' });
    dot.style.backgroundColor = TYPE_COLORS[type];
    return h('li', {}, dot, type);
  }));

  let control = null;
  const mapController = await createMap(byId('map'), { land, countries, labels }, {
    select: (key) => navigate(`cluster:${key}`),
    selectPoint: (keys) => {
      // The rendered geometry is rounded to the map's tiles: the group's own point names the place.
      const point = eventPoint(groupsByKey.get(keys[0]));
      return navigate(keys.length === 1 ? `cluster:${keys[0]}` : `at:${point.lat},${point.lon}`);
    },
    markColor: (g) => control?.markColor(g) ?? null,
    summary: (key, others) => (groupsByKey.has(key) ? groupSummary(groupsByKey.get(key), others) : null),
    label: groupLabel,
    featureSummary,
  });
  // The MapLibre map, for the console and the browser tests (what it draws is on a canvas, not in the DOM).
  window.corridorMap = mapController.map;

  control = await createControl({
    map: mapController.map, legend: byId('legend-control'), navigate: (view) => navigate(view),
    groupByKey: (key) => groupsByKey.get(key) ?? null, onColours: () => render(),
  });

  const panel = createPanel({
    root: byId('panel'), title: byId('panel-title'), body: byId('panel-body'), back: byId('panel-back'),
    close: byId('panel-close'), openButton: byId('panel-open'), cache: createDocumentCache(),
    navigate: (view, options) => navigate(view, options),
    views: { place: (place, tools) => control.placeView(place, tools) },
    groupLinks: (group, button) => control.placeLink(group, button),
    // A focused list item haloes its mark and names it to screen readers; leaving it, the view's own marks return.
    focusGroup: (group) => {
      mapController.highlight(group ? [group] : groupsOfView(state.view).filter(Boolean), { bringIntoView: false });
      byId('map-focus').textContent = group ? `Shown on the map: ${groupLabel(group)}` : '';
    },
    data: () => ({
      groups: visibleGroups,
      groupsInView: visibleGroups.filter((g) => eventPoint(g) && mapController.inView(eventPoint(g))),
      contradictions,
      // The contradictions one of whose sides the filters and the time range keep.
      contradictionsInView: contradictions.filter((cx) => visibleKeys.has(cx.a.clusterId) || visibleKeys.has(cx.b.clusterId)),
      searchGroups: visibleGroups.filter((g) => g.events.some((e) => searchEvents.has(`${e.docId}/${e.id}`))),
      documents: documents.total ?? documents.items.length,
      searchHits,
      searchEvents: searchEvents.size,
      groupByKey: (key) => groupsByKey.get(key) ?? null,
      groupOfEvent: (docId, eventId) => groupOfMention.get(`${docId}/${eventId}`) ?? null,
    }),
  });

  /** The groups a view is about: a cluster, the event a document view points at, or both sides of a contradiction. */
  function groupsOfView(view) {
    const [kind, ...rest] = (view ?? '').split(':');
    const arg = rest.join(':');
    if (kind === 'cluster') return [groupsByKey.get(arg)];
    if (kind === 'at') return groupsAtPoint(visibleGroups, arg);
    if (kind === 'doc' && arg.includes('@')) return [groupOfMention.get(arg.replace('@', '/'))];
    if (kind === 'contradiction') {
      const cx = contradictions.find((c) => c.id === arg);
      return cx ? [groupsByKey.get(cx.a.clusterId), groupsByKey.get(cx.b.clusterId)] : [];
    }
    return [];
  }

  /** Opens a view in the panel; `keepFrame` leaves the map where a link put it, even with the view's events off screen. */
  function navigate(view, options = {}) {
    state.view = view === 'overview' ? null : view;
    writeState(state);
    mapController.highlight(groupsOfView(state.view).filter(Boolean), { bringIntoView: !options.keepFrame });
    return panel.show(view ?? 'overview', options);
  }

  // The timeline spans every dated event; an empty store gets today.
  const allDays = events.map(eventDays).filter(Boolean);
  const today = toDay(new Date().toISOString());
  const domain = allDays.length
    ? [allDays.reduce((m, d) => Math.min(m, d.from), Infinity), allDays.reduce((m, d) => Math.max(m, d.to), -Infinity)]
    : [today, today];
  const timeline = createTimeline({
    svg: byId('histogram'), fromInput: byId('time-from'), toInput: byId('time-to'), fromDate: byId('date-from'), toDate: byId('date-to'),
    playButton: byId('play'), speedSelect: byId('play-speed'), presets: byId('time-presets'), output: byId('time-label'),
    onChange: (range) => {
      state.from = range.full ? null : fromDay(range.from);
      state.to = range.full ? null : fromDay(range.to);
      render();
    },
  });
  timeline.setDomain(...domain);

  function render() {
    timeRedraw(mapController.map);
    writeState(state);
    const filters = {
      ...state.filters,
      speaker: state.filters.source ? { key: speakers.keyOf(state.filters.source), keyOf: speakers.keyOf } : null,
      search: state.q ? { docs: new Set(searchHits.map((hit) => hit.docId)), events: searchEvents } : null,
    };
    const matching = events.filter((e) => matchesFilters(e, filters));
    timeline.setCounts(matching.map(eventDays).filter(Boolean));
    const range = timeline.range();
    control.setDay(range.to);
    const shown = new Set(matching.filter((e) => inTimeRange(e, range)));
    visibleGroups = allGroups.filter((g) => g.events.some((e) => shown.has(e)));

    // A trajectory leg shows while one of the clusters behind it does: filters, search and time apply to it too.
    visibleKeys = new Set(visibleGroups.map((g) => g.key));
    const legs = allLegs.map(({ actor, trajectory, feature }) => {
      const p = feature.properties;
      const clusterKey = [...p.clusterIds].reverse().find((id) => visibleKeys.has(id)) ?? null;
      return {
        feature, clusterKey, shown: trajectoryPicker.shows(trajectory) && clusterKey !== null,
        label: `Trajectory of ${actor.name}: ${p.from} → ${p.to} (${p.departed} – ${p.arrived})`,
      };
    });

    const places = new Map();
    for (const g of visibleGroups) {
      for (const p of [eventPoint(g), g.origin, g.destination]) if (p) places.set(`${p.name}@${p.lat},${p.lon}`, p);
    }
    mapController.render({ groups: allGroups, shown: visibleKeys, legs, corridors, places: [...places.values()] });
    const searched = state.q ? ` · search “${state.q}”: ${searchHits.length} documents${searchEvents.size ? `, ${searchEvents.size} reports at the place` : ''}` : '';
    // Every event and report the filters and dates keep, in view or not: the overview counts those the map shows.
    setStatus(`${visibleGroups.length} events · ${shown.size} reports match${searched}`);
    if (!state.view || state.view === 'overview') panel.refresh();
  }

  /** The documents whose text matches `state.q`, and the events at the place it names. */
  async function fetchSearch() {
    const failed = (error) => {
      setStatus(`Search failed: ${error.message}`);
      return [];
    };
    const query = encodeURIComponent(state.q);
    const [hits, atPlace] = state.q ? await Promise.all([
      getItems(`/api/search?q=${query}&limit=100`).catch(failed),
      getAllItems(`/api/events?place=${query}`, EVENT_PAGE).catch(failed),
    ]) : [[], []];
    searchHits = hits;
    searchEvents = new Set(atPlace.map((e) => `${e.docId}/${e.id}`));
    searchedFor = state.q;
  }

  async function runSearch(q) {
    state.q = q.trim();
    await fetchSearch();
    render();
    if (state.q) await navigate(`search:${state.q}`);
    else if (state.view?.startsWith('search:')) await navigate('overview');
  }

  for (const [key, id] of Object.entries(filterInputs)) {
    byId(id).addEventListener('change', (event) => {
      const value = event.target.value;
      if (key === 'minCorroboration') state.filters[key] = Number(value) || undefined;
      else state.filters[key] = value || undefined;
      render();
    });
  }
  byId('filter-reset').addEventListener('click', () => {
    state.filters = {};
    state.q = '';
    state.from = null;
    state.to = null;
    searchHits = [];
    searchEvents = new Set();
    searchedFor = '';
    syncFilterInputs();
    timeline.setDomain(...domain);
    render();
  });
  byId('search-form').addEventListener('submit', (event) => {
    event.preventDefault();
    runSearch(byId('search-input').value);
  });

  // Layer toggles: the built-in overlays, the server's reference layers, then files the user opens (read here, never uploaded).
  const legendLayers = byId('legend-layers');
  // Each toggle's way to show or hide its layer as a link says: id → (visible) => ….
  const toggles = new Map();
  const addToggle = (id, label, color, setVisible) => {
    const visible = state.layers[id] !== false;
    setVisible(visible);
    const swatch = h('span', { class: 'swatch dot', 'aria-hidden': 'true' });
    swatch.style.backgroundColor = color;
    const checkbox = h('input', { type: 'checkbox', checked: visible, on: { change: (e) => {
      state.layers[id] = e.target.checked;
      setVisible(e.target.checked);
      writeState(state);
    } } });
    toggles.set(id, (show) => {
      checkbox.checked = show;
      setVisible(show);
    });
    legendLayers.append(h('li', {}, h('label', {}, checkbox, swatch, label)));
  };
  const addLayerToLegend = (id, name, geojson) => {
    const color = mapController.addReferenceLayer(id, geojson);
    addToggle(id, `${name} (${geojson.features.length})`, color, (visible) => mapController.setReferenceVisible(id, visible));
  };
  addToggle('control-areas', 'Areas of control', '#e0b000', (visible) => control.setVisible(visible));
  addToggle('trajectories', `Trajectories (${trajectories.length})`, '#3d3d3d', (visible) => mapController.setOverlayVisible('trajectories', visible));
  const trajectoryPicker = createTrajectoryPicker(byId('trajectory-pick'), trajectories, (key) => {
    state.path = key || null;
    render();
  });
  // The Source filter merges spellings ("Reyes", "Col. Daniel Reyes"): the export asks for every one the events give.
  const spellingsOf = (source) => {
    const key = speakers.keyOf(source);
    const spellings = new Set(events.map((e) => e.attribution?.source).filter((s) => s && speakers.keyOf(s) === key));
    return spellings.size ? [...spellings] : [source];
  };
  createExportLinks(byId('export-links'), () => ({
    state, bounds: mapController.map.getBounds(), sources: state.filters.source ? spellingsOf(state.filters.source) : [],
  }));
  addToggle('corridors', `Corridors (${corridors.length})`, '#b8a25a', (visible) => mapController.setOverlayVisible('corridors', visible));
  for (const layer of layers) {
    try {
      addLayerToLegend(layer.id, layer.name, await getJson(`/api/layers/${encodeURIComponent(layer.id)}`));
    } catch (error) {
      setStatus(`Layer ${layer.name} not loaded: ${error.message}`);
    }
  }
  let fileLayers = 0;
  byId('layer-file').addEventListener('change', async (event) => {
    const errorLine = byId('layer-error');
    errorLine.hidden = true;
    for (const file of event.target.files) {
      try {
        addLayerToLegend(`file-${++fileLayers}`, file.name, toFeatureCollection(JSON.parse(await file.text())));
      } catch (error) {
        errorLine.textContent = `${file.name}: ${error.message}`;
        errorLine.hidden = false;
      }
    }
    event.target.value = '';
  });

  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && panel.isOpen()) {
      panel.close();
      byId('panel-open').focus();
    }
  });
  /** Shows everything a state read from the URL holds: filters, search, dates, layers, the map's frame and the view. */
  async function applyState(next) {
    Object.assign(state, next);
    syncFilterInputs();
    timeline.select(state.from, state.to);
    for (const [id, show] of toggles) show(state.layers[id] !== false);
    trajectoryPicker.set(state.path ?? '');
    if (state.map) mapController.setView(state.map);
    else mapController.fitTo(allGroups.map(eventPoint).filter(Boolean));
    if (state.q !== searchedFor) await fetchSearch();
    render();
    await navigate(state.view ?? (state.q ? `search:${state.q}` : 'overview'), { keepFrame: !!next.map });
  }

  // A link pasted into this tab: only the hash changes, so the page is not reloaded.
  window.addEventListener('hashchange', () => applyState(readState()));
  window.addEventListener('resize', () => timeline.redraw());
  mapController.onMove(() => {
    state.map = mapController.view();
    writeState(state);
    if (!state.view || state.view === 'overview') panel.refresh();
  });

  await applyState(readState());
  document.body.dataset.ready = 'true';
}

main().catch((error) => {
  setStatus(`Corridor could not load: ${error.message}`);
  clear(byId('panel-body')).append(h('p', { class: 'error', role: 'alert' }, error.message));
});
