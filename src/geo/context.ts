import { withinKm } from './distance.js';
import type { GazetteerEntry } from './gazetteer/index.js';
import type { AnchorCues, GeoLexicon } from './lexicon.js';
import type { Candidate } from './recognize.js';

/**
 * A place the text puts a candidate near: "X, west of Kirkuk", "X, 30 km south of Mosul",
 * "X near Raqqa", and the part of a city in "Mosul's Old City".
 */
export interface Anchor {
  /** Index of the anchor's candidate. */
  index: number;
  /** The cue as written, lower-cased ("west of", "near", "'s"). */
  cue: string;
  /** The distance the text gives, in km (0 when none). */
  km: number;
}

/**
 * How far from its anchor a place may lie. News says "west of Kirkuk" of places
 * in Kirkuk's hinterland: 150 km takes in the districts of a governorate
 * (Havana field to Kirkuk 20 km, Qayyarah to Mosul 60 km, Palmyra to Homs 150 km).
 * A stated distance widens it by half, for the looseness of "about 200 km".
 */
const ANCHOR_KM = 150;

export function anchorRadiusKm(anchor: Anchor): number {
  return Math.max(ANCHOR_KM, 1.5 * anchor.km);
}

/**
 * Reads the words between a place and the next one as an anchor cue: optional
 * head words of the first place ("oil field"), a comma, an apposition ending
 * in a head word ("a Christian town"), a hedge, a distance
 * and a direction or proximity phrase; or a sub-place head and "of" ("district
 * of"). Null when they are anything else.
 *
 * @example
 * anchorCue(' oil field, some 20 km west of ', lexicon.anchorCues) // => { cue: 'west of', km: 20, partOf: false }
 */
export function anchorCue(gap: string, cues: AnchorCues): { cue: string; km: number; partOf: boolean } | null {
  // Checked first because the recogniser tries every gap up to the next capital, and nearly none is a cue.
  if (!cues.lastWords.has(lastWord(gap)) || !cues.tail.test(gap)) return null;
  let rest = gap.toLowerCase().replace(/\s+/g, ' ').trim();
  // "the al-Zanjili district of Mosul": a part of the place.
  const part = cues.partOf.exec(rest);
  if (part) return { cue: part.groups!.cue!, km: 0, partOf: true };
  // "the Havana oil field, west of Kirkuk": the first place's own head words come before its cue.
  for (let n = 0; n < 3; n++) {
    const head = /^([\p{L}-]+) ?/u.exec(rest);
    if (!head || !cues.gapWords.has(head[1]!)) break;
    rest = rest.slice(head[0].length);
  }
  rest = rest.replace(/^, ?/, '');
  // "Bartella, a Christian town east of Mosul": an apposition that ends with a head word.
  const words = rest.split(' ');
  if (/^(?:a|an|the)$/.test(words[0]!)) {
    const head = words.findIndex((w, k) => k > 0 && k <= 4 && cues.gapWords.has(w));
    if (head > 0) rest = words.slice(head + 1).join(' ');
  }
  const m = cues.pattern.exec(rest);
  if (!m) return null;
  const { distance, unit, cue, near } = m.groups!;
  return { cue: (cue ?? near)!, km: distance ? Number(distance) * cues.units.get(unit!)! : 0, partOf: false };
}

/** The gap's last word, lower-cased: a scan from the end, since a regex anchored at the end tries every start. */
function lastWord(gap: string): string {
  const trimmed = gap.trimEnd();
  let start = trimmed.length;
  while (start > 0 && !/\s/.test(trimmed[start - 1]!)) start--;
  return trimmed.slice(start).toLowerCase();
}

/** Longer than any cue ("oil field, a small Christian town located some 20 km (12 miles) north-east of the city of"). */
const MAX_CUE_CHARS = 120;

/**
 * Links each candidate to the place the text puts it near: the next candidate
 * after an anchor cue ("X, west of Y"), or the city that owns it ("Y's X").
 * Returns new candidates; the input is not changed.
 */
export function linkAnchors(text: string, candidates: readonly Candidate[], lexicon: GeoLexicon): Candidate[] {
  return candidates.map((c, i) => {
    if (c.match === 'demonym') return c;
    // A demonym may stand in between: "Amerli, the Turkmen town south of Kirkuk".
    let n = i + 1;
    while (candidates[n]?.match === 'demonym') n++;
    const next = candidates[n];
    if (next && next.start - c.end <= MAX_CUE_CHARS) {
      const found = anchorCue(text.slice(c.end, next.start), lexicon.anchorCues);
      if (found) return { ...c, anchor: { index: n, ...found } };
    }
    // "Mosul's Old City": a name owned by a place is a part of it.
    const prev = candidates[i - 1];
    const owned = prev && prev.match !== 'demonym' && /^['’‘]s\s+$/.test(text.slice(prev.end, c.start));
    if (owned) return { ...c, anchor: { index: i - 1, cue: "'s", km: 0 } };
    return c;
  });
}

/** Does a place constrain what lies near it? Only a point-like one (a town, a district): "north of Syria" says nothing a distance can check. */
export function isPointAnchor(at: GazetteerEntry): boolean {
  return at.source === 'city' || at.source === 'admin2' || at.source === 'import';
}

/** Can `entry` be the place anchored at `at`? Countries and regions (rivers, deserts) are too large to measure from one point. */
function withinAnchor(entry: GazetteerEntry, at: GazetteerEntry, km: number): boolean {
  if (entry.source === 'country' || entry.source === 'region') return true;
  return withinKm(at, entry, km);
}

/**
 * A place of the anchor's own country may lie further than the radius when
 * nothing lies within it: "Palmyra, northeast of Damascus" is 215 km, "Aleppo,
 * north of Damascus" 310 km, and the point of "Nineveh province, north of
 * Baghdad" 340 km. Three radii take in Deir ez-Zor from Damascus (450 km) and
 * still leave out a homonym across a large country (Springfield, Illinois,
 * west of Boston).
 */
const SAME_COUNTRY_FACTOR = 3;

/**
 * The readings of a place the text puts near `at` (a point anchor): those
 * within the anchor's radius, else those of the anchor's country within three
 * radii, else none ("the Havana field, west of Kirkuk" is not in Cuba).
 */
export function nearAnchor<T extends { entry: GazetteerEntry }>(readings: readonly T[], at: GazetteerEntry, anchor: Anchor): T[] {
  const km = anchorRadiusKm(anchor);
  const near = readings.filter((r) => withinAnchor(r.entry, at, km));
  if (near.length) return near;
  return readings.filter((r) => r.entry.country === at.country && withinAnchor(r.entry, at, SAME_COUNTRY_FACTOR * km));
}
