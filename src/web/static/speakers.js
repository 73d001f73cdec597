// The Source filter's speakers: the attributed sources of the events, grouped
// by who they speak for and merged by normalised name, so that "Col. Daniel
// Reyes" and "Reyes" are one speaker and "families arriving on" does not sit
// among sixty raw strings.

/** Ranks and honorifics that do not tell speakers apart ("Brig. Gen. Karim al-Saadi" is "Karim al-Saadi"). */
const TITLES = new Set(['col', 'colonel', 'gen', 'general', 'brig', 'brigadier', 'maj', 'major', 'lt', 'lieutenant', 'capt', 'captain',
  'sgt', 'sergeant', 'cmdr', 'commander', 'dr', 'mr', 'mrs', 'ms', 'sheikh']);
const ARTICLES = new Set(['a', 'an', 'the']);

/** What each kind of source is listed under when the text names no affiliation. */
const KIND_GROUPS = {
  author: 'Outlets, in their own voice',
  outlet: 'Outlets quoted by others',
  official: 'Officials and statements',
  'named-person': 'Named people',
  group: 'Groups and institutions',
  anonymous: 'Unnamed sources',
};

/**
 * A source's name for comparison: 1. accents and case folded, 2. punctuation
 * blanked except inner hyphens and apostrophes (al-Saadi), 3. a leading
 * article and titles dropped; in this order, so "Col." is a title once its
 * dot is gone.
 */
export function speakerKey(source) {
  const words = source.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()
    .replace(/[^\p{L}\p{N}'’-]+/gu, ' ').trim().split(/\s+/).filter(Boolean);
  while (words.length > 1 && ARTICLES.has(words[0])) words.shift();
  const named = words.filter((w) => !TITLES.has(w));
  return (named.length ? named : words).join(' ');
}

/** Whether `short` names the same person as `long` by its last words ("reyes", "daniel reyes"). */
const endsWithWords = (long, short) => long !== short && long.endsWith(` ${short}`);

/**
 * The events' speakers: `groups` for the select (institution, then speakers
 * with their reports), and `keyOf(source)`, the merged key any source string
 * (an event's, or a link's `source=`) is filtered by.
 */
export function speakerIndex(events) {
  const seen = new Map();
  for (const e of events) {
    const a = e.attribution;
    if (!a?.source) continue;
    const key = speakerKey(a.source);
    const inner = a.chain?.at(-1);
    const group = inner?.affiliation ?? KIND_GROUPS[a.sourceKind] ?? 'Other sources';
    const known = seen.get(key) ?? { key, label: a.source, group, reports: 0 };
    known.reports += 1;
    // The longest spelling names the speaker best ("Col. Daniel Reyes" over "Reyes").
    if (a.source.length > known.label.length) known.label = a.source;
    seen.set(key, known);
  }
  // A surname alone joins the one fuller name it ends (never two: "Ahmed" could be anyone).
  const merged = new Map([...seen.keys()].map((key) => [key, key]));
  for (const key of seen.keys()) {
    const fuller = [...seen.keys()].filter((other) => endsWithWords(other, key));
    if (fuller.length === 1) merged.set(key, fuller[0]);
  }
  for (const [key, into] of merged) {
    if (key === into) continue;
    seen.get(into).reports += seen.get(key).reports;
    seen.delete(key);
  }
  const keyOf = (source) => {
    const key = speakerKey(source);
    return merged.get(key) ?? key;
  };
  const byGroup = new Map();
  for (const speaker of [...seen.values()].sort((a, b) => a.label.localeCompare(b.label))) {
    if (!byGroup.has(speaker.group)) byGroup.set(speaker.group, []);
    byGroup.get(speaker.group).push(speaker);
  }
  const groups = [...byGroup].sort(([a], [b]) => a.localeCompare(b)).map(([name, speakers]) => ({ name, speakers }));
  return { groups, keyOf };
}
