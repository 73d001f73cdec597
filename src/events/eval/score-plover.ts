/**
 * Scores events on the PLOVER gold standard: for the records of a category
 * Corridor has events for, whether it finds one (and whether that event's
 * own PLOVER code is the record's), whether it puts it at the record's
 * location, and whether it counts the dead and injured as the record does.
 */
import { eventPlace, placedAt, share, type Predicted, type PredictedEvent, type Share } from './metrics.js';
import type { PloverRecord } from './plover-gsr.js';
import type { GoldTypeMap } from './type-map.js';

export interface PloverTypeScore {
  type: string;
  corridor: readonly string[];
  records: number;
  /** Records with a Corridor event the category stands for. Null when Corridor has none. */
  right: Share | null;
  /** Records with a Corridor event whose PLOVER code (plover.json) is the category. */
  ploverCode: Share;
  /** Records where Corridor finds no event at all. */
  noEvent: number;
}

export interface PloverReport {
  set: 'plover';
  file: string;
  records: number;
  types: PloverTypeScore[];
  /** Over the records of the categories Corridor has events for; `unlisted` records are of other categories. */
  summary: { right: Share; ploverCode: Share; noEvent: number; uncovered: number; unlisted: number };
  /** Of the right records whose location is named in the text, those with a right event put there; `notInText` locations are not. */
  location: { placed: Share; notInText: number };
  /** Of the records that give the dead (the injured), those with an event of the same count. */
  fatalities: { dead: Share; injured: Share };
}

export function scorePlover(records: readonly PloverRecord[], predicted: readonly Predicted[], plover: GoldTypeMap, file: string): PloverReport {
  const rows = plover.types.map((type) => ({ type, corridor: plover.corridor(type), records: 0, right: 0, ploverCode: 0, noEvent: 0 }));
  let located = 0, placed = 0, notInText = 0;
  records.forEach((record, i) => {
    const row = rows.find((r) => r.type === plover.keyOf(record.type));
    if (!row) return;
    const { events, places } = predicted[i]!;
    row.records++;
    if (!events.length) row.noEvent++;
    if (events.some((e) => e.plover?.type === record.type)) row.ploverCode++;
    const right = events.filter((e) => plover.covers(row.type, e));
    if (!right.length) return;
    row.right++;
    if (!record.location) return;
    if (!record.location.spans.length) { notInText++; return; }
    located++;
    if (right.some((e) => placedAt(eventPlace(e), places, record.location!.spans))) placed++;
  });
  const covered = rows.filter((r) => r.corridor.length > 0);
  const total = (pick: (r: (typeof rows)[number]) => number) => covered.reduce((n, r) => n + pick(r), 0);
  return {
    set: 'plover', file,
    records: records.length,
    types: rows.map((r) => ({
      type: r.type, corridor: r.corridor, records: r.records,
      right: r.corridor.length ? share(r.right, r.records) : null,
      ploverCode: share(r.ploverCode, r.records),
      noEvent: r.noEvent,
    })),
    summary: {
      right: share(total((r) => r.right), total((r) => r.records)),
      ploverCode: share(total((r) => r.ploverCode), total((r) => r.records)),
      noEvent: total((r) => r.noEvent),
      uncovered: rows.filter((r) => !r.corridor.length).reduce((n, r) => n + r.records, 0),
      unlisted: records.length - rows.reduce((n, r) => n + r.records, 0),
    },
    location: { placed: share(placed, located), notInText },
    fatalities: {
      dead: countsRight(records, predicted, (r) => r.dead, (e) => e.casualties?.killed),
      injured: countsRight(records, predicted, (r) => r.injured, (e) => e.casualties?.wounded),
    },
  };
}

/** Of the records that give a count, those with an event that gives the same. */
function countsRight(records: readonly PloverRecord[], predicted: readonly Predicted[], gold: (r: PloverRecord) => number | null, found: (e: PredictedEvent) => number | null | undefined): Share {
  const given = records.flatMap((r, i) => (gold(r) === null ? [] : [i]));
  return share(given.filter((i) => predicted[i]!.events.some((e) => found(e) === gold(records[i]!))).length, given.length);
}
