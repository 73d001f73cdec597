import type { Matcher } from './match.js';
import { compareKeys } from './mentions.js';
import { windowsMeet, type DayWindow } from './space-time.js';
import type { ClusterMention, MentionKey } from './types.js';

/** What splitting a group of connected mentions reads: their windows, the "same event" relation and the settings. */
export interface SplitContext {
  matcher: Matcher;
  windowOf: (m: ClusterMention) => DayWindow | null;
  /** Two mentions dated to the day by their own words are distinct events when their days are farther apart than this. */
  timeToleranceDays: number;
}

/**
 * The events a group of connected mentions tells: one cluster, unless the
 * group holds mentions its own words date to days far apart.
 *
 * The "same event" relation is loose by design (a report dated only by its
 * week matches every event of that week at the place), so in a place struck
 * day after day its connected groups chain a strike on Thursday to a raid a
 * week later through the mentions dated only by their reports. Such a group
 * is split around its dated mentions (evidence its own words date to the
 * day): each dated mention joins the first
 * event (by date) it matches a mention of and is not days apart from any
 * mention of; each undated one then joins the event whose mentions it
 * matches most. A pure function of the group (mentions in a fixed order),
 * so the clusters do not depend on the order documents arrived in.
 */
export function splitComponent(mentions: readonly ClusterMention[], context: SplitContext): ClusterMention[][] {
  const { matcher, windowOf, timeToleranceDays } = context;
  const window = new Map<MentionKey, DayWindow | null>(mentions.map((m) => [m.key, windowOf(m)]));
  // Only what is told as having happened dates an event: a denial, a plan or an opinion dated to its day
  // ("denied on Monday that fighters had left") says when it was said, not when the event was.
  const isDated = (m: ClusterMention) => m.weight === 'evidence' && window.get(m.key) !== null && m.time!.precision === 'day';
  const dated = mentions.filter(isDated).sort((a, b) =>
    window.get(a.key)!.from - window.get(b.key)!.from || window.get(a.key)!.to - window.get(b.key)!.to || compareKeys(a.key, b.key));
  const apart = (a: ClusterMention, b: ClusterMention) => !windowsMeet(window.get(a.key)!, window.get(b.key)!, timeToleranceDays);
  if (!dated.some((a, i) => dated.slice(i + 1).some((b) => apart(a, b)))) return [[...mentions]];

  const matches = (a: ClusterMention, b: ClusterMention) => matcher.compatible(a, window.get(a.key)!, b, window.get(b.key)!);
  const groups: ClusterMention[][] = [];
  for (const m of dated) {
    const group = groups.find((g) => g.some((o) => matches(m, o)) && !g.some((o) => isDated(o) && apart(m, o)));
    if (group) group.push(m);
    else groups.push([m]);
  }
  // Undated mentions, in key order, each to an event whose dated mentions fall inside its own window
  // (a report's week holds the strike of its Thursday, not the raid of the week before), else to any;
  // of those, the one it matches most mentions of (ties: the earlier). Those that match no mention of
  // any event yet wait for a later pass, and what is left at the end is one more event.
  const inside = (m: ClusterMention, g: ClusterMention[]) => g.some((o) => isDated(o) && window.get(m.key) !== null && windowsMeet(window.get(m.key)!, window.get(o.key)!, 0));
  let waiting = mentions.filter((m) => !isDated(m)).sort((a, b) => compareKeys(a.key, b.key));
  for (let progress = true; waiting.length > 0 && progress;) {
    progress = false;
    const still: ClusterMention[] = [];
    for (const m of waiting) {
      const scores = groups.map((g) => {
        const n = g.filter((o) => matches(m, o)).length;
        return n === 0 ? 0 : n + (inside(m, g) ? mentions.length : 0);
      });
      const best = Math.max(...scores);
      if (best === 0) still.push(m);
      else {
        groups[scores.indexOf(best)]!.push(m);
        progress = true;
      }
    }
    waiting = still;
  }
  if (waiting.length > 0) groups.push(waiting);
  return groups;
}
