import { isPointAnchor, nearAnchor } from './context.js';
import { withinKm } from './distance.js';
import type { GazetteerEntry } from './gazetteer/index.js';
import type { Candidate } from './recognize.js';

/** A candidate with the entry chosen for it (null: no entry, place it from context). */
export interface Resolved {
  candidate: Candidate;
  entry: GazetteerEntry | null;
  confidence: number;
  /** Names of the resolvers whose score decided, for debug traces. */
  reasons: string[];
}

export interface ResolveOptions {
  /** The name normaliser the candidates were looked up with. */
  normalize: (name: string) => string;
  /** ISO alpha-2 countries or `CC.A1` admin1 codes to prefer. */
  focus?: readonly string[];
  /** The text the candidates' offsets point into: lists are read from it ("Utah, Colorado and Idaho"). */
  text?: string;
}

// Prior weights, in log10-population units. Capitals and countries are what news names most.
const FEATURE_BONUS: Record<string, number> = {
  PCLI: 2.5, PCLD: 1.5, PCLIX: 1, PCLS: 1, PCLF: 1, TERR: 1.5, CONT: 2.5, RGN: 1.5, SEA: 1.5, OCN: 1.5, GULF: 1.2,
  STM: 1, DSRT: 1, PEN: 1, PLN: 0.5, LK: 1,
  ADM1: 1.2, ADM2: -0.8, PPLC: 2.3, PPLA: 0.8, PPLA2: 0.4, PPLA3: 0.1, PPLX: -1.2, PPLH: -1, PPLQ: -1.5,
  // The airports the gazetteer lists are hubs news names alone ("flights out of Heathrow"): one outranks a small town
  // of its name (Heathrow, Florida, 5,900 people) unless the story is in that town's country.
  AIRP: 2,
};

// Entries are shared, read-only objects: their own name's key is computed once.
const ownKeys = new WeakMap<GazetteerEntry, string>();

function ownKey(e: GazetteerEntry, normalize: (name: string) => string): string {
  let key = ownKeys.get(e);
  // "Washington, D.C." is Washington, "New York City" is New York.
  if (key === undefined) ownKeys.set(e, (key = normalize(e.name.replace(/,.*$/, '').replace(/ City$/, ''))));
  return key;
}

function prior(e: GazetteerEntry, key: string, normalize: (name: string) => string): number {
  const population = e.source === 'city' && e.population === 0 ? 1500 : Math.max(e.population, 1000);
  // A place found under its own name beats one found under an old or foreign alternate ("Salisbury" is also
  // Harare). Not by much: "Palmyra" is Tadmur's English name and also a town in Missouri. A bonus of 1.5
  // placed 0.4% more of GeoWebNews within 161 km, but put Palmyra in Missouri.
  const ownName = ownKey(e, normalize) === key ? 0.8 : 0;
  return Math.log10(population) + (FEATURE_BONUS[e.featureCode] ?? 0) + ownName;
}

/**
 * In a country where a town bears the name as its own, another town's old or alternate name there is
 * rarely meant: "Franklin" is a dozen US towns before it is Columbus, Ohio's first name. A foreign own
 * name does not count: "Palmyra" is still Tadmur, though Missouri has a Palmyra. One order of
 * magnitude of population; GeoWebNews gold spans 0.892 -> 0.893 within 161 km (1 and 2 alike).
 */
const SHADOWED_ALTERNATE = 1;

/** The countries with a town found under its own name `key`. */
function ownNameCountries(entries: readonly GazetteerEntry[], key: string, normalize: (name: string) => string): Set<string | null> {
  return new Set(entries.filter((e) => e.source === 'city' && ownKey(e, normalize) === key).map((e) => e.country));
}

/** Places that lie inside one admin1 region: a county does ("Hamilton County" beside Chattanooga), a country or a region does not. */
function liesInOneAdmin1(e: GazetteerEntry): boolean {
  return e.source !== 'country' && e.source !== 'admin1';
}

/** Does `outer` contain `inner` by the codes both carry? */
function contains(outer: GazetteerEntry, inner: GazetteerEntry): boolean {
  if (outer.source === 'country') return inner.country === outer.country;
  if (outer.source === 'admin1') return inner.country === outer.country && inner.admin1Code === outer.admin1Code;
  return false;
}

