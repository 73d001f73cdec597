import type { ParsingContext, ParsingComponents, ParsingResult } from 'chrono-node';
import type { TimePrecision } from '../types.js';
import {
  addDays, addMonths, daysBetween, daysInMonth, fromReferenceInstant, isValidDay, startOfWeek, type CalendarDay,
} from './calendar.js';
import type { CuedParser, DateCue } from './prefilter.js';
import {
  COUNT, DAY_OF_MONTH, MONTH_NAME, MONTH_NAME_OR_ABBREVIATION, YEAR, countValue, monthNumber,
} from './words.js';

/**
 * Corridor's own chrono parsers: the period expressions conflict reporting is
 * full of and chrono does not read ("late June", "last week", "the past few
 * days", "in 2014"). Each is `pattern()` + `extract()`, like chrono's.
 *
 * Results carry tags the stage reads back:
 * - `corridor/precision/<p>`: the precision of the whole period;
 * - `corridor/relative`: the period was computed from the reference date.
 */

export const PRECISION_TAG = 'corridor/precision/';
export const RELATIVE_TAG = 'corridor/relative';

const WORD_CHARACTER = /[\p{L}\p{N}]/u;

/** A date given as known (`stated`) and implied parts, like chrono's assign/imply. */
interface DateParts {
  year: number;
  month: number;
  day: number;
  /** Which of year/month/day the text states; the rest are implied. */
  stated: ReadonlyArray<'year' | 'month' | 'day'>;
}

function toComponents(context: ParsingContext, parts: DateParts): ParsingComponents {
  const components = context.createParsingComponents({});
  for (const unit of ['year', 'month', 'day'] as const) {
    if (parts.stated.includes(unit)) components.assign(unit, parts[unit]);
    else components.imply(unit, parts[unit]);
  }
  return components;
}

interface Period {
  from: DateParts;
  to: DateParts;
  precision: TimePrecision;
  relative?: boolean;
}

/**
 * A parser whose match must start and end at word boundaries. The boundary is
 * checked against the whole text: chrono runs patterns on the text remaining
 * after the previous match, where a lookbehind would see nothing.
 */
function periodParser(
  name: string,
  needs: readonly DateCue[],
  source: string,
  read: (match: RegExpMatchArray, reference: CalendarDay) => Period | null,
): CuedParser {
  const pattern = new RegExp(source, 'i');
  return {
    needs,
    pattern: () => pattern,
    extract(context: ParsingContext, match: RegExpMatchArray): ParsingResult | null {
      const index = match.index ?? 0;
      const end = index + match[0].length;
      if (index > 0 && WORD_CHARACTER.test(context.text[index - 1]!)) return null;
      if (end < context.text.length && WORD_CHARACTER.test(context.text[end]!)) return null;
      const period = read(match, fromReferenceInstant(context.refDate));
      if (!period) return null;
      const result = context.createParsingResult(index, match[0], toComponents(context, period.from), toComponents(context, period.to));
      result.addTag(`parser/corridor/${name}`);
      result.addTag(PRECISION_TAG + period.precision);
      if (period.relative) result.addTag(RELATIVE_TAG);
      return result;
    },
  };
}

const IMPLIED: DateParts['stated'] = [];
const implied = (d: CalendarDay): DateParts => ({ ...d, stated: IMPLIED });

/** The precision of a vague window, by its width: up to ten days reads as "week". */
function precisionOfWidth(from: CalendarDay, to: CalendarDay): TimePrecision {
  const days = daysBetween(from, to);
  if (days < 1) return 'day';
  if (days <= 10) return 'week';
  if (days <= 31) return 'month';
  return 'year';
}

/** Days of the month covered by "early", "mid", "late", "the end of"... */
function partOfMonth(qualifier: string, year: number, month: number): [number, number] {
  const q = qualifier.toLowerCase().replace(/\s+/g, ' ');
  if (/^(early|the (beginning|start) of)$/.test(q)) return [1, 10];
  if (/^(mid|the middle of)$/.test(q)) return [11, 20];
  if (/first half of$/.test(q)) return [1, 15];
  if (/(second|last) half of$/.test(q)) return [16, daysInMonth(year, month)];
  return [21, daysInMonth(year, month)];
}

