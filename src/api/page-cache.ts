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
 * computation; a body computed for an older version is never served. Bodies
 * are kept encoded (UTF-8): a string body of a page of 1000 events was
 * measured and encoded again for every response sent.
 *
 * @example
 * const pages = createPageCache(64_000_000);
 * const body = await pages.get(request.url, String(snapshotId), () => computeBody());
 */
export interface PageCache {
  get(key: string, version: string, compute: () => Promise<string>): Promise<Buffer>;
}

/** A cache of bodies holding at most `maxBytes` bytes of computed bodies, the least recently used dropped first. */
export function createPageCache(maxBytes: number): PageCache {
  // A Map keeps keys in the order they were set: re-set on use, the least recently used comes first.
  const entries = new Map<string, { version: string; body: Promise<Buffer>; bytes: number }>();
  let total = 0;
  const drop = (key: string) => {
    total -= entries.get(key)?.bytes ?? 0;
    entries.delete(key);
  };
  const shrink = () => {
    for (const oldest of entries.keys()) {
      if (total <= maxBytes) break;
      drop(oldest);
    }
  };
  return {
    get(key, version, compute) {
      const known = entries.get(key);
      if (known?.version === version) {
        entries.delete(key);
        entries.set(key, known);
        return known.body;
      }
      drop(key);
      const entry = { version, body: compute().then((text) => Buffer.from(text)), bytes: 0 };
      entries.set(key, entry);
      entry.body.then((body) => {
        if (entries.get(key) !== entry) return;
        entry.bytes = body.length;
        total += body.length;
        shrink();
      }, () => {
        // A failed computation is not kept: the next request tries again.
        if (entries.get(key) === entry) drop(key);
      });
      return entry.body;
    },
  };
}
