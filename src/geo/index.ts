import type { Message, PlaceMention, PlacePrecision, Span } from '../types.js';
import { named, type Stage } from '../pipeline.js';
import { segment, type Token } from '../text/segment.js';
import { firstEndingAfter } from '../text/span-index.js';
import { loadGazetteer, type Gazetteer, type GazetteerEntry, type LoadGazetteerOptions } from './gazetteer/index.js';
import { headKind, loadGeoLexicon, type GeoLexicon } from './lexicon.js';
import { linkContainers, recognize, type Candidate } from './recognize.js';
import { anchorRadiusKm, linkAnchors } from './context.js';
import { withinKm } from './distance.js';
import { resolve, type Resolved } from './resolve.js';

export { loadGazetteer, Gazetteer, type GazetteerEntry } from './gazetteer/index.js';
export { loadGeoLexicon, type GeoLexicon } from './lexicon.js';

/** What the geoparser needs, loaded once. */
export interface GeoResources {
  gazetteer: Gazetteer;
  lexicon: GeoLexicon;
}

export function loadGeoResources(options: LoadGazetteerOptions = {}): GeoResources {
  return { gazetteer: loadGazetteer(options), lexicon: loadGeoLexicon() };
}

export interface GeoparseOptions {
  /** Countries (ISO alpha-2) or admin1 codes (`SY.04`) to bias resolution toward. */
  focus?: readonly string[];
}

export interface GeoparseResult {
  places: PlaceMention[];
  messages: Message[];
}

function precisionOf(e: GazetteerEntry): PlacePrecision {
  if (e.source === 'country') return 'country';
  if (e.source === 'region') return 'region';
  if (e.source === 'admin1' || e.source === 'admin2') return 'admin';
  return 'exact';
}

/** A country or a region: a place too wide to stand for a point. */
function isWide(e: GazetteerEntry): boolean {
  return e.source === 'country' || e.source === 'region' || e.source === 'admin1';
}

/**
 * Below this confidence a far, unsupported small-town reading of a name is dropped for its context. GeoWebNews gold
 * spans: 0.7 placed 0.907 within 161 km, 0.8 and 0.9 0.908, no limit 0.908 with a larger mean error.
 */
const STRAY_CONFIDENCE = 0.8;

/**
 * How far from the story's focus such a reading is a stray: Palmyra's Tadmur, 190 km from the Raqqa of a story, is not. GeoWebNews gold
 * spans place as many within 161 km with any limit from 161 to 1,000 km.
 */
const FAR_KM = 500;

/**
 * A town that is neither a seat of government nor a city of 100,000, or a county: a place a story names for
 * being there, whose namesakes abound (Rockingham County in an English motor-racing story is not the place).
 */
function isMinorPlace(e: GazetteerEntry): boolean {
  return (e.source === 'city' && e.population < 100_000 && !/^PPL(C|A)$/.test(e.featureCode)) || e.source === 'admin2';
}

/** Where unplaced mentions fall back to: the document's most-mentioned specific place. */
interface DocumentFocus {
  focus: GazetteerEntry | null;
  /** Does another place of the story bear out this one (`bearsOut`)? */
  borneOut: (e: GazetteerEntry) => boolean;
}

function documentFocus(resolved: readonly Resolved[], ownNameCounts: (r: Resolved) => boolean): DocumentFocus {
  const weight = new Map<GazetteerEntry, number>();
  for (const r of resolved) {
    if (!r.entry || r.candidate.match === 'demonym' || !ownNameCounts(r)) continue;
    // Specific places say more about where a story is than the country it is in.
    const w = r.entry.source === 'city' ? 1 : r.entry.source.startsWith('admin') ? 0.6 : 0.3;
    weight.set(r.entry, (weight.get(r.entry) ?? 0) + w * Math.max(r.confidence, 0.3));
  }
  // A place the rest of the story bears out (its region named, its neighbours) is the focus before one
  // named often but alone: in a story of Louisiana, Lafayette and the Marigny, New Orleans, not Columbus.
  const support = (e: GazetteerEntry): number => {
    let s = weight.get(e)!;
    for (const [o, w] of weight) if (o !== e && bearsOut(o, e)) s += w;
    return s;
  };
  let best: GazetteerEntry | null = null;
  let bestWeight = 0;
  for (const e of weight.keys()) {
    const w = support(e);
    if (w > bestWeight || (w === bestWeight && best && e.index < best.index)) { best = e; bestWeight = w; }
  }
  // Asked for every mention placed from context and its neighbour: each entry is measured once.
  const borne = new Map<GazetteerEntry, boolean>();
  const borneOut = (e: GazetteerEntry): boolean => {
    let b = borne.get(e);
    if (b === undefined) {
      b = false;
      for (const o of weight.keys()) if (o !== e && bearsOut(o, e)) { b = true; break; }
      borne.set(e, b);
    }
    return b;
  };
  return { focus: best, borneOut };
}

