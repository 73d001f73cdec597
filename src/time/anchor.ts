import type { Message, TimeMention } from '../types.js';
import { addDays, addMonths, parseIsoDay, toIsoDay, type CalendarDay } from './calendar.js';
import { countValue, isUnanchoredShift, SHIFT_PHRASE } from './words.js';

export const NO_ANCHOR_RULE = 'time:no-anchor';

const SHIFT = new RegExp(`^${SHIFT_PHRASE}$`, 'i');

function shift(iso: string, count: number, unit: string, sign: number): string {
  const day = parseIsoDay(iso) as CalendarDay;
  const n = sign * count;
  if (unit.startsWith('day')) return toIsoDay(addDays(day, n));
  if (unit.startsWith('week')) return toIsoDay(addDays(day, 7 * n));
  return toIsoDay(addMonths(day, unit.startsWith('month') ? n : 12 * n));
}

/**
 * `anchorShifts`, the document refiner that runs after the per-sentence parse: "two weeks later",
 * "three days after." count from the date told just before them in the document (chrono counts
 * from the reference, so a past event landed after the report). The shift moves that date's bounds
 * and keeps its precision; a shift already anchored anchors the next ("a week later ... two days
 * later"). With no date before it, the phrase dates nothing: it is dropped with a `time:no-anchor`
 * message, and the events stage leaves its clause undated.
 */
export function anchorShifts(text: string, mentions: readonly TimeMention[]): { mentions: TimeMention[]; messages: Message[] } {
  const kept: TimeMention[] = [];
  const messages: Message[] = [];
  for (const m of [...mentions].sort((a, b) => a.start - b.start)) {
    const parts = SHIFT.exec(m.text);
    if (!parts || !isUnanchoredShift(parts[3]!, text.slice(m.end))) {
      kept.push(m);
      continue;
    }
    const anchor = kept.findLast((t) => t.end <= m.start);
    if (!anchor) {
      messages.push({ ruleId: NO_ANCHOR_RULE, fatal: false, start: m.start, end: m.end, reason: `"${m.text}" counts from an event the text dates nowhere before it; it is not read from the reference date` });
      continue;
    }
    const sign = /^(?:earlier|before)$/i.test(parts[3]!) ? -1 : 1;
    const [count, unit] = [countValue(parts[1]!), parts[2]!.toLowerCase()];
    kept.push({ ...m, from: shift(anchor.from, count, unit, sign), to: shift(anchor.to, count, unit, sign), precision: anchor.precision, certainty: 'implied' });
  }
  return { mentions: kept, messages };
}
