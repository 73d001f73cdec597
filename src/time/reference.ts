import type { Span, TimeMention } from '../types.js';
import { parseIsoDay, type CalendarDay } from './calendar.js';

/** The ways a text can date itself, in the order they are tried. */
export type InferredSource = 'dateline' | 'today' | 'headline';

/** The date relative expressions are read against, and where it came from. */
export interface Reference {
  day: CalendarDay;
  source: 'document' | 'option' | InferredSource;
}

export interface InferredReference extends Reference {
  source: InferredSource;
  /** The date in the text the reference was taken from. */
  evidence: TimeMention;
}

// "MOSUL, July 11, 2017 -" / "BAGHDAD, Iraq, 11 July 2017 (Reuters) -": a place in capitals, then the date.
const DATELINE_BEFORE = /(?:^|\n)[ \t]*\p{Lu}[\p{Lu} .'’-]*(?:,[ \t]*\p{L}[\p{L} .'’-]*)?,[ \t]*$/u;
const DATELINE_AFTER = /^[ \t]*(?:\([^)\n]{1,40}\)[ \t]*)?[-–—]/;
// A headline ends with its date after a separator ("...of Mosul: July 10/2017"), or the date is a line of its own.
const HEADLINE_BEFORE = /(?:^|\n)(?:[^\n]{0,200}[:|–—-][ \t]*|[ \t]*)$/;
const HEADLINE_AFTER = /^[ \t]*(?:\n|$)/;

function lineBefore(text: string, at: number): string {
  return text.slice(Math.max(0, text.lastIndexOf('\n', at - 1)), at);
}

function lineAfter(text: string, at: number): string {
  const newline = text.indexOf('\n', at);
  return text.slice(at, newline === -1 ? text.length : newline + 1);
}

/**
 * Infers a reference date from a text that dates itself, trying in order:
 * a dateline, a full date in the same paragraph as "today", a dated headline.
 * Only stated, day-precise dates count.
 *
 * @example
 * inferReference('MOSUL, July 11, 2017 - Troops ...', mentions, paragraphs)
 * // => {day: {year: 2017, month: 7, day: 11}, source: 'dateline', evidence: ...}
 */
export function inferReference(text: string, statedDays: readonly TimeMention[], paragraphs: readonly Span[]): InferredReference | null {
  const dateline = statedDays.find((m) => DATELINE_BEFORE.test(lineBefore(text, m.start)) && DATELINE_AFTER.test(text.slice(m.end)));
  if (dateline) return fromEvidence(dateline, 'dateline');

  const todayParagraphs = paragraphs.filter((p) => /\btoday\b/i.test(text.slice(p.start, p.end)));
  const today = statedDays.find((m) => todayParagraphs.some((p) => m.start >= p.start && m.end <= p.end));
  if (today) return fromEvidence(today, 'today');

  const headline = statedDays.find((m) => HEADLINE_BEFORE.test(lineBefore(text, m.start)) && HEADLINE_AFTER.test(lineAfter(text, m.end)));
  return headline ? fromEvidence(headline, 'headline') : null;
}

function fromEvidence(evidence: TimeMention, source: InferredSource): InferredReference {
  return { day: parseIsoDay(evidence.from)!, source, evidence };
}

export const INFERRED_SOURCE_NAMES: Readonly<Record<InferredSource, string>> = {
  dateline: 'the dateline', today: 'the paragraph that says "today"', headline: 'a dated headline',
};
