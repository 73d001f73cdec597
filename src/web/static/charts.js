// Small bar charts for the overview: events counted by type, actor and
// status, each bar labelled with its category and count, and the count axis
// titled with what is counted.
import { s } from './dom.js';

const ROW = 16;
const LABEL_WIDTH = 130;
const WIDTH = 300;
const AXIS = 22;

/**
 * A horizontal bar chart as an SVG element: `rows` are `{label, count, color}`,
 * drawn in the order given; `axis` names what the counts are ("events in view").
 */
export function barChart({ title, rows, axis }) {
  const height = rows.length * ROW + AXIS;
  const max = Math.max(1, ...rows.map((r) => r.count));
  const scale = (WIDTH - LABEL_WIDTH - 30) / max;
  const svg = s('svg', { class: 'bar-chart', viewBox: `0 0 ${WIDTH} ${height}`, width: String(WIDTH), height: String(height), role: 'img', 'aria-label': `${title}: ${rows.map((r) => `${r.label} ${r.count}`).join(', ')}` });
  rows.forEach((row, i) => {
    const y = i * ROW;
    svg.append(s('text', { x: String(LABEL_WIDTH - 4), y: String(y + 12), class: 'chart-label', 'text-anchor': 'end' }, row.label));
    const bar = s('rect', { x: String(LABEL_WIDTH), y: String(y + 3), width: String(Math.max(1, row.count * scale)), height: String(ROW - 5), class: 'chart-bar' });
    if (row.color) bar.style.fill = row.color;
    svg.append(bar, s('text', { x: String(LABEL_WIDTH + row.count * scale + 3), y: String(y + 12), class: 'chart-count' }, String(row.count)));
  });
  const axisY = rows.length * ROW + 2;
  svg.append(
    s('line', { x1: String(LABEL_WIDTH), x2: String(WIDTH - 30), y1: String(axisY), y2: String(axisY), class: 'chart-axis' }),
    s('text', { x: String(LABEL_WIDTH), y: String(axisY + 8), class: 'chart-tick' }, '0'),
    s('text', { x: String(WIDTH - 30), y: String(axisY + 8), class: 'chart-tick', 'text-anchor': 'end' }, String(max)),
    s('text', { x: String((LABEL_WIDTH + WIDTH - 30) / 2), y: String(axisY + 18), class: 'chart-axis-title', 'text-anchor': 'middle' }, axis),
  );
  return svg;
}

/** Counts of `items` by `keyOf` (items whose key is null are left out), largest first, at most `limit`. */
export function countBy(items, keyOf, limit = Infinity) {
  const counts = new Map();
  for (const item of items) {
    const key = keyOf(item);
    if (key !== null && key !== undefined) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0]))).slice(0, limit);
}
