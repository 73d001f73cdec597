import { z } from 'zod';
import { readJsonResource, resourcePath } from '../resources.js';
import type { EventType, Plover } from '../types.js';

const ploverSchema = z.object({ type: z.string().regex(/^[A-Z]+$/), mode: z.string().nullable(), context: z.array(z.string()) }).strict();
const fileSchema = z.object({
  version: z.literal(1),
  ontology: z.string(),
  mappings: z.record(z.string().regex(/^[a-z]+\/[a-z-]+$/), ploverSchema.nullable()),
}).strict();

/** `type/subtype` -> PLOVER event, null where PLOVER has no category (resources/plover.json). */
export interface PloverTable {
  get(type: EventType, subtype: string): Plover | null;
  /** Whether the table has a row (possibly null) for this subtype. */
  has(type: EventType, subtype: string): boolean;
}

export function compilePloverTable(data: unknown, source = 'plover.json'): PloverTable {
  const parsed = fileSchema.safeParse(data);
  if (!parsed.success) throw new Error(`corridor: ${source}: ${z.prettifyError(parsed.error).replace(/\n/g, '; ')}`);
  const { mappings } = parsed.data;
  return {
    get: (type, subtype) => {
      const found = mappings[`${type}/${subtype}`];
      return found ? { type: found.type, mode: found.mode, context: [...found.context] } : null;
    },
    has: (type, subtype) => `${type}/${subtype}` in mappings,
  };
}

/** Loads the PLOVER mapping; `path` replaces the bundled resources/plover.json. */
export function loadPloverTable(path?: string): PloverTable {
  return compilePloverTable(readJsonResource<unknown>('plover.json', path), path ?? resourcePath('plover.json'));
}
