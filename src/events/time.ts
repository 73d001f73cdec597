import type { EventTime, Span, TimeMention } from '../types.js';
import { COUNT, isUnanchoredShift, SHIFT_PHRASE } from '../time/words.js';
import type { Clause } from './clauses.js';

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

/**
 * "Russia's biggest gain since it captured Bakhmut in May 2023": a time in a "since" clause after the
 * trigger dates that clause's own event, not the trigger's. ("held the city since 2014", with the time
 * right after "since", is where the holding starts, and stays.)
 */
function inSinceClauseAfter(text: string, t: Span, trigger: Span): boolean {
  if (t.start < trigger.end) return false;
  const between = text.slice(trigger.end, t.start);
  return /\bsince\s+\S/i.test(between) && !/\bsince\s*$/i.test(between);
}

/** What lies between a time and a trigger of the clause it opens: ", when they" (no other stop). */
const WHEN_CLAUSE = /^,?\s*when\b[^,.;:]*$/i;

/**
 * A counted interval right before a clause: "nearly three months | after the militants seized the city".
 * Weeks and longer only: "two days after" stays within the week an undated event is given anyway.
 */
const INTERVAL_BEFORE = new RegExp(`\\b${COUNT}\\s+(?:weeks?|months?|years?|decades?)\\s*$`, 'i');
const INTERVAL_LINK = /^(?:after|before)\b/i;

/**
 * "retook the city on Thursday, nearly three months after the militants seized it": a clause tied
 * to the rest of its sentence by a counted interval of weeks or more happened that long before (or
 * after) what the sentence dates, and long before the report, so neither date is its own.
 */
function isIntervalAway(text: string, clause: Clause, sentence: Span): boolean {
  return clause.kind === 'subordinate' && INTERVAL_LINK.test(text.slice(clause.start, clause.end))
    && INTERVAL_BEFORE.test(text.slice(sentence.start, clause.start));
}

const SHIFT_IN_TEXT = new RegExp(`\\b${SHIFT_PHRASE}\\b`, 'gi');

/**
 * "Two weeks later, the army retook it" with no date before it in the document: the time stage
 * drops the shift (rule time:no-anchor) rather than count it from the report, so no mention
 * covers it; the sentence it sits in happened at an unknown time, not in the week of the report.
 */
function hasDroppedShift(times: readonly TimeMention[], sentence: Span, text: string): boolean {
  for (const m of text.slice(sentence.start, sentence.end).matchAll(SHIFT_IN_TEXT)) {
    const start = sentence.start + m.index;
    const end = start + m[0].length;
    if (isUnanchoredShift(m[3]!, text.slice(end)) && !times.some((t) => t.start < end && t.end > start)) return true;
  }
  return false;
}

const UNDATED: EventTime = { from: null, to: null, precision: null, basis: 'none' };

/**
 * When an event happened by its own words: the time mention nearest the
 * trigger in its clause, else in its sentence; null when neither has one.
 * An event a counted interval away from its sentence's own ("three months
 * after IS seized it"), or in a sentence whose "two weeks later" has no date
 * to count from, takes no date but its clause's: `basis: 'none'`.
 */
export function eventTime(times: readonly TimeMention[], trigger: Span, clause: Clause, sentence: Span, text: string): EventTime | null {
  // "since 2012, when they held the city": a clause opened by "when" after a time is dated by it.
  const named = times.find((t) => inside(t, sentence) && t.end <= trigger.start && WHEN_CLAUSE.test(text.slice(t.end, trigger.start)));
  if (named) return { from: named.from, to: named.to, precision: named.precision, basis: 'clause' };
  const away = isIntervalAway(text, clause, sentence) || hasDroppedShift(times, sentence, text);
  for (const [basis, scope] of [['clause', clause], ['sentence', sentence]] as const) {
    if (away && basis === 'sentence') return UNDATED;
    let nearest: TimeMention | null = null;
    for (const t of times) {
      if (!inside(t, scope) || inAsideBefore(text, t, trigger, sentence) || inSinceClauseAfter(text, t, trigger)) continue;
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
