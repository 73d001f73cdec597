import type { Span, PlaceKind } from '../types.js';
import type { Token } from '../text/segment.js';
import type { FoldedWord } from '../text/normalize.js';
import type { Gazetteer, GazetteerEntry } from './gazetteer/index.js';
import { headKind, type GeoLexicon } from './lexicon.js';
import { anchorCue, type Anchor } from './context.js';

/** How a candidate was found. */
export type MatchKind = 'name' | 'acronym' | 'demonym' | 'feature' | 'cue';

/** A toponym candidate: a span and the gazetteer entries it may refer to (Pelias-style: candidates first, choice later). */
export interface Candidate extends Span {
  text: string;
  entries: readonly GazetteerEntry[];
  match: MatchKind;
  kind: PlaceKind;
  /** A locative cue ("in", "north of") stands before it. */
  locative: boolean;
  /** "the" stands right before it ("the White House", "the Washington Post"): English gives towns no article. */
  article: boolean;
  /** The head word that follows: administrative ("Nineveh province") or a settlement ("Raqqa city", "the Mosul area"). */
  head: 'admin' | 'settlement' | null;
  /** Index of the candidate that contains this one ("Sinjar, Nineveh"), set by `linkContainers`. */
  container: number | null;
  /** The place the text puts it near ("X, west of Kirkuk", "Mosul's Old City"), set by `linkAnchors`. */
  anchor: Anchor | null;
  /** The rule that produced it, for debug traces. */
  rule: string;
}

export interface RecognizeInput {
  text: string;
  tokens: readonly Token[];
}

