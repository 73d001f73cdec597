// Export buttons: the fused events of the current view (its box, dates and every
// filter but the search: what /api/export filters by) as a file, and Print.
const FORMATS = [
  { format: 'geojson', label: 'GeoJSON' },
  { format: 'acled-csv', label: 'ACLED CSV' },
  { format: 'html', label: 'Dossier' },
];

/**
 * The export URL of a format for a view: `view()` gives `{ state, bounds, sources }` at the moment of the click,
 * `sources` the spellings of the speaker the Source filter chose (it merges them; the export asks for each).
 */
export function exportUrl(format, { state, bounds, sources = [] }) {
  const params = new URLSearchParams();
  const round = (v) => v.toFixed(4);
  params.set('bbox', [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()].map((v, i) => round(Math.max(-[180, 90][i % 2], Math.min([180, 90][i % 2], v)))).join(','));
  if (state.from) params.set('from', state.from);
  if (state.to) params.set('to', state.to);
  for (const key of ['type', 'actor', 'modality', 'outlet', 'status', 'minCorroboration']) if (state.filters[key]) params.set(key, String(state.filters[key]));
  for (const source of sources) params.append('source', source);
  return `/api/export/${format}?${params}`;
}

/**
 * Fills `container` with one download link per format and a Print button. Each link's
 * address is computed when it is clicked, so it always exports what the page shows then.
 */
export function createExportLinks(container, view) {
  for (const { format, label } of FORMATS) {
    const link = document.createElement('a');
    link.textContent = label;
    link.href = '#';
    link.setAttribute('download', '');
    link.dataset.format = format;
    link.addEventListener('click', () => { link.href = exportUrl(format, view()); });
    container.append(link, ' ');
  }
  const print = document.createElement('button');
  print.type = 'button';
  print.textContent = 'Print';
  print.addEventListener('click', () => window.print());
  container.append(print);
}
