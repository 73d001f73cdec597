/**
 * Scores events on the PLOVER gold standard: for the records of a category
 * Corridor has events for, whether it finds one (and whether that event's
 * own PLOVER code is the record's), whether it puts it at the record's
 * location, and what it says of the dead and injured.
 */
import { eventPlace, placedAt, share, type Predicted, type Share } from './metrics.js';
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
  /** Corridor reads no casualty figures, so none are compared; the records that give them are counted. */
  fatalities: { measured: false; reason: string; dead: number; injured: number };
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
      measured: false,
      reason: 'Corridor\'s events carry no fatalities field',
      dead: records.filter((r) => r.dead !== null).length,
      injured: records.filter((r) => r.injured !== null).length,
    },
  };
}