interface Scored { entry: GazetteerEntry; score: number; reasons: string[] }

/** Confidence-weighted votes of first-pass winners for countries and `CC.A1` regions. */
interface Votes { country: Map<string, number>; admin1: Map<string, number>; total: number }

const emptyVotes = (): Votes => ({ country: new Map(), admin1: new Map(), total: 0 });
/** The votes of a name no mention of which voted: read, never added to. */
const NO_VOTES: Votes = emptyVotes();
const votesFor = (votes: Map<string, number>, key: string): number => votes.get(key) ?? 0;

// Entries are shared, read-only objects: their `CC.A1` key is built once (votes are counted by it for every reading).
const admin1Keys = new WeakMap<GazetteerEntry, string>();

function admin1Key(e: GazetteerEntry): string {
  let key = admin1Keys.get(e);
  if (key === undefined) admin1Keys.set(e, (key = `${e.country}.${e.admin1Code}`));
  return key;
}

function addVote(votes: Votes, entry: GazetteerEntry, weight: number): void {
  votes.total += weight;
  if (entry.country) votes.country.set(entry.country, votesFor(votes.country, entry.country) + weight);
  if (entry.admin1Code) {
    const key = admin1Key(entry);
    votes.admin1.set(key, votesFor(votes.admin1, key) + weight);
  }
}

/**
 * A pseudo-vote for "no country" in the coherence share: one unsure other place ("Ainsworth", a
 * Nebraska village at 0.65) no longer counts as the whole story and moves Belfast to Maine. Measured on
 * GeoWebNews end to end: 0 placed 2053 of 2235 within 161 km, 0.25 and 0.5 2056, 1 as many but 0.3%
 * fewer gold spans, 2 fewer still.
 */
const UNSURE_CONTEXT = 0.25;

const NO_SIBLINGS: ReadonlySet<string> = new Set();

/** The bonus of an admin1 reading of a name listed among admin1 regions of its country. */
const LIST_OF_REGIONS = 3;

/**
 * The countries whose admin1 regions are the first-pass readings of the names listed next to candidate `i`
 * ("Utah, Colorado and Idaho"; joined by a comma, "and" or "or"): the name is likely one more such region.
 */
function listSiblings(candidates: readonly Candidate[], firstPass: readonly (readonly Scored[])[], i: number, text: string): Set<string> {
  const out = new Set<string>();
  for (const j of [i - 1, i + 1]) {
    const other = candidates[j];
    const best = firstPass[j]?.[0]?.entry;
    if (!other || !best || best.source !== 'admin1' || !best.country) continue;
    const gap = j < i ? text.slice(other.end, candidates[i]!.start) : text.slice(candidates[i]!.end, other.start);
    if (/^\s*(?:,|(?:,\s*)?(?:and|or))\s*$/.test(gap)) out.add(best.country);
  }
  return out;
}

/** How far below the best prior a reading of a name stays plausible, in log10-population units. */
const PLAUSIBLE_MARGIN = 2.5;

function rank(scored: Scored[]): Scored[] {
  // Ties break on the entry index so results never depend on Map or sort stability.
  return scored.sort((a, b) => b.score - a.score || a.entry.index - b.entry.index);
}

/** Softmax margin of the best score over the rest, as a 0..1 confidence. */
function confidenceOf(ranked: readonly Scored[]): number {
  if (ranked.length === 0) return 0;
  const best = ranked[0]!.score;
  const total = ranked.reduce((s, r) => s + Math.exp(Math.max(-30, r.score - best)), 0);
  return Math.round((1 / total) * 100) / 100;
}

/**
 * Chooses an entry for every candidate. Four resolvers score each entry,
 * Pelias-style, and their names are kept as reasons:
 * - `prior`: population and feature type;
 * - `coherence`: the countries and admin1 regions of the document's other
 *   confident places, and closeness to them;
 * - `containment`: "X, Y" where Y is a resolved container of X, and
 *   `containment:holds` for the Y that holds a plausible reading of X;
 * - `focus`: the user's theatre (`--focus IQ,SY`).
 * An anchored candidate ("X, west of Kirkuk") keeps only the entries near its
 * anchor's (reason `anchor:west of`); with none left it is placed from context.
 */