const WORD = /^[\p{L}\p{N}]/u;
// A leading ʿayn or hamza mark does not hide the capital ("ʿAfar").
const CAPITALISED = /^['’‘ʿʾ`]?\p{Lu}/u;
// Arabic script has no capitals: any of its words may start a name.
const ARABIC_SCRIPT = /^\p{Script=Arabic}/u;
const DIGITS = /^\p{N}+$/u;
// Words in Arabic script: as written, or by the Arabic key when they carry the article (Gazetteer.byWords).
const IN_ARABIC_SCRIPT = { arabic: 'article' } as const;
// Arabic articles that are also English words ("An", "At", "As") start a name only when hyphenated ("as-Sukhnah").
const ENGLISH_ARTICLES = new Set(['an', 'at', 'as', 'ad', 'en', 'es', 'et', 'ed', 'er', 'il']);
// A name that goes on with a hyphenated article ("Qasr al-Bint") is longer than what the gazetteer matched.
const ARTICLE_CONTINUES = /^[ \t]+(?:al|el|ad|ar|as|az|ash|ez|an|at)[-–]['’‘ʿʾ`]?\p{Lu}/u;
// What stands between the last two places of a list: "and", "or" (", and"). A comma alone
// ("in Greece, Guhdar said") starts a clause as often as it goes on with a list.
const COORDINATION = /^(?:[ \t]*,)?[ \t]+(?:and|or)[ \t]+$/;
const ALL_CAPS = /^[\p{Lu}\d.]+$/u;
const TWO_CAPITALS = /\p{Lu}.*\p{Lu}/u;
// "Syria‘s": a left quote stands for the apostrophe often enough in the news to count.
const POSSESSIVE = /['’‘]s$/;
// What may stand between the words of one name: spaces, hyphens, apostrophes (never a line break).
const NAME_GAP = /^[ \t\u00a0'’‘ʿʾ`\-–]*$/;

/**
 * A town's population for deciding whether its name alone is a place. GeoNames gives 0 where it has no
 * figure, and many seats of districts in Iraq and Syria have none (Al Hawijah, the seat of a district of
 * 450,000): a seat of government with no figure counts as a town, not as a village.
 */
const UNKNOWN_SEAT_SIZE = 20_000;

function townSize(e: GazetteerEntry): number {
  return e.population === 0 && /^PPL(C|A|A2)$/.test(e.featureCode) ? UNKNOWN_SEAT_SIZE : e.population;
}

/** A capital of a million people or more: its name is a place even when it is also an English word (Kiev). */
function isBigCapital(e: GazetteerEntry): boolean {
  return e.featureCode === 'PPLC' && e.population >= 1_000_000;
}

/**
 * A headline in title case: a line of four words or more, most of them (short function words aside)
 * capitalised, with no full stop at its end. Capitals there say nothing about names.
 */
const TITLE_CASE_SHARE = 0.8;

function isTitleCase(line: string): boolean {
  const words = line.trim().split(/\s+/).filter((w) => /^\p{L}{4,}/u.test(w));
  if (words.length < 4 || /\.\s*$/.test(line)) return false;
  return words.filter((w) => /^\p{Lu}/u.test(w)).length >= TITLE_CASE_SHARE * words.length;
}

/** An acronym or abbreviation found at a word, and where it ends (with its period). */
interface ShortName {
  entries: readonly GazetteerEntry[];
  end: number;
  rule: string;
}

/** What a recogniser finds; the links between candidates and the cues around them are added after. */
type NewCandidate = Omit<Candidate, 'text' | 'container' | 'anchor' | 'locative' | 'article' | 'head'>;

interface Word {
  token: Token;
  /** End of the word without a possessive 's. */
  coreEnd: number;
  folded: FoldedWord[];
  capitalised: boolean;
  /** Two capitals or more ("MoD", "KBO"): an acronym, never part of a name in Arabic. */
  acronymLike: boolean;
  /** Written in Arabic script. */
  arabic: boolean;
  lower: string;
}

/**
 * "CAIRO (Reuters) -", "GOMA, (CAJ News) –", "ERBIL, Kurdistan Region —": a word in capitals that opens a
 * line before a comma, bracket or dash. Callers still leave out words of two or three letters there ("UN (the").
 */
const DATELINE_AFTER = /^(?:,|\s+\(|\s+[-–—])/;

function isDateline(text: string, token: Token): boolean {
  const lineStart = text.lastIndexOf('\n', token.start - 1) + 1;
  return /^\s*$/.test(text.slice(lineStart, token.start)) && DATELINE_AFTER.test(text.slice(token.end, token.end + 3));
}

function isSentenceInitial(tokens: readonly Token[], i: number): boolean {
  if (i === 0) return true;
  const prev = tokens[i - 1]!;
  if (prev.sentence !== tokens[i]!.sentence) return true;
  // After an opening quote or bracket at the start of a sentence.
  return !WORD.test(prev.text) && (i === 1 || tokens[i - 2]!.sentence !== tokens[i]!.sentence);
}

/** What a Latin-script token says by itself, wherever it stands. */
interface WordShape {
  /** Without a possessive 's ("Syria's" -> "Syria"). */
  core: string;
  capitalised: boolean;
  acronymLike: boolean;
  lower: string;
  /** The core's folded words (shared: the normaliser memoises them too). */
  folded: FoldedWord[];
}

/** Distinct token texts remembered before the memo starts over. */
const SHAPE_MEMO_LIMIT = 200_000;
// One memo per normaliser, since the folded words are its own.
const shapeMemos = new WeakMap<(core: string) => FoldedWord[], Map<string, WordShape>>();

/** The shape of a token's text, memoised: texts repeat their words, and the Unicode tests are the recogniser's main per-token cost. */
function wordShape(text: string, shapes: Map<string, WordShape>, fold: (core: string) => FoldedWord[]): WordShape {
  let shape = shapes.get(text);
  if (!shape) {
    if (shapes.size >= SHAPE_MEMO_LIMIT) shapes.clear();
    const core = POSSESSIVE.test(text) && text.length > 3 ? text.slice(0, -2) : text;
    shape = { core, capitalised: CAPITALISED.test(text), acronymLike: TWO_CAPITALS.test(text), lower: core.toLowerCase(), folded: fold(core) };
    shapes.set(text, shape);
  }
  return shape;
}

/**
 * Finds toponym candidates by matching the gazetteer's normalised names over
 * the tokens, longest match first, then filters capitalised words that are
 * people, months or common nouns. Returns candidates in text order.
 */
export function recognize(input: RecognizeInput, gazetteer: Gazetteer, lexicon: GeoLexicon): Candidate[] {
  const { text, tokens } = input;
  const normalize = gazetteer.normalize;
  const fold = normalize.words;
  const shapes = shapeMemos.get(fold) ?? shapeMemos.set(fold, new Map()).get(fold)!;
  const words: (Word | null)[] = tokens.map((token, i) => {
    if (!WORD.test(token.text)) return null;
    if (ARABIC_SCRIPT.test(token.text)) return arabicWord(token, tokens[i + 1]);
    const { core, capitalised, acronymLike, lower, folded } = wordShape(token.text, shapes, fold);
    return { token, coreEnd: token.end - (token.text.length - core.length), folded, capitalised, acronymLike, arabic: false, lower };
  });

  /**
   * A word in Arabic script. "و" (and), "ب" (in), "ل" (to) and others are written onto the next word
   * ("والموصل", "بتلعفر"): when the word names no place itself but what follows them does, alone or
   * with the next word ("ودير الزور"), the word is read from there, its span too.
   */
  function arabicWord(token: Token, next: Token | undefined): Word {
    let folded = fold(token.text);
    let skip = 0;
    if (!gazetteer.byWords(folded, IN_ARABIC_SCRIPT)) {
      const nextFolded = next && next.sentence === token.sentence && ARABIC_SCRIPT.test(next.text) ? fold(next.text) : [];
      for (const reading of normalize.proclitics(token.text)) {
        const rest = fold(reading.name);
        if (gazetteer.byWords(rest, IN_ARABIC_SCRIPT) || (nextFolded.length && gazetteer.byWords([...rest, ...nextFolded], IN_ARABIC_SCRIPT))) {
          folded = rest;
          skip = reading.skip;
          break;
        }
      }
    }
    const text = token.text.slice(skip);
    return {
      token: skip ? { ...token, start: token.start + skip, text } : token, coreEnd: token.end, folded,
      capitalised: true, acronymLike: false, arabic: true, lower: text,
    };
  }

  const prevWord = (i: number): Word | null => {
    for (let k = i - 1; k >= 0 && tokens[k]!.sentence === tokens[i]!.sentence; k--) if (words[k]) return words[k]!;
    return null;
  };
  const hasArticleBefore = (i: number): boolean => {
    const p = prevWord(i);
    return p !== null && p.lower === 'the' && /^\s+$/.test(text.slice(p.token.end, tokens[i]!.start));
  };
  const nextWordIndex = (i: number): number => {
    for (let k = i + 1; k < tokens.length && tokens[k]!.sentence === tokens[i]!.sentence; k++) {
      if (words[k]) return k;
      if (!/^['’‘ʿʾ`\-–]$/.test(tokens[k]!.text)) return -1;
    }
    return -1;
  };
  const hasLocativeBefore = (i: number): boolean => {
    // "into Jableh and Azaz": but "in Oceanside, and Colin" goes on with a person.
    if (coordinated(i)?.locative && !lexicon.firstNames.has(words[i]!.lower)) return true;
    const p = prevWord(i);
    if (!p) return false;
    if (lexicon.locatives.has(p.lower)) return true;
    // Phrases ("north of", "city of") only end in a few words; look further back only after one of them.
    if (!lexicon.locativePhraseEnds.has(p.lower)) return false;
    const before = text.slice(Math.max(0, tokens[i]!.start - 30), tokens[i]!.start).toLowerCase().replace(/\s+/g, ' ').trimEnd();
    return lexicon.locativePhrases.some((phrase) => before.endsWith(phrase));
  };

  const candidates: Candidate[] = [];
  // Name keys of lexicon.arabicNotPlaces, made when a text has a word in Arabic script.
  let arabicNotPlaces: Set<string> | undefined;
  /** The place just before word i in a list ("into Jableh and Azaz"): the places of a list share its cue. */
  const coordinated = (i: number): Candidate | null => {
    const last = candidates[candidates.length - 1];
    // ", and " is the longest gap: a longer one is never sliced (this runs for every capitalised word).
    if (!last || tokens[i]!.start - last.end > 12) return null;
    return COORDINATION.test(text.slice(last.end, tokens[i]!.start)) ? last : null;
  };
  // Names the gazetteer lacks before "and": places only if what follows is a known place (checked at the end).
  const beforeKnown = new Set<Candidate>();
  // Words seen as surnames in this text ("Jacob Zuma") are not places when they recur alone.
  const personNames = new Set<string>();
  // Lines written in title case, by their start offset: computed once a line.
  const titleCaseLines = new Map<number, boolean>();
  const push = (c: NewCandidate, i: number, j: number) => {
    const next = nextWordIndex(j);
    const head = next >= 0 ? headKind(lexicon, words[next]!.lower) : null;
    // "the Golan neighbourhood", "the Golan district": a part of a city is no country or region of that name.
    const partOfCity = next >= 0 && isSubPlaceHead(next);
    const entries = partOfCity ? c.entries.filter((e) => e.source !== 'country' && e.source !== 'region') : c.entries;
    candidates.push({
      start: c.start, end: c.end, text: text.slice(c.start, c.end), entries, match: c.match, kind: c.kind,
      locative: hasLocativeBefore(i), article: hasArticleBefore(i), head, container: null, anchor: null, rule: c.rule + (entries.length < c.entries.length ? '+part-of-city' : ''),
    });
  };
  /** A lower-case sub-place head right after the name: "the Jolan neighbourhood". */
  const isSubPlaceHead = (k: number): boolean => !words[k]!.capitalised && lexicon.subPlaceHeads.has(words[k]!.lower) &&
    /^ $/.test(text.slice(tokens[k - 1]!.end, tokens[k]!.start));

  for (let i = 0; i < tokens.length; i++) {
    const first = words[i];
    if (!first) continue;
    const leadingArticle = !first.capitalised && first.folded.length === 1 && lexicon.connectors.has(first.lower) &&
      /^[-–]$/.test(text.slice(first.token.end, first.token.end + 1));
    if (!first.capitalised && !leadingArticle) continue;
    const pushShort = (s: ShortName) => push({ start: first.token.start, end: s.end, entries: s.entries, match: 'acronym', kind: 'literal', rule: s.rule }, i, i);
    // "Mont." is Montana: an abbreviation written with its period comes before a name spelled without it (Mons).
    const dotted = text[first.coreEnd] === '.' ? shortName(i) : null;
    if (dotted && dotted.end > first.coreEnd) {
      pushShort(dotted);
      continue;
    }
    // "Abdul Wahab al-Saadi": a lower-case article after a capitalised word continues a person's name.
    if (leadingArticle && !hasLocativeBefore(i)) {
      const prev = prevWord(i);
      if (prev && prev.capitalised && /^ $/.test(text.slice(prev.token.end, first.token.start))) {
        const n = nextWordIndex(i);
        if (n >= 0) personNames.add(words[n]!.lower);
        continue;
      }
    }

    // Collect the run of words that may form one name.
    const run: number[] = [i];
    for (let k = i; run.length < gazetteer.maxWords;) {
      const n = nextWordIndex(k);
      if (n < 0) break;
      const gap = text.slice(words[k]!.token.end, words[n]!.token.start);
      if (!NAME_GAP.test(gap) || POSSESSIVE.test(words[k]!.token.text)) break;
      // Lower-case words go on only as connectors ("Ras al-Ayn"), numbers ("T-4") and feature heads ("Tiyas air base").
      if (!words[n]!.capitalised && !lexicon.connectors.has(words[n]!.lower) && !DIGITS.test(words[n]!.lower) && !lexicon.featureHeadWords.has(words[n]!.lower)) break;
      run.push(n);
      k = n;
    }

    // "Operation Olive Branch": a codename of several words names an operation, whatever places it
    // borrows; one place name alone is the operation's target ("Operation Fallujah").
    const before = prevWord(i);
    if (run.length > 1 && before && lexicon.operationTitles.has(before.lower) && /^ $/.test(text.slice(before.token.end, first.token.start))) {
      i = run.at(-1)!;
      continue;
    }

    // "An IS statement", "At Mosul": an English word before a name is part of it only where the
    // gazetteer writes the name with it ("As Sukhnah"), never by dropping it. The Arabic key, blind to
    // vowels and word breaks, is for names in Arabic: not after an English word ("The MoD" is not
    // Thamud), nor over acronyms ("A KBO" is not Akbou), nor over more words than names in Arabic have
    // ("Ras al-Ayn", "Qasr Ibn Wardan": a longer run is looked up as written only, which keeps the recogniser fast).
    const englishFirst = ENGLISH_ARTICLES.has(first.lower) && !/^[-–]/.test(text.slice(first.token.end, first.token.end + 1));
    const arabicFirst = !lexicon.commonWords.has(first.lower);
    const acronymAt = run.findIndex((k) => words[k]!.acronymLike);
    const beforeAcronym = acronymAt < 0 ? run.length : acronymAt;
    let matched = false;
    // The run's folded words end to end, and where each word's end: a prefix of it is the name tried.
    const runFolded: FoldedWord[] = [];
    const foldedEnds = run.map((k) => runFolded.push(...words[k]!.folded));
    for (let len = run.length; len >= 1 && !matched; len--) {
      const last = words[run[len - 1]!]!;
      if (!last.capitalised && !(len > 1 && lexicon.featureHeadWords.has(last.lower))) continue;
      // "As", "Al" before a name are its article, never a place of their own (Ås, Ål).
      if (len === 1 && run.length > 1 && first.folded.length === 1 && first.folded[0]!.article) break;
      const folded = len === run.length ? runFolded : runFolded.slice(0, foldedEnds[len - 1]);
      const englishWord = len > 1 && englishFirst;
      const match = gazetteer.byWords(folded, first.arabic ? IN_ARABIC_SCRIPT : { arabic: len <= beforeAcronym && folded.length <= 4 && arabicFirst && !englishWord });
      if (!match) continue;
      // "Al Jazeera" is the channel before it is Sudan's Gezira state.
      if (len > 1 && lexicon.notPlaces.has(run.slice(0, len).map((k) => words[k]!.lower).join(' '))) {
        i = run[len - 1]!;
        matched = true;
        break;
      }
      if (len > 1 && ALL_CAPS.test(last.token.text) && last.token.text.length <= 5 && !ALL_CAPS.test(first.token.text)) continue;
      if (ARTICLE_CONTINUES.test(text.slice(last.coreEnd, last.coreEnd + 12))) break;
      // A lone adjective of a country or region is a demonym first ("Canadian" is also a town in Texas).
      if (len === 1 && first.capitalised && gazetteer.demonym(first.token.text).length) break;
      if (len === 1 && !acceptSingleWord(i)) break;
      // "the Old City", "Green Zone": common words that name a small place somewhere are a description here.
      if (len > 1 && !acceptCommonPhrase(i, run.slice(0, len), match.entries)) continue;
      const rule = `${len > 1 ? 'name:multiword' : 'name:single'}${match.by === 'arabic' ? '+arabic-key' : ''}${partOf(i) ? '+sub-place' : ''}`;
      push({ start: first.token.start, end: last.coreEnd, entries: match.entries, match: 'name', kind: 'literal', rule }, i, run[len - 1]!);
      i = run[len - 1]!;
      matched = true;
    }
    if (matched) continue;

    const short = dotted ?? shortName(i);
    if (short) {
      pushShort(short);
      continue;
    }
    if (first.capitalised && !ALL_CAPS.test(first.token.text)) {
      // "Central American", "North African": a region's adjective of two words before a country's of one.
      const second = run.length > 1 ? run[1]! : -1;
      const pair = second >= 0 ? gazetteer.demonym(text.slice(first.token.start, words[second]!.token.end)) : [];
      if (pair.length) {
        push({ start: first.token.start, end: words[second]!.token.end, entries: pair, match: 'demonym', kind: 'demonym', rule: 'demonym' }, i, second);
        i = second;
        continue;
      }
      const demonym = gazetteer.demonym(first.token.text);
      if (demonym.length) {
        push({ start: first.token.start, end: first.token.end, entries: demonym, match: 'demonym', kind: 'demonym', rule: 'demonym' }, i, i);
        continue;
      }
    }
    // A capitalised name the gazetteer lacks, marked as a place by its head word ("Press Street")
    // or by a strong locative cue ("the village of Ayn Issa"): resolved later from context.
    const unknown = unknownPlace(i, run);
    if (unknown) {
      push(unknown.candidate, i, unknown.lastIndex);
      if (unknown.beforeKnown) beforeKnown.add(candidates[candidates.length - 1]!);
      i = unknown.lastIndex;
    }
  }
  const listed = candidates.filter((c, k) => {
    if (!beforeKnown.has(c)) return true;
    const next = candidates[k + 1];
    return next !== undefined && next.entries.length > 0 && next.match !== 'demonym' && COORDINATION.test(text.slice(c.end, next.start));
  });
  return mergeFeatureHeads(listed);

  /**
   * An exact-case short name at word i: an acronym or abbreviation ("US",
   * "Calif.", its period included), or a code that names a place only as the
   * container after "Place, " ("Portland, OR").
   */
  function shortName(i: number): ShortName | null {
    const w = words[i]!;
    const core = text.slice(w.token.start, w.coreEnd);
    // The tokenizer leaves the period of "Calif." apart; abbreviations are indexed with it.
    const spellings = text[w.coreEnd] === '.' && !core.endsWith('.') ? [`${core}.`, core] : [core];
    const numberBefore = /\d[ \t]*$/.test(text.slice(Math.max(0, w.token.start - 4), w.token.start));
    const last = candidates[candidates.length - 1];
    const afterPlace = last !== undefined && /^[ \t]*,[ \t]*$/.test(text.slice(last.end, w.token.start));
    for (const spelling of spellings) {
      if (numberBefore && lexicon.eras.has(spelling)) return null;
      const end = w.token.start + spelling.length;
      const entries = gazetteer.acronym(spelling);
      if (entries.length) return { entries, end, rule: 'acronym' };
      const container = afterPlace ? gazetteer.containerAcronym(spelling) : [];
      if (container.length) return { entries: container, end, rule: 'acronym:after-place' };
    }
    return null;
  }

  function acceptSingleWord(i: number): boolean {
    const w = words[i]!;
    const core = text.slice(w.token.start, w.coreEnd);
    if (lexicon.notPlaces.has(w.lower) || personNames.has(w.lower)) return false;
    // Short all-capital tokens are acronyms (IS, SDF, NATO), never names; longer ones are headline style (BEIRUT).
    if (ALL_CAPS.test(core) && core.length <= 5 && !(core.length >= 4 && isDateline(text, w.token))) return false;
    const entries = gazetteer.byWords(w.folded, w.arabic ? IN_ARABIC_SCRIPT : {})?.entries ?? [];
    // Without capitals to mark a name, a word in Arabic script is a place only when it names a country,
    // a seat of government or a town of 20,000 or more: Arabic words are names of small places somewhere.
    if (w.arabic) {
      arabicNotPlaces ??= new Set(lexicon.arabicNotPlaces.map((n) => normalize(n)));
      // The word as written and without its proclitics: "وإن" (and that) is also the Arabic name of Van.
      const written = tokens[i]!.text;
      if ([written, ...normalize.proclitics(written).map((r) => r.name)].some((n) => arabicNotPlaces!.has(normalize(n)))) return false;
      return entries.some((e) => e.source === 'country' || e.source === 'facility' || /^PPL(C|A2?)$/.test(e.featureCode) || e.population >= 20_000);
    }
    const isCountry = entries.some((e) => e.source === 'country' || e.source === 'region');
    // "seized Sake, 25 km west of Goma": an anchor cue after the name marks it as a place as well as a cue before it.
    const locative = hasLocativeBefore(i) || anchoredAfter(i, w.coreEnd) !== null;
    const prev = prevWord(i);
    const prevAdjacent = prev !== null && /^ $/.test(text.slice(prev.token.end, w.token.start));
    // "President Zuma", "Jacob Zuma": a title or first name before it makes a surname, here and in the rest of the text.
    if (prev && prevAdjacent && prev.capitalised && (lexicon.personTitles.has(prev.lower) || lexicon.firstNames.has(prev.lower))) {
      personNames.add(w.lower);
      return false;
    }
    const n = nextWordIndex(i);
    const next = n >= 0 ? words[n]! : null;
    const nextAdjacent = next !== null && / $/.test(text.slice(w.token.end, next.token.start));
    // "Jordan Peterson", "Paris Hilton": a first name followed by a capitalised word.
    if (next && nextAdjacent && next.capitalised && lexicon.firstNames.has(w.lower) && !locative) return false;
    if (lexicon.commonWords.has(w.lower)) {
      if (locative) return true;
      // Countries and big capitals keep their name at a sentence start ("China said", "Kiev has ordered");
      // other common-word names need a cue.
      return isCountry && !isSentenceInitial(tokens, i) || entries.some((e) => e.source === 'country' || isBigCapital(e));
    }
    // A facility listed under its name alone stands for nothing else (facilities.md).
    if (isCountry || locative || entries.some((e) => e.source === 'facility')) return true;
    // Short words found only among alternate names ("Chen" for Chenzhou) are more often surnames; a big
    // capital's old name ("Kiev") is not.
    const key = normalize.joinKeys(w.folded);
    if (core.length <= 4 && !entries.some((e) => normalize(e.name) === key || isBigCapital(e))) return false;
    // Between capitalised words ("Mohamed Salah Ghaly") a word is part of a name, not a place; "Eastern Aleppo" is a
    // part of a city, but "South Kilburn" the name of an estate (a small place after a modifier measured worse on GeoWebNews).
    const partOfCity = partOf(i) && entries.some((e) => e.population >= 100_000 || e.source === 'country' || e.source === 'admin1');
    if (prev && prevAdjacent && joinsName(prev, i) && !partOfCity) return false;
    // A lone word naming only villages is more often a surname than the village;
    // a first name ("Allen", "Austin") needs a big city to stand for a place without a cue.
    const biggest = entries.reduce((m, e) => Math.max(m, e.source === 'city' || e.source === 'admin2' || e.source === 'facility' || e.source === 'import' ? townSize(e) : 1e7), 0);
    if (lexicon.firstNames.has(w.lower)) return biggest >= 500_000 || entries.some((e) => e.source === 'admin1');
    return biggest >= 20_000 || entries.some((e) => e.source === 'admin1');
  }

  /**
   * Does the capitalised word before a name make them one longer name ("Mohamed Salah Ghaly")? Not at a
   * sentence start, nor after a connector, a possessive ("Syria's Afrin"), a demonym ("Kurdish Kirkuk
   * governor") or in a headline written in title case ("Convoy Allowed to Flee Manbij").
   */
  function joinsName(prev: Word, i: number): boolean {
    if (!prev.capitalised || isSentenceInitial(tokens, prevIndex(i)) || lexicon.connectors.has(prev.lower)) return false;
    if (POSSESSIVE.test(prev.token.text) || gazetteer.demonym(prev.token.text).length) return false;
    return !inTitleCaseLine(words[i]!.token);
  }

  function inTitleCaseLine(token: Token): boolean {
    const start = text.lastIndexOf('\n', token.start - 1) + 1;
    let titled = titleCaseLines.get(start);
    if (titled === undefined) {
      const end = text.indexOf('\n', token.start);
      titleCaseLines.set(start, (titled = isTitleCase(text.slice(start, end < 0 ? text.length : end))));
    }
    return titled;
  }

  function acceptCommonPhrase(i: number, run: number[], entries: readonly GazetteerEntry[]): boolean {
    if (!run.every((k) => lexicon.commonWords.has(words[k]!.lower))) return true;
    const prev = prevWord(i);
    if (!prev || !/^(the|its|their|his|her|our|a|an)$/.test(prev.lower)) return true;
    return entries.some((e) => e.source === 'country' || e.source === 'region' || e.source === 'admin1' || e.population >= 100_000);
  }

  /** "east Mosul", "Eastern Aleppo", "the Old Mosul": a word before the name makes it a part of the place named. */
  function partOf(i: number): boolean {
    const prev = prevWord(i);
    return prev !== null && /^ $/.test(text.slice(prev.token.end, words[i]!.token.start)) && lexicon.subPlaceModifiers.has(prev.lower);
  }

  function prevIndex(i: number): number {
    for (let k = i - 1; k >= 0; k--) if (words[k]) return k;
    return i;
  }

  function unknownPlace(i: number, run: number[]): { candidate: NewCandidate; lastIndex: number; beforeKnown?: boolean } | null {
    const w = words[i]!;
    // "the al-Zanjili district": a hyphenated article may start the name.
    const article = !w.capitalised && lexicon.connectors.has(w.lower) && /^[-–]$/.test(text.slice(w.token.end, w.token.end + 1));
    if (!(w.capitalised || article) || lexicon.notPlaces.has(w.lower) || ALL_CAPS.test(w.token.text)) return null;
    // "Khirbet Jaddala and Tall Hassan", "Bartella on Monday": a name the gazetteer lacks never runs over "and" or "on".
    const stop = run.findIndex((k, n) => n > 0 && (words[k]!.lower === 'and' || words[k]!.lower === 'on'));
    const capitalisedRun = run.slice(0, stop < 0 ? run.length : stop).filter((k) => words[k]!.capitalised || lexicon.connectors.has(words[k]!.lower));
    while (capitalisedRun.length > 1 && !words[capitalisedRun[capitalisedRun.length - 1]!]!.capitalised) capitalisedRun.pop();
    for (let len = capitalisedRun.length; len >= 2; len--) {
      const head = words[capitalisedRun[len - 1]!]!;
      if (lexicon.featureHeads.has(head.lower) && !lexicon.commonWords.has(w.lower)) {
        return { candidate: { start: w.token.start, end: head.coreEnd, entries: [], match: 'feature', kind: 'literal', rule: 'feature-head' }, lastIndex: capitalisedRun[len - 1]! };
      }
    }
    // A common word starts a name only inside a sentence and before another capitalised word ("attacked Tell Ghazal").
    if (!article && (lexicon.firstNames.has(w.lower) || lexicon.commonWords.has(w.lower) && (capitalisedRun.length < 2 || isSentenceInitial(tokens, i)))) return null;
    const lastIndex = capitalisedRun[capitalisedRun.length - 1]!;
    const last = words[lastIndex]!;
    if (!last.capitalised) return null;
    const prev = prevWord(i);
    // After a capitalised word the name began before, and was not taken ("Sunni Muslim city").
    if (prev && prev.capitalised && /^ $/.test(text.slice(prev.token.end, w.token.start)) && !isSentenceInitial(tokens, prevIndex(i))) return null;
    const strongCue = prev && ['near', 'outside', 'of'].includes(prev.lower) && hasLocativeBefore(i);
    const after = nextWordIndex(lastIndex);
    const rule = strongCue ? 'locative-cue' : anchoredAfter(i, last.coreEnd) ? 'anchor-cue' : after >= 0 && isSubPlaceHead(after) ? 'sub-place-head' : null;
    const candidate = (rule: string): NewCandidate => ({ start: w.token.start, end: last.coreEnd, entries: [], match: 'cue', kind: 'literal', rule });
    if (rule) return { candidate: candidate(rule), lastIndex };
    // A list of places after a cue: "into Erbil and Bartella", "from Humayma and As Sukhnah".
    const sibling = coordinated(i);
    if (sibling && sibling.locative && sibling.entries.length) return { candidate: candidate('coordination'), lastIndex };
    if (hasLocativeBefore(i) && /^(?:[ \t]*,)?[ \t]+(?:and|or)[ \t]+\p{Lu}/u.test(text.slice(last.coreEnd, last.coreEnd + 8))) {
      return { candidate: candidate('coordination'), lastIndex, beforeKnown: true };
    }
    return null;
  }

  /**
   * The anchor cue that marks the name from word i to `end` as a place: before
   * one of the next few capitalised words ("Bashiqa, 20 km northeast of Mosul",
   * "Bartella, a Christian town east of Mosul"), and set apart by a comma,
   * measured or naming a part, so that a person "near Mosul" stays a person.
   */
  function anchoredAfter(i: number, end: number): ReturnType<typeof anchorCue> {
    // "a Sunni Muslim city 40 miles west of Baghdad": after "a", capitals describe rather than name.
    const prev = prevWord(i);
    if (prev && (prev.lower === 'a' || prev.lower === 'an')) return null;
    const window = text.slice(end, end + 80);
    for (const capital of window.matchAll(/(?<![\p{L}\p{N}])\p{Lu}/gu)) {
      const gap = window.slice(0, capital.index);
      const cue = anchorCue(gap, lexicon.anchorCues);
      if (cue) return cue.km > 0 || cue.partOf || gap.includes(',') ? cue : null;
    }
    return null;
  }

  /** "Mosul Dam", "Tabqa Airport": a known name followed by a feature head becomes one feature placed by that name. */
  function mergeFeatureHeads(found: Candidate[]): Candidate[] {
    return found.map((c) => {
      if (c.match !== 'name') return c;
      const m = /^[ \t]+(\p{Lu}[\p{L}]+)/u.exec(text.slice(c.end, c.end + 24));
      if (!m || !lexicon.featureHeads.has(m[1]!.toLowerCase()) || headKind(lexicon, m[1]!) !== null) return c;
      const end = c.end + m[0].length;
      return { ...c, end, text: text.slice(c.start, end), match: 'feature', rule: 'name+feature-head' };
    });
  }
}

/** "Al-Hasakah (Hasakah)": a bracketed name that can be the same place says it again; it holds nothing. */
function isRestatement(c: Candidate, bracketed: Candidate): boolean {
  return c.entries.some((e) => bracketed.entries.includes(e));
}

/**
 * Links "X, Y" and "X (Y)" pairs: Y is the container of X ("Sinjar, Nineveh"); and "the English city
 * of X", "the Iraqi border town of X": the demonym's country or region contains X.
 * Returns new candidates; the input is not changed.
 */
export function linkContainers(text: string, candidates: readonly Candidate[], lexicon: GeoLexicon): Candidate[] {
  return candidates.map((c, i) => {
    if (c.match === 'demonym') return c;
    const prev = candidates[i - 1];
    if (prev?.match === 'demonym' && isSettlementOf(text.slice(prev.end, c.start), lexicon)) return { ...c, container: i - 1 };
    const next = candidates[i + 1];
    if (!next || next.match === 'demonym') return c;
    const gap = text.slice(c.end, next.start);
    if (/^\s*,\s*$/.test(gap) || (/^\s*\(\s*$/.test(gap) && !isRestatement(c, next))) return { ...c, container: i + 1 };
    return c;
  });
}

/** " city of ", " border town of the ": a settlement or admin head, perhaps after one word, then "of". */
function isSettlementOf(gap: string, lexicon: GeoLexicon): boolean {
  const m = /^\s+(?:[\p{Ll}-]+\s+)?(\p{Ll}+)\s+of\s+(?:the\s+)?$/u.exec(gap);
  return m !== null && headKind(lexicon, m[1]!) !== null;
}
