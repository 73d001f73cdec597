// A GeoJSON source given new data is re-tiled in MapLibre's worker, and the map
// draws a frame or two more before it is idle (in headless chromium, drawn in
// software, 50–130 ms a frame on the bench's machine: bench/web-redraw.ts). A
// redraw after a filter change hands over only the sources whose data changed.

/**
 * Returns `write(sourceId, collection)`, which sets the source's data unless it
 * holds the same already: a promise that the worker has taken it, or null when
 * there was nothing to do.
 * @example
 * const write = createSourceWriter(map);
 * write('corridors', collection); // a promise: the worker re-tiles it
 * write('corridors', collection); // null
 */
export function createSourceWriter(map) {
  const written = new Map();
  return (sourceId, collection) => {
    const text = JSON.stringify(collection);
    if (written.get(sourceId) === text) return null;
    written.set(sourceId, text);
    return map.getSource(sourceId).setData(collection);
  };
}

/**
 * Calls `then()` once the worker has taken every pending write and the sources
 * `sourceIds` have loaded their new tiles.
 */
export function afterLoading(map, writes, sourceIds, then) {
  const loaded = () => sourceIds.every((id) => map.isSourceLoaded(id));
  Promise.all(writes).then(() => {
    if (loaded()) return then();
    const onData = () => {
      if (!loaded()) return;
      map.off('sourcedata', onData);
      then();
    };
    map.on('sourcedata', onData);
  });
}
