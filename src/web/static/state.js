// The view's state lives in the URL hash, so a link reproduces what its sender saw:
// #type=movement&actor=islamic-state&from=2017-06-01&to=2017-07-31&q=mosul&view=cluster:ev-1a2b&map=36.37913,42.44806,9.5
// (`map` is the centre's latitude and longitude, then the zoom; `path` the one trajectory shown, by actor[/unit]).

const FILTER_KEYS = ['type', 'actor', 'modality', 'outlet', 'status', 'source'];

export function readState() {
  const params = new URLSearchParams(location.hash.slice(1));
  const state = { filters: {}, from: null, to: null, q: '', view: null, layers: {}, map: null, path: null };
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value) state.filters[key] = value;
  }
  const min = Number(params.get('minCorroboration'));
  if (Number.isInteger(min) && min > 0) state.filters.minCorroboration = min;
  for (const key of ['from', 'to']) {
    const value = params.get(key);
    if (value && /^\d{4}-\d{2}-\d{2}$/.test(value)) state[key] = value;
  }
  state.q = params.get('q') ?? '';
  state.view = params.get('view');
  state.path = params.get('path');
  for (const id of (params.get('hide') ?? '').split(',').filter(Boolean)) state.layers[id] = false;
  const [lat, lon, zoom] = (params.get('map') ?? '').split(',').map((x) => (x.trim() === '' ? NaN : Number(x)));
  if ([lat, lon, zoom].every(Number.isFinite)) state.map = { lat, lon, zoom };
  return state;
}

export function writeState(state) {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) if (state.filters[key]) params.set(key, state.filters[key]);
  if (state.filters.minCorroboration) params.set('minCorroboration', String(state.filters.minCorroboration));
  if (state.from) params.set('from', state.from);
  if (state.to) params.set('to', state.to);
  if (state.q) params.set('q', state.q);
  if (state.view) params.set('view', state.view);
  if (state.path) params.set('path', state.path);
  const hidden = Object.entries(state.layers).filter(([, visible]) => !visible).map(([id]) => id);
  if (hidden.length) params.set('hide', hidden.join(','));
  // Five decimals of a degree are about a metre; two of a zoom level, a few pixels: a link reopens the same frame.
  if (state.map) params.set('map', [state.map.lat.toFixed(5), state.map.lon.toFixed(5), state.map.zoom.toFixed(2)].join(','));
  const hash = params.toString();
  if (hash !== location.hash.slice(1)) history.replaceState(null, '', hash ? `#${hash}` : location.pathname + location.search);
}
