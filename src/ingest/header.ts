import * as chrono from 'chrono-node';
import { z } from 'zod';
import { readJsonResource, resourcePath } from '../resources.js';
import type { Span } from '../types.js';
import { ambiguousNumeric, fromChrono, REFERENCE } from './dates.js';

/**
 * How the publication date was written, best first: after a publication cue
 * ("Published Oct 18, 2017"), in a dateline ("BEIRUT, Oct. 17, 2017 (Reuters) -"),
 * alone on a line or after a byline ("October 17, 2017 at 7:13 AM"), after an
 * update cue ("Updated: 4 September 2017"), which is used only when nothing else is.
 */
export type HeaderDateRule = 'published-cue' | 'dateline' | 'date-line' | 'updated-cue';
const RULE_ORDER: readonly HeaderDateRule[] = ['published-cue', 'dateline', 'date-line', 'updated-cue'];

export interface HeaderDate extends Span {
  /** ISO date, or date-time when a time was written. */
  publishedAt: string;
  rule: HeaderDateRule;
}

/** The place a dateline opens the story with ("ERBIL, Kurdistan Region —"), and the agency it names. */
export interface Dateline extends Span {
  place: string;
  agency: string | null;
}

export interface TextHeader {
  date: HeaderDate | null;
  dateline: Dateline | null;
  /** Numeric dates of the header that read day-first and month-first (03/04/2017), so were not used. */
  ambiguous: Span[];
}

/**
 * The header is the first non-blank lines: headline, standfirst, byline,
 * dateline. In the 85 reports of the real-news development set every written
 * publication date and dateline sits in the first three non-blank lines,
 * starting before character 250; the bounds leave room for a byline and a
 * longer standfirst. Dates further down are what the story tells.
 */
const HEADER_LINES = 6;
const HEADER_CHARS = 600;

const cuesSchema = z.object({
  $comment: z.string().optional(),
  published: z.array(z.string().trim().min(1)).min(1),
  updated: z.array(z.string().trim().min(1)).min(1),
  notPlaces: z.array(z.string().trim().min(1)),
}).strict();

/** The cue words of resources/date-cues.json, compiled. */
export interface DateCues {
  /** Matches the text before a date when it ends in a publication cue ("| Published on:"). */
  published: RegExp;
  /** The same for an update cue ("Last updated"). */
  updated: RegExp;
  /** Matches the text after a date when another cue follows ("| Updated ..."). */
  nextCue: RegExp;
  /** Matches a dateline place that is a label ("Update", "Analysis"). */
  notPlace: RegExp;
}

