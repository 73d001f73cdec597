// The feed's small parts: an icon per event type, beside its colour (so the
// type reads without telling colours apart), and how long ago an event was.

/** One symbol per event type of model.js's EVENT_TYPES. */
export const TYPE_ICONS = {
  movement: '➤',
  control: '⚑',
  attack: '✹',
  agreement: '✎',
  governance: '⌂',
  displacement: '⇉',
  declaration: '❝',
};

const UNITS = [[365, 'year'], [30, 'month'], [7, 'week'], [1, 'day']];

/** "today", "yesterday", "3 days ago", "2 months ago", "in 2 days": from day numbers (days since 1970). */
export function relativeDay(day, today) {
  const ago = today - day;
  if (ago === 0) return 'today';
  if (ago === 1) return 'yesterday';
  const [size, unit] = UNITS.find(([size]) => Math.abs(ago) >= size);
  const n = Math.floor(Math.abs(ago) / size);
  const amount = `${n} ${unit}${n === 1 ? '' : 's'}`;
  return ago > 0 ? `${amount} ago` : `in ${amount}`;
}
