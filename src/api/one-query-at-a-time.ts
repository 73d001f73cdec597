/**
 * `query` shared by the calls made while it runs: a call waits for the run
 * that starts after it was made (so it never gets an answer older than
 * itself), and the calls made during one run share the next. Every event
 * page asks for the latest snapshot: under load (bench:load, 270 requests a
 * second) this is one query at a time instead of one per request.
 *
 * @example
 * const latest = oneQueryAtATime(() => store.listSnapshots());
 * await Promise.all([latest(), latest()]); // one query, or two if one was running
 */
export function oneQueryAtATime<T>(query: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | null = null;
  let next: Promise<T> | null = null;
  const start = () => {
    const run = query().finally(() => { if (running === run) running = null; });
    running = run;
    return run;
  };
  return () => {
    if (!running) return start();
    next ??= running.catch(() => undefined).then(() => {
      next = null;
      return start();
    });
    return next;
  };
}