/** Months covered by "early 2016", "mid-2016", "late 2016". */
function partOfYear(qualifier: string): [number, number] {
  const q = qualifier.toLowerCase().replace(/\s+/g, ' ');
  if (/^(early|the (beginning|start) of)$/.test(q)) return [1, 4];
  if (/^(mid|the middle of)$/.test(q)) return [5, 8];
  if (/first half of$/.test(q)) return [1, 6];
  if (/(second|last) half of$/.test(q)) return [7, 12];
  return [9, 12];
}

const PART_QUALIFIER = '(early|mid|late|the\\s+(?:beginning|start|middle|end)\\s+of|the\\s+(?:first|second|last)\\s+half\\s+of)';

/** "late June", "mid-July", "early August 2014", "the end of June": ten-day thirds of a month. */
const partOfMonthParser = periodParser(
  'part-of-month',
  ['name'],
  `${PART_QUALIFIER}[\\s-]+${MONTH_NAME}(?:,?\\s+${YEAR})?`,
  (m, reference) => {
    const month = monthNumber(m[2]!);
    // Without a year, the reference year; the past-date refiner moves it back if that lies ahead.
    const year = m[3] ? Number(m[3]) : reference.year;
    const stated: DateParts['stated'] = m[3] ? ['year', 'month'] : ['month'];
    const [first, last] = partOfMonth(m[1]!, year, month);
    return {
      from: { year, month, day: first, stated },
      to: { year, month, day: last, stated },
      precision: precisionOfWidth({ year, month, day: first }, { year, month, day: last }),
    };
  },
);

/** "late 2016", "mid-2017", "the beginning of 2015": thirds (or halves) of a year. */
const partOfYearParser = periodParser(
  'part-of-year',
  ['digit'],
  `${PART_QUALIFIER}[\\s-]+${YEAR}`,
  (m) => {
    const year = Number(m[2]);
    const [first, last] = partOfYear(m[1]!);
    return {
      from: { year, month: first, day: 1, stated: ['year'] },
      to: { year, month: last, day: daysInMonth(year, last), stated: ['year'] },
      precision: 'year',
    };
  },
);

/** "July 10/2017", "July 10 / 2017": a headline style chrono misreads when spaced. */
const monthDaySlashYearParser = periodParser(
  'month-day-slash-year',
  ['name'],
  `${MONTH_NAME_OR_ABBREVIATION}\\s+${DAY_OF_MONTH}\\s*/\\s*(\\d{4}|\\d{2})`,
  (m) => {
    const month = monthNumber(m[1]!);
    const day = Number(m[2]);
    const year = m[3]!.length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
    if (!isValidDay(year, month, day)) return null;
    const date: DateParts = { year, month, day, stated: ['year', 'month', 'day'] };
    return { from: date, to: date, precision: 'day' };
  },
);

/** "between 20 and 31 August (2017)": chrono only sees "31 August". */
const betweenDaysMonthParser = periodParser(
  'between-days-month',
  ['name'],
  `between\\s+(?:the\\s+)?${DAY_OF_MONTH}\\s+and\\s+(?:the\\s+)?${DAY_OF_MONTH}\\s+(?:of\\s+)?${MONTH_NAME_OR_ABBREVIATION}(?:,?\\s+${YEAR})?`,
  (m, reference) => dayRange(Number(m[1]), Number(m[2]), monthNumber(m[3]!), m[4], reference),
);

/** "between August 20 and 31 (, 2017)". */
const betweenMonthDaysParser = periodParser(
  'between-month-days',
  ['name'],
  `between\\s+${MONTH_NAME_OR_ABBREVIATION}\\s+${DAY_OF_MONTH}\\s+and\\s+${DAY_OF_MONTH}(?:,?\\s+${YEAR})?`,
  (m, reference) => dayRange(Number(m[2]), Number(m[3]), monthNumber(m[1]!), m[4], reference),
);

