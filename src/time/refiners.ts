import type { ParsingComponents, ParsingContext, ParsingResult, Refiner } from 'chrono-node';
import { addDays, compareDays, daysBetween, fromReferenceInstant, isValidDay, weekday, type CalendarDay } from './calendar.js';
import type { TimeCues } from './cues.js';
import { PRECISION_TAG, RELATIVE_TAG } from './parsers.js';

/**
 * Corridor's chrono refiners. They run after chrono's own, in this order:
 *
 * 1. `dropDateless`: time-of-day results ("at 5", "morning") and "now" say no date.
 * 2. `dropUnlikelyNames`: month and weekday names that are names or words, not dates.
 * 3. `mergeBetween`: "between 20 August and 3 September" becomes one range.
 * 3b. `dropDurations`: "for three years", "in 12 months" measure time, they date nothing.
 * 4. `placeInPast`: year-less dates and bare weekdays move to the most recent
 *    occurrence at or before the reference (news reports the past), unless
 *    the sentence speaks of the future (then the nearest year).
 * 5. `chooseNumericOrder`: "10/07/2017" is read day-first or month-first,
 *    whichever lies nearest before the reference; tagged as ambiguous.
 *
 * The word lists of 2, 3b and 4 come from resources/time-cues.json.
 *
 * chrono sees one sentence at a time; after it, on the whole document, `anchorShifts` (anchor.ts)
 * counts "two weeks later" from the date told before it.
 */

export const AMBIGUOUS_ORDER_TAG = 'corridor/ambiguous-order';

const isCorridorResult = (r: ParsingResult) => [...r.tags()].some((t) => t.startsWith(PRECISION_TAG));

function hasCertainDate(c: ParsingComponents): boolean {
  return (['year', 'month', 'day', 'weekday'] as const).some((unit) => c.isCertain(unit));
}

function filter(keep: (context: ParsingContext, result: ParsingResult) => boolean): Refiner {
  return { refine: (context, results) => results.filter((r) => keep(context, r)) };
}

/** "this morning", "tonight" name the reference day; "morning" or "at 5" alone name no day. */
const dropDateless = filter((_, r) => {
  if (r.tags().has('casualReference/now')) return false;
  if (isCorridorResult(r) || hasCertainDate(r.start)) return true;
  return /^(this|last|tonight|today|yesterday|tomorrow)\b/i.test(r.text);
});

function wordBefore(context: ParsingContext, r: ParsingResult): string {
  return /([\p{L}]+)[\s-]*$/u.exec(context.text.slice(0, r.index))?.[1]?.toLowerCase() ?? '';
}

const textAfter = (context: ParsingContext, r: ParsingResult) => context.text.slice(r.index + r.text.length);

/**
 * A month name alone is a date only after a word that takes one ("in March",
 * "since May"), so "the March on Washington" or a sentence-initial "May" stay
 * words. A month and a number followed by a unit is a measure ("March 2 km").
 * A weekday followed by a capitalised word or a custom is a name ("Sunday
 * Times", "Friday prayers") unless a word like "on" introduces it.
 */
const dropUnlikelyNames = (cues: TimeCues) => filter((context, r) => {
  if (isCorridorResult(r) || r.end) return true;
  const c = r.start;
  const after = textAfter(context, r);
  if (c.isCertain('month') && !c.isCertain('day') && !c.isCertain('year')) {
    return cues.monthLeadWords.has(wordBefore(context, r));
  }
  if (c.isCertain('month') && c.isCertain('day') && !c.isCertain('year') && cues.measureUnit.test(after)) return false;
  if (c.isOnlyWeekdayComponent()) {
    if (cues.weekdayNoun.test(after)) return false;
    const introduced = /^[,(]?\s*(on|last|this|next|past)\b/i.test(r.text) || cues.weekdayLeadWords.has(wordBefore(context, r));
    const closed = /[,)]\s*$/.test(r.text) || /^\s*[,)]/.test(after);
    return introduced || closed || !/^\s+\p{Lu}/u.test(after);
  }
  return true;
});

/** "between <date> and <date>": chrono reads the two dates apart. */
const mergeBetween: Refiner = {
  refine(context, results) {
    const merged: ParsingResult[] = [];
    for (let i = 0; i < results.length; i++) {
      const first = results[i]!;
      const second = results[i + 1];
      const between = second ? context.text.slice(first.index + first.text.length, second.index) : '';
      const isBetween = second && !first.end && !second.end && /^\s*and\s*$/i.test(between)
        && /\bbetween\s+$/i.test(context.text.slice(0, first.index));
      if (!isBetween) {
        merged.push(first);
        continue;
      }
      const start = first.start.clone();
      // "between June and August 2014": the first date takes its year from the second.
      if (!start.isCertain('year') && second.start.isCertain('year')) {
        const endYear = second.start.get('year')!;
        start.imply('year', start.get('month')! > second.start.get('month')! ? endYear - 1 : endYear);
      }
      const range = context.createParsingResult(first.index, first.text + between + second.text, start, second.start.clone());
      range.addTags(first.tags());
      range.addTags(second.tags());
      merged.push(range);
      i++;
    }
    return merged;
  },
};

/**
 * A count and a unit, with the lead word when chrono took it in: "for three years", "12 months",
 * "for a few hours"; also with the "before" or "after" chrono reads as a shift ("10 days before").
 * Seconds, minutes and hours count too: "for a second time" is an ordinal chrono reads as
 * "for a second", and "for two hours" measures a fight; read as shifts from the reference,
 * both would date a story's background to the day it was published.
 */
