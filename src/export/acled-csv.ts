/**
 * Corridor's events as rows of an ACLED export: ACLED's columns in ACLED's
 * order, its event and sub-event types, date and precision codes, and its
 * actor type codes, through resources/acled-mapping.json.
 */
import { fromDay, toDay } from '../fusion/space-time.js';
import {
  ACLED_COLUMNS, acledActorName, acledRow, acledSubEventType, civilianTargeting, interOf, interactionCode,
  type AcledMapping, type AcledRow, type MappableEvent, type MappedActor,
} from '../reference/acled.js';
import type { FusedActor, TimeWindow } from '../fusion/index.js';
import { writeCsv } from './csv.js';
import type { ExportDataset, ExportEvent } from './dataset.js';

export interface AcledConversion {
  rows: AcledRow[];
  /** Events with no ACLED row, and why. */
  skipped: { id: string; label: string; reason: string }[];
}

/** ACLED's date and time precision for a window: its middle day; 1 for a day, 2 for up to a week, 3 for up to a month. */
export function acledDate(mapping: AcledMapping, time: TimeWindow): { date: string; precision: 1 | 2 | 3 } | null {
  const from = toDay(time.from);
  const to = toDay(time.to);
  if (from === null || to === null) return null;
  const span = to - from + 1;
  const middle = fromDay(from + Math.floor((span - 1) / 2));
  if (time.precision === 'year' || span > mapping.timePrecision.maxDaysForMonth) return null;
  // A date read off the publication date stands for the days before it, never for one known day.
  if (span === 1 && time.precision !== 'document') return { date: middle, precision: 1 };
  if (span <= mapping.timePrecision.maxDaysForWeek && time.precision !== 'month') return { date: middle, precision: 2 };
  return { date: middle, precision: 3 };
}

/**
 * @example
 * const { rows, skipped } = toAcledRows(dataset, loadAcledMapping(), new Map([['russian-forces', 'RU']]));
 * rows[0].sub_event_type; // 'Non-state actor overtakes territory'
 */
export function toAcledRows(dataset: ExportDataset, mapping: AcledMapping, actorCountries: ReadonlyMap<string, string>): AcledConversion {
  const rows: AcledRow[] = [];
  const skipped: AcledConversion['skipped'] = [];
  const withCountry = (a: FusedActor | null): MappedActor | null => a && { ...a, country: actorCountries.get(a.actorId) ?? null };
  for (const cluster of dataset.events) {
    const e = {
      ...cluster,
      country: cluster.place?.country?.alpha2 ?? null,
      agent: withCountry(cluster.agent),
      patient: withCountry(cluster.patient),
      control: cluster.control && { holder: withCountry(cluster.control.holder), loser: withCountry(cluster.control.loser) },
    };
    const skip = (reason: string) => skipped.push({ id: e.id, label: e.label, reason });
    const subEventType = acledSubEventType(mapping, e, e.evidence.map((ev) => ev.sentence));
    if (subEventType === null) { skip(`ACLED records no ${e.type}/${e.subtype} events`); continue; }
    if (subEventType === undefined) { skip(`no rule of ${mapping.source} maps ${e.type}/${e.subtype}`); continue; }
    if (e.corroboration.score === 0) { skip('no source asserts it (only opinion, denial or plans)'); continue; }
    if (!e.place) { skip('no place'); continue; }
    const when = e.time && acledDate(mapping, e.time);
    if (!when) { skip(e.time ? 'its date is vaguer than a month' : 'no date'); continue; }
    rows.push(toRow(e, mapping, subEventType, when));
  }
  return { rows, skipped };
}

/** Rows as an ACLED CSV file: ACLED's columns in ACLED's order. */
export function writeAcledCsv(rows: readonly AcledRow[]): string {
  return writeCsv(ACLED_COLUMNS, rows.map((r) => ACLED_COLUMNS.map((c) => r[c])));
}

export function toAcledCsv(dataset: ExportDataset, mapping: AcledMapping, actorCountries: ReadonlyMap<string, string>): AcledConversion & { csv: string } {
  const conversion = toAcledRows(dataset, mapping, actorCountries);
  return { ...conversion, csv: writeAcledCsv(conversion.rows) };
}