function dayRange(first: number, last: number, month: number, yearText: string | undefined, reference: CalendarDay): Period | null {
  const year = yearText ? Number(yearText) : reference.year;
  if (!isValidDay(year, month, first) || !isValidDay(year, month, last) || last <= first) return null;
  const stated: DateParts['stated'] = yearText ? ['year', 'month', 'day'] : ['month', 'day'];
  return { from: { year, month, day: first, stated }, to: { year, month, day: last, stated }, precision: 'day' };
}

/** "from 2014 to 2017", "between 2014 and 2016", "in 2015-2016". */
const yearRangeParser = periodParser(
  'year-range',
  ['digit'],
  `(?:from|between|in|during|since)\\s+${YEAR}\\s*(?:-|–|—|to|and|until)\\s*(\\d{4}|\\d{2})(?![\\d-])`,
  (m) => {
    const first = Number(m[1]);
    const last = m[2]!.length === 2 ? Math.floor(first / 100) * 100 + Number(m[2]) : Number(m[2]);
    if (last <= first || last - first > 50) return null;
    return {
      from: { year: first, month: 1, day: 1, stated: ['year'] },
      to: { year: last, month: 12, day: 31, stated: ['year'] },
      precision: 'year',
    };
  },
);

/**
 * "in 2014", "since 2015": a bare year only after a preposition that takes a
 * time ("Resolution 2254", "2014 fighters" stay numbers). "by" also takes
 * quantities ("rose by 2000"), so "by 2015" counts only before punctuation.
 */
const prepositionYearParser = periodParser(
  'preposition-year',
  ['digit'],
  `(?:(?:in|since|during|until|till|throughout|before|after|of)\\s+|by\\s+(?=${YEAR}\\s*(?:[,.;:)!?]|$)))${YEAR}(?![\\d,.:/-]\\d)`,
  (m) => {
    const year = Number(m[2]);
    return {
      from: { year, month: 1, day: 1, stated: ['year'] },
      to: { year, month: 12, day: 31, stated: ['year'] },
      precision: 'year',
    };
  },
);

/** "the 1990s", "the early 2000s". */
const decadeParser = periodParser(
  'decade',
  ['digit'],
  `the\\s+(?:(early|mid|late)[\\s-]+)?((?:19|20)\\d)0s`,
  (m) => {
    const decade = Number(m[2]) * 10;
    const [first, last] = m[1] === undefined ? [0, 9] : ({ early: [0, 3], mid: [4, 6], late: [7, 9] } as const)[m[1].toLowerCase() as 'early' | 'mid' | 'late'];
    return {
      from: { year: decade + first, month: 1, day: 1, stated: ['year'] },
      to: { year: decade + last, month: 12, day: 31, stated: ['year'] },
      precision: 'year',
    };
  },
);

const SEASON_MONTHS = { spring: 3, summer: 6, autumn: 9, fall: 9, winter: 12 } as const;

/**
 * "summer 2014", "the summer of 2014", "last winter". Northern-hemisphere
 * meteorological seasons; winter YYYY runs from December YYYY into February.
 * A bare season needs a year or "this/last" ("fall" is also a verb).
 */
const seasonParser = periodParser(
  'season',
  ['digit', 'unit'],
  `(?:(?:the\\s+)?(spring|summer|autumn|fall|winter)(?:\\s+of)?\\s+${YEAR}|(this|last)\\s+(spring|summer|autumn|winter))`,
  (m, reference) => {
    const season = (m[1] ?? m[4]!).toLowerCase() as keyof typeof SEASON_MONTHS;
    const firstMonth = SEASON_MONTHS[season];
    let year: number;
    if (m[2]) {
      year = Number(m[2]);
    } else {
      // The season of the reference year that has begun by the reference date; "last" is the one before it.
      year = reference.year;
      if (firstMonth > reference.month) year -= 1;
      if (m[3]!.toLowerCase() === 'last') year -= 1;
    }
    const from: CalendarDay = { year, month: firstMonth, day: 1 };
    const lastMonth = addMonths(from, 2);
    const to: CalendarDay = { ...lastMonth, day: daysInMonth(lastMonth.year, lastMonth.month) };
    const stated: DateParts['stated'] = m[2] ? ['year'] : [];
    return { from: { ...from, stated }, to: { ...to, stated }, precision: 'year', relative: !m[2] };
  },
);

