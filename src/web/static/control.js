// Who held what, where, when: holder colours for control marks, the estimated
// areas of control on the selected day (computed by the server, see
// resources/control.md), their legend, and a place's holder timeline.
import { getJson } from './api.js';
import { clear, h } from './dom.js';
import { STATUS_LABELS } from './model.js';

const OVERRIDES_KEY = 'corridor.holder-colours';
// Slider drags fire many inputs; the areas are asked for once the handle rests.
const REDRAW_DELAY_MS = 120;
// Modalities that state a change as fact (the writer's or a reporter's); the others only claim it.
const STATED = new Set(['asserted', 'reported']);
const BELOW = 'corridors';

function readOverrides() {
  try {
    const stored = JSON.parse(localStorage.getItem(OVERRIDES_KEY) ?? '{}');
    return stored && typeof stored === 'object' ? stored : {};
  } catch {
    return {};
  }
}

/** An 8×8 tile with one diagonal stroke: contested areas are hatched with it. */
function hatchImage(hex) {
  const size = 8;
  const data = new Uint8Array(size * size * 4);
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if ((x + y) % size > 1) continue;
      data.set([r, g, b, 220], (y * size + x) * 4);
    }
  }
  return { width: size, height: size, data };
}

/**
 * `changeMark(period, groupByKey)`: how the change that opened a period is
 * known: `contested` when a contradiction stands against it, `asserted` when a
 * report states it, else `claimed`.
 */
export function changeMark(period, groupByKey) {
  if (period.status === 'contested' || period.contradictions.length > 0) return 'contested';
  const opening = groupByKey(period.changeClusterId ?? period.claims[0]);
  const modalities = (opening?.cluster?.mentions ?? opening?.events ?? []).map((m) => m.modality);
  return modalities.some((m) => STATED.has(m)) ? 'asserted' : 'claimed';
}

