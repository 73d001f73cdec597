import * as chrono from 'chrono-node';
import { named, type Analysis, type Stage } from '../pipeline.js';
import type { Message, Span, TimeMention } from '../types.js';
import { parseIsoDay, toReferenceInstant, type CalendarDay } from './calendar.js';
import { loadTimeCues, type TimeCues } from './cues.js';
import { toCandidate, type TimeCandidate } from './mention.js';
import { corridorParsers } from './parsers.js';
import { prefiltered } from './prefilter.js';
import { INFERRED_SOURCE_NAMES, inferReference, type Reference } from './reference.js';
import { corridorRefiners } from './refiners.js';
import { anchorShifts } from './anchor.js';

export { compileTimeCues, loadTimeCues, type TimeCues } from './cues.js';

export interface TimesOptions {
  /**
   * Reference date (`YYYY-MM-DD`) for documents without `publishedAt`.
   * Precedence: the document's publishedAt, then this, then a date the text
   * gives itself (dateline, "today", dated headline), else none.
   */
  reference?: string;
  /** Context words around dates; default `loadTimeCues()` (resources/time-cues.json). */
  cues?: TimeCues;
}

/**
 * chrono's casual English configuration plus Corridor's parsers (in front, so
 * they win ties) and refiners (after chrono's). A clone: the shared
 * `chrono.casual` is never touched.
 */
export function createTimeParser(cues: TimeCues = loadTimeCues()): chrono.Chrono {
  const parser = chrono.casual.clone();
  parser.parsers.unshift(...corridorParsers());
  parser.refiners.push(...corridorRefiners(cues));
  return parser;
}

// Stands in for a missing reference while looking for dates that need none;
// only stated dates, which do not depend on it, are kept from that pass.
const PROVISIONAL_REFERENCE: CalendarDay = { year: 2000, month: 1, day: 1 };

/**
 * Finds dates and periods and normalises them against the document's
 * reference date.
 *
 * @example
 * createPipeline([segmentStage(), times()]).extract({...doc, text: 'In late June, ...', publishedAt: '2017-07-15'}).times
 * // => [{text: 'late June', from: '2017-06-21', to: '2017-06-30', precision: 'week', certainty: 'implied', ...}]
 */
export function times(options: TimesOptions = {}): Stage {
  const optionReference = options.reference === undefined ? null : parseIsoDay(options.reference);
  if (options.reference !== undefined && !optionReference) {
    throw new TypeError(`times: reference must be an ISO date (YYYY-MM-DD), got "${options.reference}"`);
  }
  const parse = prefiltered(createTimeParser(options.cues));

  const candidatesOf = (a: Readonly<Analysis>, reference: CalendarDay): TimeCandidate[] => {
    const units: Span[] = a.sentences.length > 0 ? a.sentences : [{ start: 0, end: a.text.length }];
    const instant = toReferenceInstant(reference);
    return units.flatMap((unit) => parse(a.text.slice(unit.start, unit.end), instant)
      // A headline and the line under it can share a sentence; a date never runs across them.
      .filter((r) => !r.text.includes('\n'))
      .map((r) => toCandidate(r, unit.start)));
  };

  return named('times', (a) => {
    const messages: Message[] = [];
    const given = resolveGivenReference(a, optionReference, messages);
    let reference: Reference | null = given;
    let candidates = candidatesOf(a, given?.day ?? PROVISIONAL_REFERENCE);
    if (!reference) {
      const statedDays = candidates.filter((c) => !c.dependsOnReference && !c.ambiguousOrder && c.mention.precision === 'day');
      const inferred = inferReference(a.text, statedDays.map((c) => c.mention), a.paragraphs);
      if (inferred) {
        const { evidence } = inferred;
        messages.push({
          ruleId: 'time:inferred-reference', fatal: false, start: evidence.start, end: evidence.end,
          reason: `No publication date: relative dates are read against ${evidence.from}, taken from ${INFERRED_SOURCE_NAMES[inferred.source]}: "${evidence.text}"`,
        });
        reference = inferred;
        candidates = candidatesOf(a, inferred.day);
      }
    }

    const mentions: TimeMention[] = [];
    for (const candidate of candidates) {
      const { mention } = candidate;
      const place = { start: mention.start, end: mention.end, fatal: false };
      if (!reference && candidate.dependsOnReference) {
        messages.push({ ...place, ruleId: 'time:no-reference', reason: `"${mention.text}" needs a reference date and the document has none` });
      } else if (!reference && candidate.ambiguousOrder) {
        messages.push({ ...place, ruleId: 'time:ambiguous-order', reason: `"${mention.text}" reads day-first or month-first and there is no reference date to choose` });
      } else if (candidate.inverted) {
        messages.push({ ...place, ruleId: 'time:unparsable', reason: `"${mention.text}" ends before it starts` });
      } else {
        if (candidate.ambiguousOrder) {
          messages.push({ ...place, ruleId: 'time:ambiguous-order', reason: `"${mention.text}" reads day-first or month-first; taken as ${mention.from}, the reading nearest before the reference date` });
        }
        mentions.push(mention);
      }
    }
    // Runs on the whole document: a shift counts from a date in an earlier sentence.
    const anchored = anchorShifts(a.text, mentions);
    return { times: anchored.mentions, messages: [...messages, ...anchored.messages] };
  });
}

function resolveGivenReference(a: Readonly<Analysis>, optionReference: CalendarDay | null, messages: Message[]): Reference | null {
  const { publishedAt } = a.document;
  if (publishedAt) {
    const day = parseIsoDay(publishedAt);
    if (day) return { day, source: 'document' };
    messages.push({ ruleId: 'time:invalid-reference', fatal: false, reason: `publishedAt "${publishedAt}" is not an ISO date; it is ignored` });
  }
  return optionReference ? { day: optionReference, source: 'option' } : null;
}
