import type { ParsedComponents, ParsedResult } from 'chrono-node';
import type { TimeMention, TimePrecision } from '../types.js';
import { compareDays, daysInMonth, toIsoDay, type CalendarDay } from './calendar.js';
import { PRECISION_TAG, RELATIVE_TAG } from './parsers.js';
import { AMBIGUOUS_ORDER_TAG } from './refiners.js';

/** A chrono result turned into a mention, with what the stage needs to judge it. */
export interface TimeCandidate {
  mention: TimeMention;
  /** Computed from the reference date ("yesterday", "last week", "Monday", "10 July"). */
  dependsOnReference: boolean;
  /** A numeric date whose day and month could be read either way. */
  ambiguousOrder: boolean;
  inverted: boolean;
}

const PRECISION_ORDER: readonly TimePrecision[] = ['day', 'week', 'month', 'year'];

const coarser = (a: TimePrecision, b: TimePrecision) => (PRECISION_ORDER.indexOf(a) >= PRECISION_ORDER.indexOf(b) ? a : b);

/** The components that must be stated for a date of this precision to count as stated. */
const STATED_UNITS: Record<TimePrecision, ReadonlyArray<'year' | 'month' | 'day'>> = {
  day: ['year', 'month', 'day'],
  week: ['year', 'month'],
  month: ['year', 'month'],
  year: ['year'],
};

function precisionOf(c: ParsedComponents): TimePrecision {
  if (c.isCertain('day') || c.isCertain('weekday')) return 'day';
  if (c.isCertain('month')) return 'month';
  if (c.isCertain('year')) return 'year';
  // "this morning", "tonight": the reference day itself.
  return 'day';
}

const dayOf = (c: ParsedComponents): CalendarDay => ({ year: c.get('year')!, month: c.get('month')!, day: c.get('day')! });

/** The first and last day of the period of `precision` holding `c`. */
function periodStart(c: ParsedComponents, precision: TimePrecision): CalendarDay {
  const d = dayOf(c);
  if (precision === 'year') return { year: d.year, month: 1, day: 1 };
  if (precision === 'month') return { ...d, day: 1 };
  return d;
}

function periodEnd(c: ParsedComponents, precision: TimePrecision): CalendarDay {
  const d = dayOf(c);
  if (precision === 'year') return { year: d.year, month: 12, day: 31 };
  if (precision === 'month') return { ...d, day: daysInMonth(d.year, d.month) };
  return d;
}

function isRelative(tags: Set<string>): boolean {
  return tags.has(RELATIVE_TAG) || tags.has('result/relativeDate') || [...tags].some((t) => t.startsWith('casualReference/'));
}

// Parsers match the preposition that makes a number a date ("in 2014", "between 20 and 31 August"),
// and chrono keeps "on" and commas around a weekday ("on Monday,"): the mention is the date itself.
const LEADING_NOISE = /^[\s,(]*(?:(?:on|in|since|during|until|till|throughout|before|after|of|by|from|between)\s+)?/i;
const TRAILING_NOISE = /[\s,)]+$/;

/**
 * Turns a chrono result found in `unit` (a sentence starting at `offset` in
 * the document) into a TimeMention. Vague periods from Corridor's parsers keep
 * their exact bounds and tagged precision; chrono's dates widen to the whole
 * day, month or year they state.
 */
export function toCandidate(result: ParsedResult, offset: number): TimeCandidate {
  const tags = result.tags();
  const taggedPrecision = [...tags].find((t) => t.startsWith(PRECISION_TAG))?.slice(PRECISION_TAG.length) as TimePrecision | undefined;
  const end = result.end ?? result.start;
  const precision = taggedPrecision ?? coarser(precisionOf(result.start), precisionOf(end));
  const from = taggedPrecision ? dayOf(result.start) : periodStart(result.start, precision);
  const to = taggedPrecision ? dayOf(end) : periodEnd(end, precision);
  const relative = isRelative(tags);
  const stated = !relative && [result.start, end].every((c) => STATED_UNITS[precision].every((unit) => c.isCertain(unit)));

  const lead = LEADING_NOISE.exec(result.text)![0].length;
  const text = result.text.slice(lead).replace(TRAILING_NOISE, '');
  const start = offset + result.index + lead;
  return {
    mention: {
      text, start, end: start + text.length, from: toIsoDay(from), to: toIsoDay(to), precision,
      certainty: stated ? 'stated' : 'implied',
    },
    dependsOnReference: !stated,
    ambiguousOrder: tags.has(AMBIGUOUS_ORDER_TAG),
    inverted: compareDays(to, from) < 0,
  };
}