export function resolve(candidates: readonly Candidate[], options: ResolveOptions): Resolved[] {
  const focus = new Set(options.focus ?? []);
  // Pass 1: prior alone.
  const nameKeys = new Map<string, string>();
  const normalize = (name: string): string => nameKeys.get(name) ?? nameKeys.set(name, options.normalize(name)).get(name)!;
  const keys = candidates.map((c) => normalize(c.text.replace(/['’]s$/, '')));
  const firstPass = candidates.map((c, i) => priorReadings(c, keys[i]!, normalize));

  // Document context from first-pass winners, weighted by how clear they were, and the same votes by name:
  // every mention of one name ("Franklin" three times) is one reading, so they cannot confirm each other.
  const documentVotes = emptyVotes();
  const votesByName = new Map<string, Votes>();
  // Distinct city entries the document places with some confidence: coherence by distance reads these.
  const anchors = new Map<GazetteerEntry, number>();
  firstPass.forEach((ranked, i) => {
    const best = ranked[0];
    // A feature ("Mosul Dam", "Cavan Town Hall") borrows its place from a name inside it: that name speaks where it stands alone.
    if (!best || candidates[i]!.match === 'feature' || candidates[i]!.match === 'demonym' && best.entry.source !== 'country') return;
    const w = confidenceOf(ranked);
    addVote(documentVotes, best.entry, w);
    addVote(votesByName.get(keys[i]!) ?? votesByName.set(keys[i]!, emptyVotes()).get(keys[i]!)!, best.entry, w);
    if (best.entry.source === 'city') anchors.set(best.entry, (anchors.get(best.entry) ?? 0) + w);
  });

  const nearCache = new Map<GazetteerEntry, number>();
  const nearAnchors = (entry: GazetteerEntry): number => {
    let n = nearCache.get(entry);
    if (n === undefined) {
      n = 0;
      for (const a of anchors.keys()) if (a !== entry && withinKm(a, entry, 150)) n++;
      nearCache.set(entry, n);
    }
    return n;
  };

  // What each container holds: "Tacoma, Washington" makes Washington what holds Tacoma. Only plausible
  // readings of the held name count: in "Washington, New York and Boston", a list, New York is not the
  // state that holds a hamlet called Washington.
  const held = new Map<number, GazetteerEntry[]>();
  candidates.forEach((c, i) => {
    if (c.container === null || !firstPass[i]![0]) return;
    const best = firstPass[i]![0]!.score;
    const plausible = firstPass[i]!.filter((s) => s.score >= best - PLAUSIBLE_MARGIN).map((s) => s.entry);
    (held.get(c.container) ?? held.set(c.container, []).get(c.container)!).push(...plausible);
  });

  // Pass 2: containers first (they are resolved by prior and context), then everything with coherence.
  const chosen: (Scored | null)[] = new Array(candidates.length).fill(null);
  // The entries an anchor leaves each candidate ("Havana, west of Kirkuk" is not in Cuba).
  const readings = firstPass.slice();
  const score = (i: number): Scored | null => {
    const c = candidates[i]!;
    const container = c.container !== null ? chosen[c.container] ?? firstPass[c.container]![0] ?? null : null;
    const at = c.anchor && (chosen[c.anchor.index] ?? firstPass[c.anchor.index]![0])?.entry;
    const anchor = at && isPointAnchor(at) ? at : null;
    if (anchor) readings[i] = nearAnchor(firstPass[i]!, anchor, c.anchor!);
    const holds = held.get(i) ?? [];
    const siblings = options.text !== undefined ? listSiblings(candidates, firstPass, i, options.text) : NO_SIBLINGS;
    const own = votesByName.get(keys[i]!) ?? NO_VOTES;
    const others = documentVotes.total - own.total;
    const rescored = readings[i]!.map(({ entry, score }) => {
      const reasons = c.anchor && anchor ? ['prior', `anchor:${c.anchor.cue}`] : ['prior'];
      let s = score;
      if (entry.country) {
        const share = others > 0 ? (votesFor(documentVotes.country, entry.country) - votesFor(own.country, entry.country)) / (others + UNSURE_CONTEXT) : 0;
        if (share > 0) { s += 2.5 * share; reasons.push('coherence:country'); }
        const a1Key = admin1Key(entry);
        const a1 = entry.admin1Code ? votesFor(documentVotes.admin1, a1Key) - votesFor(own.admin1, a1Key) : 0;
        if (a1 > 0 && liesInOneAdmin1(entry)) { s += Math.min(1.5, a1); reasons.push('coherence:admin1'); }
      }
      // A county too: its name recurs in many states, and the story's towns say which (Montgomery County beside Red Oak, Iowa).
      // GeoWebNews gold spans 0.909 -> 0.911 within 161 km.
      if ((entry.source === 'city' || entry.source === 'admin2') && anchors.size > 1) {
        const near = nearAnchors(entry);
        if (near) { s += Math.min(1, 0.4 * near); reasons.push('coherence:distance'); }
      }
      // One of a list of states is a state ("California, Oregon or Washington"), of theirs.
      if (entry.source === 'admin1' && siblings.has(entry.country ?? '')) { s += LIST_OF_REGIONS; reasons.push('coherence:list'); }
      // A region that holds one of the places named before it (the state of Washington, not the capital).
      if (holds.some((e) => contains(entry, e))) { s += 3; reasons.push('containment:holds'); }
      if (container) {
        if (contains(container.entry, entry)) { s += 4; reasons.push('containment'); }
        else if (container.entry.source === 'city' && withinKm(container.entry, entry, 60)) { s += 3; reasons.push('containment:near'); }
      }
      if (focus.size && entry.country && (focus.has(entry.country) || (entry.admin1Code && focus.has(`${entry.country}.${entry.admin1Code}`)))) {
        s += 2; reasons.push('focus');
      }
      return { entry, score: s, reasons };
    });
    return rank(rescored)[0] ?? null;
  };
  // Places that depend on another (its container, its anchor) come after it.
  const dependent = (c: Candidate): number => Number(c.container !== null || c.anchor !== null);
  const order = candidates.map((_, i) => i).sort((a, b) => dependent(candidates[a]!) - dependent(candidates[b]!));
  for (const i of order) chosen[i] = score(i);
  oneSensePerName(keys, chosen, readings, candidates.map((c, i) => (c.match === 'acronym' && chosen[i]?.entry.source === 'admin1' ? ownKey(chosen[i]!.entry, normalize) : null)));

  return candidates.map((candidate, i) => {
    const best = chosen[i];
    if (!best) return { candidate, entry: null, confidence: 0, reasons: [] };
    const ranked = rank(readings[i]!.map((s) => (s.entry === best.entry ? best : s)));
    return { candidate, entry: best.entry, confidence: Math.max(confidenceOf(ranked), candidate.entries.length === 1 ? 0.9 : 0), reasons: best.reasons };
  });
}

/**
 * The readings of a candidate ranked by prior alone, remembered per entry list (the gazetteer hands out one
 * frozen list per name) and per what else the prior reads: the name's key, the head word, the article.
 * News repeats its names, and ranking a common name's hundred readings was a tenth of geoparsing. The
 * lists are shared: nothing changes them after they are ranked.
 */
const priorMemo = new WeakMap<readonly GazetteerEntry[], Map<string, readonly Scored[]>>();

function priorReadings(c: Candidate, key: string, normalize: (name: string) => string): readonly Scored[] {
  const byContext = priorMemo.get(c.entries) ?? priorMemo.set(c.entries, new Map()).get(c.entries)!;
  const memoKey = `${key}\u0000${c.head}\u0000${c.article && c.match !== 'feature'}`;
  let ranked = byContext.get(memoKey);
  if (!ranked) {
    const ownCountries = ownNameCountries(c.entries, key, normalize);
    ranked = rank(c.entries.map((entry) => {
      const ownName = ownKey(entry, normalize) === key;
      const shadowed = entry.source === 'city' && !ownName && ownCountries.has(entry.country) ? SHADOWED_ALTERNATE : 0;
      return { entry, score: prior(entry, key, normalize) - shadowed + headBonus(c, entry, ownName) - articlePenalty(c, entry), reasons: ['prior'] };
    }));
    byContext.set(memoKey, ranked);
  }
  return ranked;
}

/** Reasons that come from what the text says around a mention, not from the rest of the document. */
const LOCAL_EVIDENCE = /^(containment|anchor:)/;

/**
 * One place per name in a document: where one mention of a name is placed by its own context ("the
 * English city of Salisbury", "Portland, Maine"), the other mentions of that name that can be the same
 * place follow it (reason `coherence:same-name`). The first such mention decides. Changes `chosen`.
 * A state's abbreviation speaks for its full name too (`abbreviates[i]`: the key of the admin1 region
 * mention i abbreviates): under "CAMP MURRAY, Wash." the story's bare "Washington" is the state, not the
 * capital, unless a mention of that name is placed by its own context. GeoWebNews gold spans: 3 more
 * of the 2,601 toponyms within 161 km, none fewer.
 */
function oneSensePerName(keys: readonly string[], chosen: (Scored | null)[], readings: readonly (readonly Scored[])[], abbreviates: readonly (string | null)[]): void {
  const decided = new Map<string, GazetteerEntry>();
  chosen.forEach((c, i) => {
    if (c && !decided.has(keys[i]!) && c.reasons.some((r) => LOCAL_EVIDENCE.test(r))) decided.set(keys[i]!, c.entry);
  });
  chosen.forEach((c, i) => {
    const key = abbreviates[i];
    if (c && key && !decided.has(key)) decided.set(key, c.entry);
  });
  chosen.forEach((c, i) => {
    const entry = decided.get(keys[i]!);
    if (!c || !entry || c.entry === entry || c.reasons.some((r) => LOCAL_EVIDENCE.test(r))) return;
    const same = readings[i]!.find((r) => r.entry === entry);
    if (same) chosen[i] = { entry, score: c.score, reasons: [...same.reasons, 'coherence:same-name'] };
  });
}

/**
 * English gives a town no article: after "the", a name that also names a building, a facility, a region
 * or a sea ("the White House", "the Kremlin", "the Sahara") means that before a town of the name (White
 * House, Tennessee). Only those feature classes: an administrative area of the name is as often the
 * town's own county or state ("the New York Times" is the city's), and a name whose only readings are
 * towns keeps them ("the Hague"). A feature's article is its own ("the St. Louis Hills"), not its inner
 * place's. GeoWebNews gold spans: 0.895 -> 0.897 within 161 km (penalties of 1.5 to 3 alike).
 */
const ARTICLE_TOWN = 2;
const NAMED_WITH_ARTICLE = new Set(['S', 'H', 'L', 'T', 'U', 'V']);

function articlePenalty(c: Candidate, e: GazetteerEntry): number {
  if (!c.article || c.match === 'feature' || e.featureClass !== 'P') return 0;
  return c.entries.some((r) => NAMED_WITH_ARTICLE.has(r.featureClass)) ? ARTICLE_TOWN : 0;
}

/**
 * "Nineveh province" prefers the province, "Raqqa city" and "the Raqqa area"
 * the city. Otherwise a region that shares its name with a large city inside
 * it (Raqqa, New York, Baghdad) means the city: regions are named after their
 * chief city, and news names the city. Only a city that bears the name as its own is that chief city:
 * Franklin County, Ohio is named for Columbus's first name, so "Franklin" is no Columbus
 * (GeoWebNews gold spans: 0.886 -> 0.892 within 161 km).
 */
function headBonus(c: Candidate, e: GazetteerEntry, ownName: boolean): number {
  if (c.head === 'admin') return e.source === 'admin1' || e.source === 'admin2' ? 3 : 0;
  if (c.head === 'settlement') return e.source === 'city' ? 3 : 0;
  const chiefCity = e.source === 'city' && ownName && (e.population >= 100_000 || e.featureCode === 'PPLA' || e.featureCode === 'PPLC') &&
    c.entries.some((r) => (r.source === 'admin1' || r.source === 'admin2') && r.country === e.country && r.admin1Code === e.admin1Code);
  return chiefCity ? 2.5 : 0;
}