/**
 * Does place `o` bear out `e` as where a story is: the admin1 region that holds it, or a place within
 * 150 km? Only a point is borne out: a region is not where a story is for holding its towns.
 */
function bearsOut(o: GazetteerEntry, e: GazetteerEntry): boolean {
  if (isWide(e)) return false;
  if (o.source === 'admin1') return o.country === e.country && o.admin1Code === e.admin1Code;
  return o.source !== 'country' && o.source !== 'region' && withinKm(o, e, 150);
}

/**
 * Turns resolved candidates into place mentions. Candidates without an entry
 * (a street, a village the gazetteer lacks) take the coordinates of their
 * container, else of the nearest place before them in the sentence, else the
 * document's focus, with `resolution: "context"` and a lower confidence.
 */
function toMentions(text: string, tokens: readonly Token[], resolved: readonly Resolved[], gazetteer: Gazetteer, lexicon: GeoLexicon): GeoparseResult {
  // A street named after a place ("Collins Avenue", "Atlantic Avenue") is rarely in it: the place neither places it nor the story.
  const ownNameCounts = (r: Resolved): boolean => r.candidate.match !== 'feature' || !namesAStreet(text, r.candidate, lexicon);
  const { focus, borneOut } = documentFocus(resolved, ownNameCounts);
  const messages: Message[] = [];
  // Past the last token an offset counts in the last sentence.
  const sentenceOf = (offset: number): number => (tokens[firstEndingAfter(tokens, offset)] ?? tokens.at(-1))?.sentence ?? -1;
  // Placed mentions by sentence: a mention placed from context looks for the nearest one in its own sentence.
  const placedBySentence = new Map<number, Resolved[]>();
  for (const p of resolved) {
    if (!p.entry || p.candidate.match === 'demonym' || p.candidate.match === 'feature') continue;
    const s = sentenceOf(p.candidate.start);
    (placedBySentence.get(s) ?? placedBySentence.set(s, []).get(s)!).push(p);
  }
  // A small town or a county that nothing else in the story bears out, when the story's focus is borne out: a guess, or a namesake
  // of a place the gazetteer lacks. A capital or a city is named for itself (Rome beside its hospital in a London story).
  const unsupportedGuess = (r: Resolved): boolean => r.entry !== null && focus !== null && isMinorPlace(r.entry) && !borneOut(r.entry) && borneOut(focus);
  const places: PlaceMention[] = [];
  resolved.forEach((r) => {
    const c = r.candidate;
    let entry = r.entry;
    let resolution: PlaceMention['resolution'] = 'gazetteer';
    let confidence = r.confidence;
    let precision: PlacePrecision | null = entry ? precisionOf(entry) : null;
    let reasons = r.reasons;
    // A name read, unsure, as a far town of that name is more likely a place the gazetteer lacks in the story's own area
    // ("Stonewall" in a Virginia story is not Stonewall, Louisiana), and a feature named after a far town is not in it (the
    // Carnegie Library of a New Orleans story): it is placed from its context.
    const stray = (c.match === 'name' || c.match === 'feature') && c.entries.length > 1 && unsupportedGuess(r) && r.confidence < STRAY_CONFIDENCE && !withinKm(entry!, focus!, FAR_KM);
    if (stray) entry = null;
    if (c.match === 'feature' || !entry) {
      resolution = 'context';
      const container = c.container !== null ? resolved[c.container]!.entry : null;
      const anchor = c.anchor && resolved[c.anchor.index]!.entry;
      // The nearest placed mention in the same sentence, before or after ("Khirbat al-Nasr, outside Sinjar").
      const sentence = sentenceOf(c.start);
      // "Le Bernardin in New York", "Collins Avenue in Miami Beach": the town the text puts it in holds it, however unsure.
      const heldBy = (placedBySentence.get(sentence) ?? []).find((p) => p !== r && p.candidate.start >= c.end && IN_PLACE.test(text.slice(c.end, p.candidate.start))) ?? null;
      let nearestMention: Resolved | null = heldBy;
      let nearestGap = Infinity;
      for (const p of heldBy ? [] : placedBySentence.get(sentence) ?? []) {
        if (p === r) continue;
        const gap = p.candidate.start >= c.end ? p.candidate.start - c.end : c.start - p.candidate.end;
        if (gap < nearestGap) { nearestMention = p; nearestGap = gap; }
      }
      const nearest = nearestMention?.entry ?? null;
      // "Mosul Dam" is placed by its own name, else by the place the text puts it near, else by what contains it, else by its neighbours.
      // A country or region beside it says less than the story's own focus inside that country ("the Russian Embassy" in a Washington story).
      // So does an unsupported small town (Stonewall, Louisiana beside the schools of a Virginia story; Franklin Square, New York
      // beside the churches of New Orleans).
      const neighbour = nearest && focus && !heldBy && ((isWide(nearest) && focus.country === nearest.country) || unsupportedGuess(nearestMention!)) ? null : nearest;
      const ownName = ownNameCounts(r) ? entry : null;
      const [by, placedAt] = ([['own-name', ownName], ['anchor', anchor], ['container', container], ['sentence', neighbour], ['document', focus]] as const).find(([, e]) => e) ?? ['none', null];
      entry = placedAt;
      reasons = [...(by === 'anchor' ? ['context:anchor', `anchor:${c.anchor!.cue}`] : [`context:${by}`]), ...(stray ? ['context:unsupported-reading'] : [])];
      confidence = entry ? Math.min(0.4, confidence || 0.3) : 0;
      precision = 'nearby';
      const why = stray ? `its ${c.entries.length} gazetteer entries are far towns nothing else in the story bears out (best ${r.entry!.name}, ${r.entry!.country})`
        : by === 'anchor' && c.entries.length ? `its ${c.entries.length} gazetteer entries lie too far from ${entry!.name} (over ${anchorRadiusKm(c.anchor!)} km)`
        : 'it is not in the gazetteer';
      if (entry) messages.push({ ruleId: 'geo:context', reason: `"${c.text}": ${why}; placed at ${entry.name} from its context (${reasons.join(', ')})`, start: c.start, end: c.end, fatal: false });
    }
    if (!entry) {
      messages.push({ ruleId: 'geo:unresolved', reason: `"${c.text}" looks like a place but nothing locates it`, start: c.start, end: c.end, fatal: false });
      return;
    }
    if (resolution === 'gazetteer' && confidence < 0.5 && c.entries.length > 1) {
      messages.push({ ruleId: 'geo:ambiguous', reason: `"${c.text}" has ${c.entries.length} candidates; chose ${entry.name} (${entry.country ?? 'no country'})`, start: c.start, end: c.end, fatal: false });
    }
    places.push({
      text: text.slice(c.start, c.end), start: c.start, end: c.end,
      geonameid: entry.geonameid, name: entry.name, country: entry.country,
      admin1: entry.source === 'admin1' ? entry.name : gazetteer.admin1Name(entry.country, entry.admin1Code),
      lat: entry.lat, lon: entry.lon, featureCode: entry.featureCode,
      kind: c.kind === 'demonym' ? 'demonym' : isMetonymic(text, c, entry, lexicon) ? 'metonymic' : c.kind,
      resolution, precision: precision!, confidence: Math.round(confidence * 100) / 100, rule: c.rule, reasons,
    });
  });
  return { places, messages };
}

