import type { Chrono, ParsedResult, Parser } from 'chrono-node';

/**
 * The kinds of word no date expression does without: a digit ("2017",
 * "10/07"), a month, weekday or day name ("June", "Fri", "today"), or a time
 * unit ("weeks", "morning", "2 hrs", "last winter").
 */
export type DateCue = 'digit' | 'name' | 'unit';

/** A parser that says which cues a sentence must hold (any one of them) for it to match. */
export type CuedParser = Parser & { needs: readonly DateCue[] };

// The words of chrono's English dictionaries (locales/en/constants), a superset of Corridor's own.
// Chrono bounds names by (\W|^) before and \W after; a digit may follow a month ("june5").
const NAMES = [
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
  'mon', 'tue', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun', 'weekend', 'weekday',
  'now', 'today', 'tonight', 'tomorrow', 'overmorrow', 'tmr', 'tmrw', 'yesterday',
];
// Chrono lets a count run into its unit ("fewdays"), so unit words need no boundary before them.
const UNITS = [
  'seconds?', 'minutes?', 'hours?', 'days?', 'weeks?', 'months?', 'quarters?', 'years?',
  'morning', 'afternoon', 'evening', 'night', 'midnight', 'midday', 'noon',
];
// One-letter and short units count only after a number or a count word ("2 h", "a few hrs", "last yr").
const SHORT_UNITS = '[smhdwy]|sec|mins?|hrs?|mos?|mon|qtr|yrs?';
const COUNTS = 'an?\\b|few|several|half|couple|of|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|this|last|past|next';

const CUE_PATTERNS: Readonly<Record<DateCue, RegExp>> = {
  digit: /\d/,
  name: new RegExp(`\\b(?:${NAMES.join('|')})(?![a-z])`, 'i'),
  unit: new RegExp([
    `(?:${UNITS.join('|')})(?![a-z])`,
    `(?:\\d|\\b(?:${COUNTS}))\\s*(?:${SHORT_UNITS})(?![a-z])`,
    '\\b(?:this|last)\\s+(?:spring|summer|autumn|winter)(?![a-z])',
  ].join('|'), 'i'),
};

const CUE_BITS: Readonly<Record<DateCue, number>> = { digit: 1, name: 2, unit: 4 };
const ALL_CUES = 7;

/** What each of chrono's English parsers cannot match without, by class name. */
const CHRONO_PARSER_NEEDS: Readonly<Record<string, readonly DateCue[]>> = {
  ISOFormatParser: ['digit'],
  ENYearMonthDayParser: ['digit'],
  SlashDateFormatParser: ['digit'],
  ENSlashMonthFormatParser: ['digit'],
  ENTimeExpressionParser: ['digit'],
  ENYearMonthNameParser: ['name'],
  ENMonthNameLittleEndianParser: ['name'],
  ENMonthNameMiddleEndianParser: ['name'],
  ENMonthNameParser: ['name'],
  ENWeekdayParser: ['name'],
  // "today", or "last night".
  ENCasualDateParser: ['name', 'unit'],
  ENCasualTimeParser: ['unit'],
  ENEndOfCurrentMonthParser: ['unit'],
  ENRelativeDateFormatParser: ['unit'],
  ENTimeUnitWithinFormatParser: ['unit'],
  ENTimeUnitAgoFormatParser: ['unit'],
  ENTimeUnitLaterFormatParser: ['unit'],
  ENTimeUnitCasualRelativeFormatParser: ['unit'],
};

function needsOf(parser: Parser): readonly DateCue[] {
  if ('needs' in parser) return (parser as CuedParser).needs;
  const name = parser.constructor.name;
  const needs = CHRONO_PARSER_NEEDS[name];
  // A parser chrono adds in a new version could match where the prefilter sees no cue.
  if (!needs) throw new Error(`times: chrono parser ${name} has no cue list in src/time/prefilter.ts; add one`);
  return needs;
}

function cuesIn(sentence: string): number {
  let mask = 0;
  for (const cue of ['digit', 'name', 'unit'] as const) if (CUE_PATTERNS[cue].test(sentence)) mask |= CUE_BITS[cue];
  return mask;
}

/** Parses one sentence against a reference instant. */
export type SentenceParser = (sentence: string, reference: Date) => ParsedResult[];

/**
 * Runs a chrono configuration on a sentence with only the parsers whose cue
 * words the sentence holds; a sentence without any cue is not parsed at all.
 * Most sentences of a news text hold no date, and a parser without its cue
 * cannot match, so the results are those of the whole configuration.
 * Refiners all run, in their order.
 *
 * @example
 * const parse = prefiltered(createTimeParser(cues));
 * parse('The convoy left on Monday.', reference) // only the name parsers run
 * parse('The convoy left.', reference)           // => [] without running chrono
 */
export function prefiltered(parser: Chrono): SentenceParser {
  const byCues: Chrono[] = [];
  for (let mask = 1; mask <= ALL_CUES; mask++) {
    const subset = parser.clone();
    subset.parsers = parser.parsers.filter((p) => needsOf(p).some((cue) => (mask & CUE_BITS[cue]) !== 0));
    byCues[mask] = subset;
  }
  return (sentence, reference) => {
    const mask = cuesIn(sentence);
    return mask === 0 ? [] : byCues[mask]!.parse(sentence, reference);
  };
}
