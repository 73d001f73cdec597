/**
 * Reads the PLOVER gold-standard records (Open Event Data Alliance): short
 * news texts, each with its PLOVER event category and, for some, the
 * event's location and its dead and injured, and the words its markup gives as the event's.
 */
import type { Span } from '../../types.js';
import { eventTriggers } from './plover-markup.js';

export interface PloverRecord {
  id: string;
  text: string;
  publishedAt: string | null;
  /** PLOVER category, `ASSAULT`. */
  type: string;
  mode: string | null;
  /** The words the record's markup marks as the event's (its `EVT` pieces), where they stand in the text. */
  triggers: Span[];
  /** The location's name as the record gives it, and where that name stands in the text (none when it does not). */
  location: { name: string; spans: Span[] } | null;
  dead: number | null;
  injured: number | null;
}

interface Raw {
  id: string;
  event: string;
  mode?: string | null;
  date?: string;
  text?: string;
  /** Usually an object with the markup; one record of the gold standard gives the markup string itself. */
  textInfo?: { markup?: string } | string;
  eventLoc?: { name: string };
  dead?: string | number;
  injured?: string | number;
}

function occurrences(text: string, name: string): Span[] {
  const spans: Span[] = [];
  const lower = text.toLowerCase();
  const wanted = name.toLowerCase();
  for (let at = lower.indexOf(wanted); at >= 0 && wanted; at = lower.indexOf(wanted, at + 1)) spans.push({ start: at, end: at + wanted.length });
  return spans;
}

const count = (value: string | number | undefined): number | null => (value === undefined || value === '' || Number.isNaN(Number(value)) ? null : Number(value));

/** The records with a text; the file's first record documents the format and has none. */
export function readPloverRecords(json: string): PloverRecord[] {
  const records = JSON.parse(json) as Raw[];
  if (!Array.isArray(records)) throw new Error('expected a JSON array of PLOVER records');
  return records.filter((r) => typeof r.text === 'string' && r.text.trim()).map((r) => ({
    id: r.id,
    text: r.text!,
    publishedAt: r.date && /^\d{4}-\d{2}-\d{2}$/.test(r.date) ? r.date : null,
    type: r.event,
    mode: r.mode || null,
    triggers: eventTriggers(typeof r.textInfo === 'string' ? r.textInfo : r.textInfo?.markup ?? '', r.text!),
    location: r.eventLoc?.name ? { name: r.eventLoc.name, spans: occurrences(r.text!, r.eventLoc.name) } : null,
    dead: count(r.dead),
    injured: count(r.injured),
  }));
}