/** The words between a place and the town the text puts it in: "Le Bernardin in New York", "the clinic in Tal Afar". */
const IN_PLACE = /^,?\s+in\s+(?:the\s+)?$/i;

/** Does the mention end in a street's head written as a name's word ("Collins Avenue", "N. Bedford Dr.")? */
function namesAStreet(text: string, c: Candidate, lexicon: GeoLexicon): boolean {
  const head = /(\p{Lu}\p{L}*)\.?$/u.exec(text.slice(c.start, c.end))?.[1];
  return head !== undefined && lexicon.streetHeads.has(head.toLowerCase());
}

/** "Turkey said", "Washington warned": a country or capital acting as a speaker or agent. */
function isMetonymic(text: string, c: Candidate, entry: GazetteerEntry, lexicon: GeoLexicon): boolean {
  if (entry.source !== 'country' && entry.featureCode !== 'PPLC') return false;
  const before = text.slice(Math.max(0, c.start - 30), c.start).toLowerCase();
  if (lexicon.metonymyBefore.some((phrase) => before.endsWith(`${phrase} `))) return true;
  const next = /^(?:['’]s\s+\p{L}+|\s+(\p{L}+|'s))/u.exec(text.slice(c.end, c.end + 30));
  if (!next) return /^['’]s\b/.test(text.slice(c.end));
  return next[1] ? lexicon.metonymyVerbs.has(next[1].toLowerCase()) : /^['’]s\s+(government|army|forces|military|ministry|president|leaders?)/i.test(text.slice(c.end, c.end + 30));
}

/**
 * Geoparses one text: recognition, container links, resolution, context placement.
 *
 * @example
 * geoparseText('IS fighters left Mosul for Tal Afar.', resources).places.map((p) => p.name)
 * // => ['Mosul', 'Tall ‘Afar']
 */
export function geoparseText(text: string, resources: GeoResources, options: GeoparseOptions = {}, tokens?: readonly Token[]): GeoparseResult {
  const toks = tokens ?? segment(text).tokens;
  const candidates = linkAnchors(text, linkContainers(text, recognize({ text, tokens: toks }, resources.gazetteer, resources.lexicon), resources.lexicon), resources.lexicon);
  const resolved = resolve(candidates, { focus: options.focus, normalize: resources.gazetteer.normalize, text });
  return toMentions(text, toks, resolved, resources.gazetteer, resources.lexicon);
}

/**
 * Resolves given spans only (the "gold spans" setting of geocoding
 * evaluations): each span becomes a candidate, whatever the recogniser
 * would have said.
 */
export function geocodeSpans(text: string, spans: readonly Span[], resources: GeoResources, options: GeoparseOptions = {}): GeoparseResult {
  const { gazetteer } = resources;
  const candidates: Candidate[] = [...spans].sort((a, b) => a.start - b.start).map((s) => {
    const surface = text.slice(s.start, s.end).replace(/^the\s+/i, '').replace(/['’]s$/, '');
    // Short capitals are acronyms first (US, UK, EU), and adjectives are demonyms first (Canadian, not Canadian, Texas).
    const lookups: [Candidate['match'], () => readonly GazetteerEntry[]][] = [
      ['acronym', () => (ACRONYM_LIKE.test(surface) ? gazetteer.acronym(surface) : [])],
      ['demonym', () => gazetteer.demonym(surface)],
      // A given span ending in a full stop is an abbreviation: "Ga." is Georgia before it is any town called Ga.
      // So is one in short capitals: "WA" is Washington or Western Australia before Wa, Ghana.
      ['acronym', () => (surface.endsWith('.') || ACRONYM_LIKE.test(surface) ? abbreviation(gazetteer, surface) : [])],
      // Short capitals are an acronym or a name as written ("WA" is also Wa): never a name the transliteration folds to them ("SA" is no Saa).
      ['name', () => (ACRONYM_LIKE.test(surface) ? gazetteer.lookup(surface).filter((e) => sameLetters(e.name, surface)) : gazetteer.lookup(surface))],
      ['acronym', () => gazetteer.acronym(surface)],
      // A given span is a place: a code that elsewhere needs "Place, " before it ("Wash.") stands for its region here.
      ['acronym', () => gazetteer.containerAcronym(surface)],
      // "Nineveh province", "Mosul Dam": without the head word.
      ['feature', () => {
        const m = /^(.+?)\s+(\p{L}+)$/u.exec(surface);
        const head = m?.[2]!.toLowerCase();
        const known = m && !resources.lexicon.notPlaces.has(m[1]!.toLowerCase()) && (headKind(resources.lexicon, head!) !== null || resources.lexicon.featureHeads.has(head!));
        return known ? gazetteer.lookup(m![1]!) : [];
      }],
      ['feature', () => innerPlace(surface, resources)],
    ];
    let entries: readonly GazetteerEntry[] = [];
    let match: Candidate['match'] = 'cue';
    for (const [kind, lookup] of lookups) {
      entries = lookup();
      if (entries.length) { match = kind; break; }
    }
    if (match === 'feature' && headKind(resources.lexicon, surface.split(/\s+/).pop()!) !== null) match = 'name';
    const article = /^the\s/i.test(text.slice(s.start, s.end)) || /\bthe\s+$/i.test(text.slice(Math.max(0, s.start - 5), s.start));
    return { ...s, text: text.slice(s.start, s.end), entries, match, kind: match === 'demonym' ? 'demonym' : 'literal', locative: false, article, head: null, container: null, anchor: null, rule: 'given-span' };
  });
  const toks = segment(text).tokens;
  const resolved = resolve(linkAnchors(text, linkContainers(text, candidates, resources.lexicon), resources.lexicon), { focus: options.focus, normalize: gazetteer.normalize, text });
  return toMentions(text, toks, resolved, gazetteer, resources.lexicon);
}

const ACRONYM_LIKE = /^[\p{Lu}.]{2,6}$/u;

/** Are two names the same letters, case and accents aside? */
function sameLetters(a: string, b: string): boolean {
  const fold = (s: string): string => s.normalize('NFKD').replace(/[^\p{L}]/gu, '').toLowerCase();
  return fold(a) === fold(b);
}

/**
 * The readings of the first place named inside a span the gazetteer lacks: "Colorado State University",
 * "Cavan Town Hall", "the New Orleans Railways and Light Company" stand where that place is. A demonym
 * counts only when no name does ("the Russian Foreign Ministry").
 */
function innerPlace(surface: string, resources: GeoResources): readonly GazetteerEntry[] {
  // "The Russian Embassy", "the Embassy of Armenia": the country is the owner; only a town inside places it ("British Embassy Tokyo").
  const owned = surface.toLowerCase().split(/\s+/).some((w) => resources.lexicon.ownerHeads.has(w));
  const inner = recognize({ text: surface, tokens: segment(surface).tokens }, resources.gazetteer, resources.lexicon)
    .filter((c) => c.entries.length && c.end - c.start < surface.length)
    // The name's own head word is no place in it: "Fire Island" is not in Iceland ("Island"), "Turtle Valley" not in a town called Valley.
    .filter((c) => !resources.lexicon.featureHeads.has(surface.slice(c.start, c.end).toLowerCase()))
    // A name that is a country's is the owner's name, whatever towns share it (Norway, Maine).
    .filter((c) => !owned || (c.match !== 'demonym' && !c.entries.some((e) => e.source === 'country' || e.source === 'region')));
  return (inner.find((c) => c.match !== 'demonym') ?? inner[0])?.entries ?? [];
}

/** The regions an abbreviation stands for, whether news writes it alone ("Mont.") or only after a place ("Ga."). */
function abbreviation(gazetteer: Gazetteer, surface: string): readonly GazetteerEntry[] {
  const alone = gazetteer.acronym(surface);
  return alone.length ? alone : gazetteer.containerAcronym(surface);
}

/** The pipeline stage: places for the analysed document. */
export function geoparse(resources: GeoResources, options: GeoparseOptions = {}): Stage {
  return named('geo', (a) => geoparseText(a.text, resources, options, a.tokens));
}