const COUNTED_UNITS = /^(?:(\p{L}+)\s+)?(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|(?:a\s+)?few|many|(?:a\s+)?couple\s+of)\s+(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?)(?:\s+(before|after))?$/iu;

/**
 * "held the city for three years", "to retake it in 12 months": a count of units after a duration
 * word measures time, it dates nothing, even when a clause follows ("held the city for 10 days
 * before retreating"). "three years ago", "two weeks later" or "10 days before the vote" stay dates.
 * "three months after the militants seized the city" counts from the seizure the words name, not
 * from the report: read from the reference it would lie after the report, so it dates nothing.
 */
const dropDurations = (cues: TimeCues) => filter((context, r) => {
  const counted = COUNTED_UNITS.exec(r.text.trim());
  if (!counted) return true;
  if (counted[2]?.toLowerCase() === 'after' && /^\s*\p{L}/u.test(textAfter(context, r))) return false;
  const lead = counted[1]?.toLowerCase();
  if (lead && !cues.durationLeadWords.has(lead)) return true;
  if (/^\s*(?:ago|later|earlier|before|after|from now)\b/i.test(textAfter(context, r))) return true;
  return !cues.durationLeadWords.has(lead ?? wordBefore(context, r));
});

const dayOf = (c: ParsingComponents): CalendarDay => ({ year: c.get('year')!, month: c.get('month')!, day: c.get('day')! });

function implyDay(c: ParsingComponents, d: CalendarDay): void {
  c.imply('year', d.year);
  c.imply('month', d.month);
  c.imply('day', d.day);
}

const placeInPast = (cues: TimeCues): Refiner => ({
  refine(context, results) {
    const reference = fromReferenceInstant(context.refDate);
    for (const r of results) {
      if (r.tags().has(RELATIVE_TAG)) continue;
      if (r.start.isOnlyWeekdayComponent()) placeWeekday(r, reference);
      // A range whose end states the year ("between June and August 2014") was placed when merged.
      else if (r.start.isCertain('month') && !r.start.isCertain('year') && !r.end?.isCertain('year')) {
        placeYear(r, reference, cues.futureCue.test(context.text));
      }
    }
    return results;
  },
});

/** "Monday" is the latest Monday at or before the reference; "last Monday" the latest before it. */
function placeWeekday(r: ParsingResult, reference: CalendarDay): void {
  if (/\b(next|this|coming)\b/i.test(r.text)) return;
  const strictlyBefore = /\b(last|past)\b/i.test(r.text);
  const daysBack = (weekday(reference) - r.start.get('weekday')! + 7) % 7 || (strictlyBefore ? 7 : 0);
  const start = addDays(reference, -daysBack);
  implyDay(r.start, start);
  if (r.end?.isOnlyWeekdayComponent()) {
    implyDay(r.end, addDays(start, (r.end.get('weekday')! - weekday(start) + 7) % 7));
  }
}

/**
 * A year-less date takes the latest year that keeps it at or before the
 * reference; in a sentence about the future, the year that puts it nearest
 * the reference, before or after.
 */
function placeYear(r: ParsingResult, reference: CalendarDay, aboutTheFuture: boolean): void {
  const start = dayOf(r.start);
  const candidates = [reference.year - 1, reference.year, reference.year + 1];
  const distance = (year: number) => Math.abs(daysBetween({ ...start, year }, reference));
  const year = aboutTheFuture
    ? candidates.reduce((best, year) => (distance(year) < distance(best) ? year : best))
    : compareDays({ ...start, year: reference.year }, reference) > 0 ? reference.year - 1 : reference.year;
  r.start.imply('year', year);
  if (r.end && !r.end.isCertain('year')) {
    r.end.imply('year', r.end.get('month')! < start.month ? year + 1 : year);
  }
}

const NUMERIC_DATE = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})$/;

/**
 * chrono reads "10/07/2017" month-first; much conflict reporting writes
 * day-first. When both readings are dates, take the one nearest before the
 * reference (or nearest after, when both lie ahead) and tag the choice.
 */
const chooseNumericOrder: Refiner = {
  refine(context, results) {
    const reference = fromReferenceInstant(context.refDate);
    for (const r of results) {
      const m = NUMERIC_DATE.exec(r.text.trim());
      if (!m || r.end) continue;
      const [a, b] = [Number(m[1]), Number(m[3])];
      const year = r.start.get('year')!;
      if (a === b || !isValidDay(year, a, b) || !isValidDay(year, b, a)) continue;
      const readings = [{ year, month: a, day: b }, { year, month: b, day: a }];
      // Nearest before the reference first, then nearest after it.
      const rank = (d: CalendarDay) => {
        const days = daysBetween(d, reference);
        const daysAhead = -days;
        return days >= 0 ? days : 1e9 + daysAhead;
      };
      const chosen = rank(readings[0]!) <= rank(readings[1]!) ? readings[0]! : readings[1]!;
      r.start.assign('month', chosen.month);
      r.start.assign('day', chosen.day);
      r.addTag(AMBIGUOUS_ORDER_TAG);
    }
    return results;
  },
};

export function corridorRefiners(cues: TimeCues): Refiner[] {
  return [dropDateless, dropUnlikelyNames(cues), mergeBetween, dropDurations(cues), placeInPast(cues), chooseNumericOrder];
}