/** One alternation of the phrases: escaped, a space as any run of spaces. */
function alternation(phrases: readonly string[]): string {
  return phrases.map((phrase) => phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+')).join('|');
}

// Separators and an optional byline ("By Jane Doe |") may stand before a date or its cue.
const LEAD = String.raw`^[\s|·•,;/–—-]*(?:by\s+[^|·•–—\n]{1,60}?\s*[|·•–—,-][\s|·•,;/–—-]*)?`;
const BARE = new RegExp(`${LEAD}$`, 'iu');
// What may follow a date on a header line: nothing, an agency in brackets, a separator, a byline or a time.
const TAIL = /^\s*(?:$|[([|·•,;–—-]|by\s|\d{1,2}[:.]\d{2})/i;

/**
 * Loads the header cue words (default `resources/date-cues.json`, format in
 * `resources/date-cues.md`). Throws one line naming the file and the first problem.
 */
export function loadDateCues(path?: string): DateCues {
  const file = path ?? resourcePath('date-cues.json');
  const parsed = cuesSchema.safeParse(readJsonResource<unknown>('date-cues.json', file));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${file}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const { published, updated, notPlaces } = parsed.data;
  const cue = (phrases: readonly string[]) => new RegExp(`${LEAD}(?:${alternation(phrases)})\\s*(?:on\\b)?\\s*:?\\s*$`, 'iu');
  return {
    published: cue(published),
    updated: cue(updated),
    nextCue: new RegExp(`^[\\s|·•,;–—-]*(?:${alternation([...published, ...updated])})\\b`, 'i'),
    // "Published Oct 18, 2017" opens like "MOSUL, Oct 18, 2017": a cue is not a place either.
    notPlace: new RegExp(`^(?:${alternation([...notPlaces, ...published, ...updated])})$`, 'i'),
  };
}

let bundled: DateCues | null = null;
/** The bundled cue words, read on first use: every reader of documents needs them, and they never change. */
function bundledCues(): DateCues {
  return (bundled ??= loadDateCues());
}

/** A date chrono found on a header line (offsets into the line). */
interface LineDate extends Span {
  /** Null for a partial date ("Oct 5") or an ambiguous one (03/04/2017). */
  publishedAt: string | null;
  ambiguous: boolean;
}

/**
 * Reads the header of a normalised text: the publication date written there
 * and the dateline. Dates inside running sentences and below the header are
 * not publication dates ("On June 10, 2014, IS seized Mosul"); when the header
 * gives both, "Published" wins over "Updated". Offsets index `text`.
 *
 * @example
 * readHeader('Title\n\nBEIRUT, Oct. 17, 2017 (Reuters) - Fighters left.')
 * // {date: {publishedAt: '2017-10-17', rule: 'dateline', start: 15, end: 28},
 * //  dateline: {place: 'BEIRUT', agency: 'Reuters', start: 7, end: 13}, ambiguous: []}
 */
export function readHeader(text: string, cues: DateCues = bundledCues()): TextHeader {
  const candidates: HeaderDate[] = [];
  const ambiguous: Span[] = [];
  let dateline: Dateline | null = null;
  for (const { line, offset } of headerLines(text)) {
    const dates = lineDates(line);
    for (const date of dates) if (date.ambiguous) ambiguous.push({ start: offset + date.start, end: offset + date.end });
    const found = readDateline(line, dates, cues);
    if (found && !dateline) dateline = { place: found.place, agency: found.agency, start: offset, end: offset + found.place.length };
    dates.forEach((date, i) => {
      if (!date.publishedAt) return;
      const rule = date === found?.date ? 'dateline' : ruleOf(line.slice(dates[i - 1]?.end ?? 0, date.start), line.slice(date.end, dates[i + 1]?.start ?? line.length), cues);
      if (rule) candidates.push({ publishedAt: date.publishedAt, rule, start: offset + date.start, end: offset + date.end });
    });
  }
  const rank = (date: HeaderDate) => RULE_ORDER.indexOf(date.rule);
  const [date = null] = candidates.sort((a, b) => rank(a) - rank(b) || a.start - b.start);
  return { date, dateline, ambiguous };
}

function* headerLines(text: string): Generator<{ line: string; offset: number }> {
  let offset = 0;
  let count = 0;
  for (const line of text.split('\n')) {
    if (offset >= HEADER_CHARS || count >= HEADER_LINES) return;
    const indent = line.length - line.trimStart().length;
    // A line's leading blanks (an indent, the blank a byte-order mark leaves) are not part of what opens it.
    if (indent < line.length) {
      count++;
      yield { line: line.slice(indent), offset: offset + indent };
    }
    offset += line.length + 1;
  }
}

function lineDates(line: string): LineDate[] {
  return chrono.strict.parse(line, REFERENCE).map((result) => {
    // chrono keeps the "on" of "Posted on Tuesday, 17 October"; the date starts after it.
    const on = /^on\s+/i.exec(result.text)?.[0].length ?? 0;
    const ambiguous = ambiguousNumeric(result.text);
    return { start: result.index + on, end: result.index + result.text.length, publishedAt: ambiguous ? null : fromChrono(result.start), ambiguous };
  });
}

/** How a date not in a dateline was written, from the text before and after it on its line; null inside a sentence. */
function ruleOf(before: string, after: string, cues: DateCues): HeaderDateRule | null {
  if (!TAIL.test(after) && !cues.nextCue.test(after)) return null;
  if (cues.published.test(before)) return 'published-cue';
  if (cues.updated.test(before)) return 'updated-cue';
  return BARE.test(before) ? 'date-line' : null;
}

// A dateline opens a line with up to three comma-separated place names of capitalised words
// ("ERBIL, Kurdistan Region", "Goma, North Kivu Province, DRC", "Tall 'Afar").
const PLACE_WORD = String.raw`[\p{Lu}'’][\p{L}\p{M}'’.-]*`;
const PLACE_NAME = String.raw`${PLACE_WORD}(?: (?:${PLACE_WORD}|al|el|ad|as|de|du|la|le|of)){0,3}`;
const PLACE_LIST = new RegExp(String.raw`^${PLACE_NAME}(?:,\s*${PLACE_NAME}){0,2}`, 'u');
const ROUND_BRACKET = /^,?\s*\(([^()\n]{1,80})\)/;
const SQUARE_BRACKET = /^,?\s*\[[^\]\n]{1,40}\]/;
const SEPARATOR = /^\s*(?:—|–|--|-|:)(?=\s|$)/;
const LINE_END = /^\s*$/;
const ALL_CAPS = /^\p{Lu}{3,}(?![\p{Ll}])/u;
/** Agency names longer than this are text in brackets, not an agency. */
const MAX_AGENCY = 60;

/**
 * The dateline a header line opens with: a place, then any of an agency in
 * brackets, a country in square brackets and a date, then a dash, a colon,
 * the line's end or (after a bracket holding the date) the story. A line
 * such as "Iraq: forces retake Hawija" is a headline, so a place counts only
 * with a date, a capitalised place with an agency or a dash before the
 * story ("TEHRAN (Tasnim) –"), or a dash or colon opening a long line that
 * ends like a sentence ("Zakho, Iraq: Traders crossed ...").
 */
function readDateline(line: string, dates: readonly LineDate[], cues: DateCues): { place: string; agency: string | null; date: LineDate | null } | null {
  const list = PLACE_LIST.exec(line);
  // A line opening with a date ("Tuesday, Oct 17, 2017 -") names no place.
  if (!list || dates[0]?.start === 0) return null;
  // "WASHINGTON, Aug. 16, 2016": the place list stops where a date starts.
  const inside = dates.find((d) => d.start > 0 && d.start < list[0].length);
  const place = line.slice(0, inside ? inside.start : list[0].length).replace(/[\s,]+$/, '');
  if (!place || cues.notPlace.test(place)) return null;

  let at = place.length;
  let agency: string | null = null;
  let date: LineDate | null = null;
  let dateInBracket = false;
  for (let step = 0; step < 4; step++) {
    const rest = line.slice(at);
    const bracket = ROUND_BRACKET.exec(rest);
    if (bracket) {
      const open = at + bracket[0].length - bracket[1]!.length - 1;
      const held = dates.find((d) => d.start > open && d.end <= at + bracket[0].length);
      // "(UrduPoint News / Sputnik - 10th August, 2019)": the agency is what stands before the date.
      agency = (held ? line.slice(open, held.start) : bracket[1]!).replace(/[\s,–—-]+$/, '').trim() || agency;
      if (held) [date, dateInBracket] = [held, true];
      at += bracket[0].length;
      continue;
    }
    const square = SQUARE_BRACKET.exec(rest);
    if (square) {
      at += square[0].length;
      continue;
    }
    const gap = /^,?\s*/.exec(rest)![0].length;
    const next = dates.find((d) => d.start === at + gap);
    if (!next || date) break;
    date = next;
    at = next.end;
  }
  const rest = line.slice(at);
  const separated = SEPARATOR.test(rest);
  const ends = separated || LINE_END.test(rest) || (dateInBracket && /^\s+\S/.test(rest));
  const bodyLine = line.length >= 80 && /[.!?"”’]\s*$/.test(line);
  // A line in capitals throughout ("DEMO MONITOR - WEEKLY BULLETIN") is a headline, not a dateline and its story.
  const capitalPlace = ALL_CAPS.test(place) && /\p{Ll}/u.test(rest);
  const evidence = date !== null || (capitalPlace && (agency !== null || separated)) || (separated && bodyLine);
  if (!ends || !evidence) return null;
  return { place, agency: agency && agency.length <= MAX_AGENCY ? agency : null, date };
}
