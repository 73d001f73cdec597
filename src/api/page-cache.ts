/**
 * Response bodies kept per request and per version of what they are computed
 * from (for event pages, the latest snapshot), so that a list read by many
 * clients at once is read and serialised once per version instead of once per
 * request.
 *
 * Measured with `npm run bench:load` (50 connections reading the map's event
 * lists while a writer stored documents, on a 2-core machine at load average
 * 11): each request read and joined up to 1000 stored events on the event
 * loop, and the requests queued behind each other (p50 4.2 s, p99 5.6 s).
 * Keyed by the documents saved as well as the snapshot, the pages changed with
 * nearly every request (16 documents and 16 requests a second) and saved
 * nothing (p50 2.9 s, p99 5.8 s): hence per snapshot.
 *
 * Requests that arrive while a body is being computed wait for that one
 * computation; a body computed for an older version is never served.
 *
 * @example
 * const pages = createPageCache(64);
 * const body = await pages.get(request.url, String(snapshotId), () => computeBody());
 */
export interface PageCache {
  get(key: string, version: string, compute: () => Promise<string>): Promise<string>;
}

export function createPageCache(maxEntries: number): PageCache {
  // In insertion order, the least recently used first: a Map keeps the order keys were set in.
  const entries = new Map<string, { version: string; body: Promise<string> }>();
  return {
    get(key, version, compute) {
      const known = entries.get(key);
      entries.delete(key);
      if (known?.version === version) {
        entries.set(key, known);
        return known.body;
      }
      const entry = { version, body: compute() };
      entries.set(key, entry);
      // A failed computation is not kept: the next request tries again.
      entry.body.catch(() => { if (entries.get(key) === entry) entries.delete(key); });
      for (const oldest of entries.keys()) {
        if (entries.size <= maxEntries) break;
        entries.delete(oldest);
      }
      return entry.body;
    },
  };
}
