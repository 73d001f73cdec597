import * as chrono from 'chrono-node';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
// A fixed reference so parsing never depends on today's date; only fully stated dates are kept anyway.
export const REFERENCE = new Date(Date.UTC(2000, 0, 1));
const NUMERIC_DATE = /^\s*(\d{1,2})[/.](\d{1,2})[/.]\d{2,4}\s*$/;
// Longer metadata values are not dates, and parsing megabytes of one only costs time.
const MAX_DATE_LENGTH = 100;

/**
 * A publication date from metadata (front matter, meta tags, feeds, JSON) as
 * an ISO date (`2017-07-11`) or date-time keeping its stated offset
 * (`2017-07-11T10:00:00+03:00`). Null when the value is missing, partial
 * (`July 2017`) or unparsable: an unknown date is never replaced by a guess.
 */
export function normaliseDate(value: unknown): string | null {
  if (value instanceof Date) return fromDateObject(value);
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (!text || text.length > MAX_DATE_LENGTH) return null;

  const date = ISO_DATE.exec(text);
  if (date) return validDate(+date[1]!, +date[2]!, +date[3]!) ? text : null;
  const dateTime = ISO_DATE_TIME.exec(text);
  if (dateTime) {
    const [, y, mo, d, h, mi, s = '00', zone] = dateTime;
    if (!validDate(+y!, +mo!, +d!) || +h! > 23 || +mi! > 59 || +s > 59) return null;
    return `${y}-${mo}-${d}T${h}:${mi}:${s}${zone ? formatZone(zone) : ''}`;
  }
  if (ambiguousNumeric(text)) return null;

  const [result] = chrono.strict.parse(text, REFERENCE);
  return result ? fromChrono(result.start) : null;
}

/**
 * A metadata date that could not be read, as a message quotes it: a string
 * cut short, a list or object named rather than spelled out (a YAML alias
 * bomb spells out to hundreds of megabytes); null when there was none.
 */
export function unreadableDate(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value.length > MAX_DATE_LENGTH ? `${value.slice(0, MAX_DATE_LENGTH)}…` : value;
  if (value instanceof Date) return 'an invalid date';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : String(value);
}

function fromDateObject(date: Date): string | null {
  if (Number.isNaN(date.getTime())) return null;
  const iso = date.toISOString();
  // YAML front matter turns `date: 2017-07-11` into UTC midnight.
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.replace('.000Z', 'Z');
}

function validDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function formatZone(zone: string): string {
  if (zone.toUpperCase() === 'Z') return 'Z';
  const digits = zone.replace(':', '');
  return `${digits.slice(0, 3)}:${digits.slice(3)}`;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * Whether a numeric date reads both day-first and month-first (03/04/2017);
 * 17/10/2017 and 05/05/2017 read one way only.
 */
export function ambiguousNumeric(text: string): boolean {
  const numbers = NUMERIC_DATE.exec(text);
  return !!numbers && +numbers[1]! !== +numbers[2]! && +numbers[1]! <= 12 && +numbers[2]! <= 12;
}

/** ISO text for a chrono component when year, month and day were all stated; null otherwise. */
export function fromChrono(start: chrono.ParsedComponents): string | null {
  if (!start.isCertain('year') || !start.isCertain('month') || !start.isCertain('day')) return null;
  const day = `${pad(start.get('year')!, 4)}-${pad(start.get('month')!)}-${pad(start.get('day')!)}`;
  if (!start.isCertain('hour')) return day;
  const time = `${pad(start.get('hour')!)}:${pad(start.get('minute') ?? 0)}:${pad(start.get('second') ?? 0)}`;
  const offset = start.isCertain('timezoneOffset') ? start.get('timezoneOffset') : null;
  if (offset === null || offset === undefined) return `${day}T${time}`;
  if (offset === 0) return `${day}T${time}Z`;
  const sign = offset < 0 ? '-' : '+';
  return `${day}T${time}${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
}
