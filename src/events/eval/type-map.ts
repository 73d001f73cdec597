/**
 * Which gold event types of the evaluation sets Corridor's events stand for
 * (resources/event-eval-types.json, documented beside it).
 */
import { z } from 'zod';
import { EVENT_TYPES } from '../../api/schemas/enums.js';
import { readJsonResource, resourcePath } from '../../resources.js';
import type { Event } from '../../types.js';
import { loadPloverTable, type PloverTable } from '../plover.js';

const corridorTypes = z.array(z.string().regex(/^[a-z]+(?:\/[a-z-]+)?$/, 'expected "type" or "type/subtype"'));
const fileSchema = z.object({
  version: z.literal(1),
  $comment: z.string().optional(),
  kairos: z.record(z.string().regex(/^[A-Za-z]+(?:\.[A-Za-z]+)*$/), corridorTypes),
  plover: z.record(z.string().regex(/^[A-Z]+$/), corridorTypes),
  ploverCommitments: z.array(z.string().regex(/^[A-Z]+$/)).default([]),
}).strict();

type TypedEvent = Pick<Event, 'type' | 'subtype'>;

/** One ontology's gold types and the Corridor events each stands for. */
export interface GoldTypeMap {
  /** The listed gold types, in the file's order. */
  readonly types: readonly string[];
  /** The listed type a gold label falls under (`Conflict.Attack` for `Conflict.Attack.DetonateExplode`), if any. */
  keyOf(label: string): string | undefined;
  /** The Corridor types and type/subtypes a listed gold type stands for (empty: Corridor has none). */
  corridor(goldType: string): readonly string[];
  /** Whether an event is one the gold type stands for. */
  covers(goldType: string, event: TypedEvent): boolean;
  /** The first listed gold type that covers the event, null when none does. */
  goldTypeOf(event: TypedEvent): string | null;
}

export interface EventEvalTypes {
  kairos: GoldTypeMap;
  plover: GoldTypeMap;
  /** PLOVER categories coded for a stated commitment or a future as much as for a happening (AGREE). */
  ploverCommitments: ReadonlySet<string>;
}

function goldTypeMap(entries: Record<string, string[]>): GoldTypeMap {
  const types = Object.keys(entries);
  const covers = (goldType: string, event: TypedEvent) =>
    (entries[goldType] ?? []).some((c) => c === event.type || c === `${event.type}/${event.subtype}`);
  return {
    types,
    // A dotted key stands for the types below it; PLOVER's have no dots and match exactly.
    keyOf: (label) => types.find((t) => label === t || label.startsWith(`${t}.`)),
    corridor: (goldType) => entries[goldType] ?? [],
    covers,
    goldTypeOf: (event) => types.find((t) => covers(t, event)) ?? null,
  };
}

/** Checks every Corridor entry names a type or a `plover.json` row, and that no Corridor event stands for two KAIROS types. */
function check(file: z.infer<typeof fileSchema>, plover: PloverTable, source: string): void {
  for (const [ontology, entries] of Object.entries({ kairos: file.kairos, plover: file.plover })) {
    for (const [goldType, list] of Object.entries(entries)) {
      for (const entry of list) {
        const [type, subtype] = entry.split('/') as [string, string | undefined];
        const known = (EVENT_TYPES as readonly string[]).includes(type) && (subtype === undefined || plover.has(type as Event['type'], subtype));
        if (!known) throw new Error(`corridor: ${source}: ${ontology}.${goldType}: "${entry}" is not a Corridor event type or a row of plover.json`);
      }
    }
  }
  // "attack" under one KAIROS type and "attack/airstrike" under another would count an airstrike twice.
  const overlaps = (a: string, b: string) => a === b || a.split('/')[0] === b || b.split('/')[0] === a;
  const seen: { entry: string; goldType: string }[] = [];
  for (const [goldType, list] of Object.entries(file.kairos)) {
    for (const entry of list) {
      const clash = seen.find((s) => s.goldType !== goldType && overlaps(s.entry, entry));
      if (clash) throw new Error(`corridor: ${source}: kairos.${goldType}: "${entry}" already stands for ${clash.goldType} (an event may count for one KAIROS type only)`);
      seen.push({ entry, goldType });
    }
  }
}

export function compileEventEvalTypes(data: unknown, source = 'event-eval-types.json', plover: PloverTable = loadPloverTable()): EventEvalTypes {
  const parsed = fileSchema.safeParse(data);
  if (!parsed.success) throw new Error(`corridor: ${source}: ${z.prettifyError(parsed.error).replace(/\n/g, '; ')}`);
  check(parsed.data, plover, source);
  return { kairos: goldTypeMap(parsed.data.kairos), plover: goldTypeMap(parsed.data.plover), ploverCommitments: new Set(parsed.data.ploverCommitments) };
}

/**
 * Loads the type mapping; `path` replaces the bundled resources/event-eval-types.json.
 *
 * @example
 * const { kairos } = loadEventEvalTypes();
 * kairos.keyOf('Conflict.Attack.DetonateExplode'); // 'Conflict.Attack'
 * kairos.goldTypeOf({ type: 'attack', subtype: 'bombing' }); // 'Conflict.Attack'
 */
export function loadEventEvalTypes(path?: string): EventEvalTypes {
  return compileEventEvalTypes(readJsonResource<unknown>('event-eval-types.json', path), path ?? resourcePath('event-eval-types.json'));
}
