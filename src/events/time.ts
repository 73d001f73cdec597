import type { EventTime, Span, TimeMention } from '../types.js';

const DAY_MS = 86_400_000;

function inside(t: Span, span: Span): boolean {
  return t.start >= span.start && t.end <= span.end;
}

function distance(t: Span, trigger: Span): number {
  return t.end <= trigger.start ? trigger.start - t.end : Math.max(0, t.start - trigger.end);
}

function shiftDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * "Manbij, taken from IS in 2015, was shelled": a time between two commas before the trigger
 * belongs to the aside it sits in, not to the event. A fronted time ("On Monday, IS attacked")
 * has no comma before it in the sentence and stays the event's.
 */
function inAsideBefore(text: string, t: Span, trigger: Span, sentence: Span): boolean {
  return t.end <= trigger.start && text.slice(t.end, trigger.start).includes(',') && text.slice(sentence.start, t.start).includes(',');
}

/** What lies between a time and a trigger of the clause it opens: ", when they" (no other stop). */
const WHEN_CLAUSE = /^,?\s*when\b[^,.;:]*$/i;

/**
 * When an event happened by its own words: the time mention nearest the
 * trigger in its clause, else in its sentence; null when neither has one.
 */
export function eventTime(times: readonly TimeMention[], trigger: Span, clause: Span, sentence: Span, text: string): EventTime | null {
  // "since 2012, when they held the city": a clause opened by "when" after a time is dated by it.
  const named = times.find((t) => inside(t, sentence) && t.end <= trigger.start && WHEN_CLAUSE.test(text.slice(t.end, trigger.start)));
  if (named) return { from: named.from, to: named.to, precision: named.precision, basis: 'clause' };
  for (const [basis, scope] of [['clause', clause], ['sentence', sentence]] as const) {
    let nearest: TimeMention | null = null;
    for (const t of times) {
      if (!inside(t, scope) || inAsideBefore(text, t, trigger, sentence)) continue;
      if (!nearest || distance(t, trigger) < distance(nearest, trigger)) nearest = t;
    }
    if (nearest) return { from: nearest.from, to: nearest.to, precision: nearest.precision, basis };
  }
  return null;
}

/**
 * The time of an event reported without a date: the week before publication
 * (it happened at most days before the report, so the document date is
 * widened to a week rather than taken as the day).
 */
export function documentTime(publishedAt: string | null): EventTime {
  if (!publishedAt) return { from: null, to: null, precision: null, basis: 'none' };
  const day = publishedAt.slice(0, 10);
  return { from: shiftDays(day, -6), to: day, precision: 'week', basis: 'document' };
}
