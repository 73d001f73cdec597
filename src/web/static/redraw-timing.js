// How long a redraw takes to reach the screen, as the browser's performance
// entries: from the start of a redraw (a filter, the search, the slider) to
// the map's next idle event, when every layer has drawn the new data.
// bench/web-redraw.ts reads the entries; nothing in the page depends on them.
export const REDRAW_MEASURE = 'corridor:redraw';

/** Starts timing a redraw of `map` (a maplibre Map) now; the entry is added once the map is idle again. */
export function timeRedraw(map) {
  const start = performance.now();
  map.once('idle', () => performance.measure(REDRAW_MEASURE, { start, end: performance.now() }));
}