type MappedEvent = Omit<ExportEvent, 'agent' | 'patient' | 'control'> & MappableEvent;

/** Who takes part: for a change of control the new holder and the loser, else the agent and the patient; the first named one is actor 1. */
function actorsOf(e: MappedEvent): [MappedActor | null, MappedActor | null] {
  const [first, second] = e.control && (e.control.holder || e.control.loser) ? [e.control.holder, e.control.loser] : [e.agent, e.patient];
  return first ? [first, second] : [second, null];
}

function toRow(e: MappedEvent, mapping: AcledMapping, subEventType: string, when: { date: string; precision: 1 | 2 | 3 }): AcledRow {
  const place = e.place!;
  const { eventType, disorderType } = mapping.subEventTypes.get(subEventType)!;
  const country = place.country;
  const countryName = country ? mapping.countryNames[country.alpha2] ?? country.name : '';
  const [actor1, actor2] = actorsOf(e);
  const inter1 = interOf(mapping, actor1, e.country);
  const inter2 = interOf(mapping, actor2, e.country);
  const asserting = e.evidence.filter((ev) => ev.weight === 'evidence');
  const sources = [...new Set(asserting.map((ev) => ev.document.outlet ?? ev.source))];
  const uploaded = Math.max(...e.evidence.map((ev) => Date.parse(ev.document.ingestedAt)).filter(Number.isFinite));
  const quotes = asserting.slice(0, 3).map((ev) => `"${ev.quote.replace(/\s+/g, ' ').trim()}" (${ev.document.outlet ?? ev.source}${ev.document.publishedAt ? `, ${ev.document.publishedAt.slice(0, 10)}` : ''})`);
  return neutralize(acledRow({
    id: country ? `${country.alpha3}-${e.id}` : e.id,
    date: when.date,
    timePrecision: when.precision,
    disorderType,
    eventType,
    subEventType,
    actor1: acledActorName(mapping, actor1, countryName || null),
    assocActor1: '',
    inter1,
    actor2: acledActorName(mapping, actor2, countryName || null),
    assocActor2: '',
    inter2,
    interaction: interactionCode(inter1, inter2),
    civilianTargeting: civilianTargeting(mapping, eventType, e.patient),
    iso: country?.numeric ?? null,
    region: country ? mapping.countryRegions[country.alpha2] ?? mapping.regions[country.subregion] ?? '' : '',
    country: countryName,
    admin1: place.admin1 ?? '',
    admin2: '',
    admin3: '',
    location: place.name,
    lat: place.lat,
    lon: place.lon,
    geoPrecision: mapping.geoPrecision[place.precision ?? 'exact'],
    source: sources.join('; '),
    sourceScale: '',
    notes: `${e.label}. Corridor: ${e.status}, ${e.corroboration.score} independent source${e.corroboration.score === 1 ? '' : 's'}. ${quotes.join(' ')}`.trim(),
    // ACLED records "no information on fatalities" as 0.
    fatalities: e.fatalities ?? 0,
    tags: [`corridor: ${e.id}`, `status: ${e.status}`, `corroboration: ${e.corroboration.score}`, `modality: ${e.modalities[0] ?? 'asserted'}`].join('; '),
    timestamp: Number.isFinite(uploaded) ? Math.floor(uploaded / 1000) : null,
  }));
}

/** Columns whose text comes from the documents (names, places, outlets, quotes). */
const TEXT_COLUMNS = ['actor1', 'actor2', 'admin1', 'location', 'source', 'notes'] as const;

/**
 * A spreadsheet runs a cell that starts with = + - or @ as a formula: text
 * from a document must not, so such cells get a leading apostrophe (the
 * usual guard against CSV injection).
 */
function neutralize(row: AcledRow): AcledRow {
  const safe = { ...row };
  for (const column of TEXT_COLUMNS) if (/^[=+\-@\t\r]/.test(safe[column])) safe[column] = `'${safe[column]}`;
  return safe;
}
