/**
 * Calendar arithmetic on plain dates (no time of day, no time zone), so that
 * the dates Corridor reports never shift with the machine's time zone.
 */

export interface CalendarDay {
  year: number;
  /** 1..12 */
  month: number;
  /** 1..31 */
  day: number;
}

const DAY_MS = 86_400_000;

function toEpochDay(d: CalendarDay): number {
  return Math.round(Date.UTC(d.year, d.month - 1, d.day) / DAY_MS);
}

function fromEpochDay(n: number): CalendarDay {
  const date = new Date(n * DAY_MS);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

export function addDays(d: CalendarDay, days: number): CalendarDay {
  return fromEpochDay(toEpochDay(d) + days);
}

/** Moves by whole months, clamping the day to the target month's length. */
export function addMonths(d: CalendarDay, months: number): CalendarDay {
  const index = d.year * 12 + (d.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return { year, month, day: Math.min(d.day, daysInMonth(year, month)) };
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** 0 = Sunday .. 6 = Saturday, as in `Date#getDay` and chrono's `weekday`. */
export function weekday(d: CalendarDay): number {
  return new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay();
}

/** The Monday that starts the (ISO) week holding `d`. */
export function startOfWeek(d: CalendarDay): CalendarDay {
  return addDays(d, -((weekday(d) + 6) % 7));
}

export function compareDays(a: CalendarDay, b: CalendarDay): number {
  return toEpochDay(a) - toEpochDay(b);
}

export function daysBetween(from: CalendarDay, to: CalendarDay): number {
  return toEpochDay(to) - toEpochDay(from);
}

export function isValidDay(year: number, month: number, day: number): boolean {
  return Number.isInteger(year) && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

export function toIsoDay(d: CalendarDay): string {
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(d.year, 4)}-${pad(d.month, 2)}-${pad(d.day, 2)}`;
}

/** Reads the date part of `YYYY-MM-DD` or an ISO date-time; null when it is not one. */
export function parseIsoDay(value: string): CalendarDay | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value.trim());
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isValidDay(year, month, day) ? { year, month, day } : null;
}

/**
 * The instant handed to chrono as its reference: local noon of the day, so
 * chrono's local-time arithmetic lands on the same calendar day everywhere.
 */
export function toReferenceInstant(d: CalendarDay): Date {
  return new Date(d.year, d.month - 1, d.day, 12);
}

export function fromReferenceInstant(instant: Date): CalendarDay {
  return { year: instant.getFullYear(), month: instant.getMonth() + 1, day: instant.getDate() };
}
