/**
 * The evaluation sets `corridor eval events` reads: by name from the shared
 * evaluation folder beside the project, or from a file or folder in one of
 * their formats.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { packageRoot } from '../../resources.js';
import { readEventLocationLine, type LocatedVerb } from './event-location.js';
import { readPloverRecords, type PloverRecord } from './plover-gsr.js';
import { readWikiEventsLine, type WikiEventsDocument } from './wikievents.js';

export type EventSet =
  | { kind: 'wikievents'; file: string; documents: WikiEventsDocument[] }
  | { kind: 'event-location'; file: string; records: LocatedVerb[] }
  | { kind: 'plover'; file: string; records: PloverRecord[] };

export type EventSetKind = EventSet['kind'];

/** Each set's file inside its folder. */
const FILES: Record<EventSetKind, string> = {
  'wikievents': 'dev.jsonl',
  'event-location': 'dev.jsonl',
  'plover': 'PLOVER_GSR_CAMEO.json',
};

export const EVENT_SET_NAMES = Object.keys(FILES) as EventSetKind[];

/** Where the sets are when none is given by path: `../shared/eval` beside the project. */
export const DEFAULT_EVAL_DIR = resolve(packageRoot, '..', 'shared', 'eval');

/** The file a set name or path stands for, and its format (from the name, else from the content). */
export function locateEventSet(nameOrPath: string, evalDir = DEFAULT_EVAL_DIR): { kind: EventSetKind; file: string } {
  const named = EVENT_SET_NAMES.find((n) => n === nameOrPath);
  if (named && !existsSync(nameOrPath)) return { kind: named, file: join(evalDir, named, FILES[named]) };
  if (!existsSync(nameOrPath)) throw new Error(`${nameOrPath}: no such file or directory (and not one of ${EVENT_SET_NAMES.join(', ')})`);
  let file = nameOrPath;
  if (statSync(file).isDirectory()) {
    const inside = [...new Set(Object.values(FILES))].map((f) => join(nameOrPath, f)).find((f) => existsSync(f));
    if (!inside) throw new Error(`${nameOrPath}: holds neither ${[...new Set(Object.values(FILES))].join(' nor ')}`);
    file = inside;
  }
  return { kind: sniff(file), file };
}

function sniff(file: string): EventSetKind {
  if (file.endsWith('.json')) return 'plover';
  const first = readFileSync(file, 'utf8').split('\n').find((l) => l.trim());
  let record: Record<string, unknown> = {};
  try {
    record = JSON.parse(first ?? '{}') as Record<string, unknown>;
  } catch {
    // Not JSON Lines: said below.
  }
  if ('event_mentions' in record) return 'wikievents';
  if ('verb' in record) return 'event-location';
  throw new Error(`${file}: not a set eval events reads (WikiEvents or event-location JSON Lines, or PLOVER records)`);
}

function lines(file: string, limit: number | undefined): string[] {
  const all = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim());
  return limit === undefined ? all : all.slice(0, limit);
}

/**
 * Reads a set by name (`wikievents`, `event-location`, `plover`) or path;
 * `limit` keeps its first documents or records.
 *
 * @example
 * const set = readEventSet('plover', { limit: 50 });
 * set.kind; // 'plover'
 */
export function readEventSet(nameOrPath: string, options: { limit?: number; evalDir?: string } = {}): EventSet {
  const { kind, file } = locateEventSet(nameOrPath, options.evalDir);
  if (!existsSync(file)) throw new Error(`${file}: no such file (the ${kind} set is read from ${basename(file)} in its folder)`);
  const at = <T>(line: number, read: () => T): T => {
    try {
      return read();
    } catch (error) {
      throw new Error(`${file}:${line}: ${(error as Error).message}`);
    }
  };
  switch (kind) {
    case 'wikievents':
      return { kind, file, documents: lines(file, options.limit).map((l, i) => at(i + 1, () => readWikiEventsLine(l))) };
    case 'event-location':
      return { kind, file, records: lines(file, options.limit).map((l, i) => at(i + 1, () => readEventLocationLine(l))) };
    case 'plover': {
      const records = at(1, () => readPloverRecords(readFileSync(file, 'utf8')));
      return { kind, file, records: options.limit === undefined ? records : records.slice(0, options.limit) };
    }
  }
}
