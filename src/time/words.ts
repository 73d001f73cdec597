/**
 * The English words the time parsers read. These are grammar, not domain
 * lexicon (chrono keeps its own in `locales/en/constants`), so they live with
 * the code that uses them; the context words around a date are data, in
 * resources/time-cues.json.
 */

export const MONTHS: Readonly<Record<string, number>> = {
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8,
  september: 9, october: 10, november: 11, december: 12,
};

const MONTH_ABBREVIATIONS: Readonly<Record<string, number>> = {
  jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};

/** Full month names only: a bare "Mar" or "Jun" is too often something else. */
export const MONTH_NAME = `(${Object.keys(MONTHS).join('|')})`;

/** Full names or abbreviations (with an optional dot), for use next to a number. */
export const MONTH_NAME_OR_ABBREVIATION = `(${[...Object.keys(MONTHS), ...Object.keys(MONTH_ABBREVIATIONS)].join('|')})\\.?`;

export function monthNumber(name: string): number {
  const key = name.toLowerCase().replace(/\.$/, '');
  const month = MONTHS[key] ?? MONTH_ABBREVIATIONS[key];
  if (month === undefined) throw new Error(`Not a month name: ${name}`);
  return month;
}

/** A four-digit year in the range news talks about; other four-digit numbers are counts or codes. */
export const YEAR = '((?:19|20)\\d\\d)';

export const DAY_OF_MONTH = '(\\d{1,2})(?:st|nd|rd|th)?';

const COUNT_WORDS: Readonly<Record<string, number>> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9,
  ten: 10, eleven: 11, twelve: 12,
  // Vague counts take a fixed, documented value: "the past few days" = 3 days.
  couple: 2, 'a couple of': 2, 'couple of': 2, few: 3, 'a few': 3, several: 5,
};

export const COUNT = `(${Object.keys(COUNT_WORDS).sort((a, b) => b.length - a.length).join('|')}|\\d{1,2})`;

export function countValue(word: string): number {
  const normal = word.toLowerCase().replace(/\s+/g, ' ');
  return COUNT_WORDS[normal] ?? Number(normal);
}

/**
 * A count of units "later"/"earlier"/"afterwards", or "after"/"before" with no anchor after it
 * ("two weeks later", "three days after."): it counts from the event told before it, not from the
 * report. Groups: count, unit, direction.
 */
export const SHIFT_PHRASE = `${COUNT}\\s+(days?|weeks?|months?|years?)\\s+(later|afterwards?|earlier|after|before)`;

/**
 * Whether the words after a shift phrase leave it unanchored: "after"/"before" need a clause or
 * sentence end (else "a week after the vote" names its anchor); "later than planned" is a delay.
 */
export function isUnanchoredShift(direction: string, following: string): boolean {
  if (/^(?:after|before)$/i.test(direction)) return /^\s*(?:$|[,.;:!?)\u2013\u2014])/.test(following);
  return !/^\s*than\b/i.test(following);
}
