// What the page shows, derived from the API's lists: filtering, grouping of
// event mentions into the clusters fusion made of them, labels and dates.

export const EVENT_TYPES = ['movement', 'control', 'attack', 'agreement', 'governance', 'displacement', 'declaration', 'protest'];
export const MODALITIES = ['asserted', 'reported', 'claimed', 'alleged', 'denied', 'hedged', 'speculative', 'question', 'planned', 'conditional'];
export const STANCES = ['fact', 'reported', 'opinion', 'speculation', 'question'];

// Okabe-Ito colours: distinguishable with the common colour-vision deficiencies.
export const TYPE_COLORS = {
  movement: '#0072B2',
  control: '#009E73',
  attack: '#D55E00',
  agreement: '#CC79A7',
  governance: '#6A3D9A',
  displacement: '#E69F00',
  declaration: '#5F5F5F',
  protest: '#56B4E9',
};
export const CONTESTED_COLOR = '#D00000';

const DAY = 86_400_000;

export function toDay(iso) {
  if (!iso) return null;
  const t = Date.parse(iso.slice(0, 10) + 'T00:00:00Z');
  return Number.isNaN(t) ? null : Math.floor(t / DAY);
}

export function fromDay(day) {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

/** An event's days: its own time, else the publication date of its report. */
export function eventDays(event) {
  const from = toDay(event.time.from) ?? toDay(event.publishedAt);
  const to = toDay(event.time.to) ?? from;
  return from === null ? null : { from, to: Math.max(from, to ?? from) };
}

/** The point an event is drawn at: where it happened, else where it went, else where it came from. */
export function eventPoint(e) {
  return e.location ?? e.destination ?? e.origin ?? null;
}

/** The groups drawn at one point, from an `at:<lat>,<lon>` view's argument. */
export function groupsAtPoint(groups, arg) {
  const [lat, lon] = arg.split(',').map(Number);
  return groups.filter((g) => eventPoint(g)?.lat === lat && eventPoint(g)?.lon === lon);
}

export function isMovement(e) {
  return !!(e.origin && e.destination && (e.origin.lat !== e.destination.lat || e.origin.lon !== e.destination.lon));
}

// Modalities of what has not happened: `isOccurrence` in src/types.ts, which fusion and control timelines read (test/web/model.test.ts holds the two together).
const NOT_OCCURRED = new Set(['planned', 'conditional']);

/** Whether the event is told as something that happened: not a plan, an aim, an avoided or future event, nor a condition. */
export function isOccurrence(event) {
  return event.modality !== null && !NOT_OCCURRED.has(event.modality) && (event.intent ?? null) === null;
}

/** Whether the filters keep an event; without a Modality filter, only what happened is shown ("planned" shows the plans). */
export function matchesFilters(event, filters) {
  if (filters.type && event.type !== filters.type) return false;
  if (filters.actor && event.agent?.actorId !== filters.actor && event.patient?.actorId !== filters.actor) return false;
  if (filters.modality ? event.modality !== filters.modality : !isOccurrence(event)) return false;
  if (filters.outlet && event.outlet !== filters.outlet) return false;
  if (filters.status && event.status !== filters.status) return false;
  // A speaker is matched by its merged, normalised name (speakers.js), whatever spelling the event gives.
  if (filters.speaker && filters.speaker.keyOf(event.attribution?.source ?? '') !== filters.speaker.key) return false;
  if (filters.minCorroboration && event.corroboration < filters.minCorroboration) return false;
  if (filters.search && !filters.search.docs.has(event.docId) && !filters.search.events.has(`${event.docId}/${event.id}`)) return false;
  return true;
}

/** Whether the event's days meet the range; undated events show only when the range is the whole timeline. */
export function inTimeRange(event, range) {
  if (!range || range.full) return true;
  const days = eventDays(event);
  return days !== null && days.from <= range.to && days.to >= range.from;
}

/**
 * Event mentions grouped by the cluster fusion put them in (one group per
 * real-world event); a mention fusion never saw stays a group of its own.
 */
export function groupEvents(events, clustersById) {
  const groups = new Map();
  for (const e of events) {
    const key = e.clusterId ?? `${e.docId}/${e.id}`;
    let group = groups.get(key);
    if (!group) {
      const cluster = e.clusterId ? clustersById.get(e.clusterId) ?? null : null;
      const base = cluster ?? e;
      group = {
        key,
        cluster,
        type: base.type,
        subtype: base.subtype,
        agent: base.agent,
        patient: base.patient,
        location: base.location,
        origin: base.origin,
        destination: base.destination,
        corroboration: cluster ? cluster.corroboration.score : e.corroboration,
        status: cluster ? cluster.status : e.status,
        events: [],
      };
      groups.set(key, group);
    }
    group.events.push(e);
  }
  for (const g of groups.values()) {
    const days = g.events.map(eventDays).filter(Boolean);
    g.from = days.length ? Math.min(...days.map((d) => d.from)) : null;
    g.to = days.length ? Math.max(...days.map((d) => d.to)) : null;
    g.contested = g.status === 'contested';
    g.reports = g.cluster?.mentions.length ?? g.events.length;
  }
  return [...groups.values()].sort((a, b) => (a.from ?? Infinity) - (b.from ?? Infinity) || a.key.localeCompare(b.key));
}

export function capitalize(s) {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}

/** "Movement (relocation): Islamic State, Mosul → Tal Afar". */
export function groupLabel(g) {
  const kind = capitalize(g.type) + (g.subtype && g.subtype !== g.type ? ` (${g.subtype})` : '');
  const who = [g.agent?.name, g.patient ? `against ${g.patient.name}` : null].filter(Boolean).join(' ');
  const where = isMovement(g) ? `${g.origin.name} → ${g.destination.name}` : eventPoint(g)?.name ?? '';
  return `${kind}: ${[who, where].filter(Boolean).join(', ') || 'unspecified'}`;
}

/** Newest first: by the last day a group covers, then its first; undated groups last. */
export function newestFirst(a, b) {
  return (b.to ?? -Infinity) - (a.to ?? -Infinity) || (b.from ?? -Infinity) - (a.from ?? -Infinity) || a.key.localeCompare(b.key);
}

export function dayRangeLabel(from, to) {
  if (from === null || from === undefined) return 'undated';
  return from === to ? fromDay(from) : `${fromDay(from)} – ${fromDay(to)}`;
}

export const STATUS_LABELS = {
  corroborated: 'corroborated',
  'single-source': 'single source',
  contested: 'contested',
  unsupported: 'unsupported',
};