export async function createControl({ map, legend, navigate, groupByKey, onColours }) {
  const { palette, contested } = await getJson('/api/control-palette');
  let overrides = readOverrides();
  let areas = [];
  let day = null;
  let token = 0;
  let timer = null;

  const colourOf = (holder) => (holder ? overrides[holder.actorId] ?? palette[holder.kind ?? 'generic'] ?? palette.generic : palette.generic);

  map.addSource('control-areas', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
  map.addImage('control-hatch', hatchImage(contested));
  map.addLayer({ id: 'control-areas-fill', type: 'fill', source: 'control-areas', paint: { 'fill-color': ['get', 'color'], 'fill-opacity': ['get', 'opacity'] } }, BELOW);
  map.addLayer({ id: 'control-areas-hatch', type: 'fill', source: 'control-areas', filter: ['==', ['get', 'contested'], true], paint: { 'fill-pattern': 'control-hatch' } }, BELOW);
  map.addLayer({ id: 'control-areas-line', type: 'line', source: 'control-areas', paint: { 'line-color': ['get', 'color'], 'line-width': 1, 'line-opacity': 0.7 } }, BELOW);
  map.on('mouseenter', 'control-areas-fill', () => { map.getCanvas().style.cursor = 'pointer'; });
  map.on('mouseleave', 'control-areas-fill', () => { map.getCanvas().style.cursor = ''; });
  map.on('click', 'control-areas-fill', (e) => {
    // A mark drawn over the area opens itself, not the area.
    if (map.queryRenderedFeatures(e.point, { layers: ['events', 'movements'] }).length) return;
    const area = areas[e.features[0].properties.index];
    if (area) navigate(`place:${area.properties.geonameid ?? area.properties.place}`);
  });

  function draw() {
    map.getSource('control-areas').setData({
      type: 'FeatureCollection',
      features: areas.map((a, index) => ({
        type: 'Feature',
        geometry: a.geometry,
        properties: { index, color: colourOf(a.properties.holder), opacity: a.properties.opacity, contested: a.properties.contested },
      })),
    });
    drawLegend();
  }

  function drawLegend() {
    const holders = new Map();
    for (const a of areas) {
      const entry = holders.get(a.properties.holder.actorId) ?? { holder: a.properties.holder, places: [] };
      entry.places.push(a.properties.place);
      holders.set(a.properties.holder.actorId, entry);
    }
    const rows = [...holders.values()].sort((a, b) => a.holder.name.localeCompare(b.holder.name)).map(({ holder, places }) => {
      const picker = h('input', {
        type: 'color', value: colourOf(holder), class: 'holder-colour', 'aria-label': `Colour of ${holder.name}`,
        on: { change: (e) => setColour(holder.actorId, e.target.value) },
      });
      return h('li', { class: 'control-holder', dataset: { actor: holder.actorId } },
        picker, h('span', { class: 'holder-name' }, holder.name), h('span', { class: 'group-meta' }, ` ${places.join(', ')}`));
    });
    clear(legend).append(
      h('h3', {}, 'Areas of control'),
      h('p', { class: 'control-day' }, day ? `On ${day}: ${areas.length} area${areas.length === 1 ? '' : 's'}` : 'Loading…'),
      h('ul', { class: 'control-holders' }, rows),
      h('ul', { class: 'legend-marks' },
        h('li', {}, h('span', { class: 'swatch area-strong', 'aria-hidden': 'true' }), 'solid: several sources, recent'),
        h('li', {}, h('span', { class: 'swatch area-faint', 'aria-hidden': 'true' }), 'faint: one source, or evidence months old'),
        h('li', {}, h('span', { class: 'swatch area-hatched', 'aria-hidden': 'true' }), 'hatched: contested (a contradiction stands)')),
      h('p', { class: 'hint' }, 'Each settlement with a known holder gets a cell, cut to a radius scaled by its size and to its country. '
        + 'They follow the slider\'s last day, not the filters. Control marks take their holder\'s colour; pick another per holder above. '
        + 'Click an area for the claims behind it.'),
    );
  }

  function setColour(actorId, colour) {
    overrides = { ...overrides, [actorId]: colour };
    localStorage.setItem(OVERRIDES_KEY, JSON.stringify(overrides));
    draw();
    onColours();
  }

  async function load(at) {
    const mine = ++token;
    try {
      const collection = await getJson(`/api/control-areas?at=${at}`);
      if (mine !== token) return;
      areas = collection.features;
      day = at;
      draw();
      legend.dataset.day = at;
    } catch (error) {
      if (mine === token) clear(legend).append(h('p', { class: 'error', role: 'alert' }, `Areas of control not loaded: ${error.message}`));
    }
  }

  /** A place's holders over time, each period with its change mark and the reports behind it. */
  async function placeView(place, { title, mentionItem, statusBadge, button }) {
    const timeline = await getJson(`/api/timelines/${encodeURIComponent(place)}`);
    title.textContent = `${timeline.place.name}: who held it`;
    const area = areas.find((a) => a.properties.geonameid === timeline.place.geonameid && a.properties.place === timeline.place.name);
    const periods = await Promise.all(timeline.periods.map(async (period) => {
      const swatch = h('span', { class: 'swatch dot', 'aria-hidden': 'true' });
      swatch.style.backgroundColor = colourOf(period.holder);
      const mark = changeMark(period, groupByKey);
      const claims = period.claims.map(groupByKey).filter(Boolean);
      const mentions = claims.flatMap((g) => g.cluster?.mentions ?? []);
      return h('li', { class: 'holder-period', dataset: { from: period.from, to: period.to ?? '' } },
        h('div', { class: 'holder-head' }, swatch, ' ', h('strong', { class: 'holder-name' }, period.holder?.name ?? 'holder not named'),
          ' ', h('span', { class: 'holder-dates' }, `${period.from} – ${period.to ?? 'now'}`),
          ' ', h('span', { class: `badge change-mark change-${mark}` }, mark), ' ', statusBadge(period.status)),
        h('ul', { class: 'mention-list' }, await Promise.all(mentions.map(mentionItem))),
        period.contradictions.map((id) => button('Open the contradiction', `contradiction:${id}`)),
        claims.map((g) => button(`Open the claim (${g.reports} report${g.reports === 1 ? '' : 's'})`, `cluster:${g.key}`)));
    }));
    return [
      area ? h('p', { class: 'summary area-summary' },
        `On ${area.properties.at} the map shades this area as ${area.properties.holder.name}'s: `,
        `${area.properties.sources} independent source${area.properties.sources === 1 ? '' : 's'}, latest ${area.properties.lastEvidence}, `,
        `${STATUS_LABELS[area.properties.status] ?? area.properties.status}${area.properties.contested ? ', contested' : ''}.`) : null,
      h('ol', { class: 'holder-timeline' }, periods),
    ];
  }

  return {
    /** The colour of a control mark: its new holder's; null for other events. */
    markColor: (group) => (group.type === 'control' && group.cluster?.control?.holder ? colourOf(group.cluster.control.holder) : null),
    /** Redraws the areas for the last day of the selected range. */
    setDay(dayNumber, { now = false } = {}) {
      const at = new Date(dayNumber * 86_400_000).toISOString().slice(0, 10);
      if (at === day && !now) return;
      clearTimeout(timer);
      if (now) load(at);
      else timer = setTimeout(() => load(at), REDRAW_DELAY_MS);
    },
    setVisible(visible) {
      for (const id of ['control-areas-fill', 'control-areas-hatch', 'control-areas-line']) map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none');
    },
    placeView,
    /** A way from a control event to its place's timeline. */
    placeLink: (group, button) => (group.type === 'control' && group.location
      ? button(`Who held ${group.location.name} over time`, `place:${group.location.geonameid ?? group.location.name}`)
      : null),
  };
}