/**
 * "last week", "this month", "next year": calendar periods around the
 * reference. Weeks run Monday to Sunday.
 */
const calendarPeriodParser = periodParser(
  'calendar-period',
  ['unit'],
  '(last|previous|this|current|next|coming)\\s+(week|month|year)',
  (m, reference) => {
    const step = { last: -1, previous: -1, this: 0, current: 0, next: 1, coming: 1 }[m[1]!.toLowerCase()]!;
    const unit = m[2]!.toLowerCase() as 'week' | 'month' | 'year';
    return { ...calendarUnitAround(reference, unit, step), relative: true };
  },
);

function calendarUnitAround(reference: CalendarDay, unit: 'week' | 'month' | 'year', step: number): Period {
  if (unit === 'week') {
    const monday = addDays(startOfWeek(reference), 7 * step);
    return { from: implied(monday), to: implied(addDays(monday, 6)), precision: 'week' };
  }
  if (unit === 'month') {
    const month = addMonths({ ...reference, day: 1 }, step);
    return { from: implied(month), to: implied({ ...month, day: daysInMonth(month.year, month.month) }), precision: 'month' };
  }
  const year = reference.year + step;
  return { from: implied({ year, month: 1, day: 1 }), to: implied({ year, month: 12, day: 31 }), precision: 'year' };
}

/** "three weeks ago", "a month ago": the calendar week/month/year that far back. */
const unitsAgoParser = periodParser(
  'units-ago',
  ['unit'],
  `${COUNT}\\s+(weeks?|months?|years?)\\s+ago`,
  (m, reference) => {
    const unit = m[2]!.toLowerCase().replace(/s$/, '') as 'week' | 'month' | 'year';
    return { ...calendarUnitAround(reference, unit, -countValue(m[1]!)), relative: true };
  },
);

/**
 * "the past few days", "the last two weeks", "in recent days": a window
 * ending at the reference date. "last week" (no count) is a calendar week.
 */
const recentWindowParser = periodParser(
  'recent-window',
  ['unit'],
  `(?:(?:the\\s+)?(past|last)\\s+(?:${COUNT}\\s+)?(days?|weeks?|months?|years?)|recent\\s+(days|weeks|months))`,
  (m, reference) => {
    const unitText = (m[3] ?? m[4]!).toLowerCase();
    const plural = unitText.endsWith('s');
    if (m[1]?.toLowerCase() === 'last' && !m[2] && !plural) return null;
    // "the past days" and "recent days" read as "a few".
    const count = m[2] ? countValue(m[2]) : plural ? countValue('few') : 1;
    const unit = unitText.replace(/s$/, '') as 'day' | 'week' | 'month' | 'year';
    const from = unit === 'day' ? addDays(reference, -count)
      : unit === 'week' ? addDays(reference, -7 * count)
        : addMonths(reference, unit === 'month' ? -count : -12 * count);
    return { from: implied(from), to: implied(reference), precision: precisionOfWidth(from, reference), relative: true };
  },
);

/**
 * Corridor's parsers, most specific first. They go in front of chrono's so
 * that, when both match the same text, the overlap refiner keeps ours.
 */
export function corridorParsers(): CuedParser[] {
  return [
    monthDaySlashYearParser, betweenDaysMonthParser, betweenMonthDaysParser, partOfMonthParser,
    partOfYearParser, yearRangeParser, prepositionYearParser, decadeParser, seasonParser,
    calendarPeriodParser, unitsAgoParser, recentWindowParser,
  ];
}
