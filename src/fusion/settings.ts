import { readJsonResource } from '../resources.js';
import type { ActorKind, EventType } from '../types.js';
import type { ControlRole, FusedActor } from './types.js';

/**
 * Thresholds and subtype meanings for fusion: resources/fusion.json, its
 * format documented in resources/fusion.md. Part of the fusion state: a state
 * built with other settings is rebuilt rather than extended.
 */
export interface FusionSettings {
  /** Two places this close (in km) are the same place. */
  placeKm: number;
  /** Two time windows this many days apart still overlap. */
  timeToleranceDays: number;
  /** Windows wider than this (e.g. "since 2014") are too vague to identify an event by. */
  maxWindowDays: number;
  /** Mentions that name no place are told apart by time alone: only windows this narrow identify an event. */
  placelessWindowDays: number;
  corridorBufferKm: number;
  /** An event its own words date to end more than this many days before its report is background, not news. */
  backgroundDays: number;
  /** Two casualty counts for one event differ when the gap is more than this share of the larger one. */
  casualtyTolerance: number;
  /** An unplaced event takes the place of the event it continues in its own sentence or up to this many sentences before. */
  linkSentences: number;
  /** Words that head the name of an operation ("Operation" Euphrates Shield): mentions of one named operation are linked. */
  operationHeads: string[];
  /** Words near a trigger that tell the event as going on when told ("fighting **continued**", "**still** fighting"). */
  continuingCues: string[];
  /** Words that open another clause: a continuing cue past one ("readied the fight **as** the campaign continues") tells of that clause. */
  clauseOpeners: string[];
  /** Prepositions after which a capitalised name says where an unplaced event happened, found as a place or not ("**in** al-Ayadiya"). */
  locativePrepositions: string[];
  /** Faster than this between two steps of a trajectory is not one unit's journey: the path splits there. */
  maxSpeedKmPerDay: number;
  /** News agencies whose copy other outlets run, named in a publisher's name: "AzVision (Reuters)" is Reuters' report. */
  wireAgencies: string[];
  /** Words that, after a state's name or demonym, make a source's name a voice of that state's government ("Russian **Defense Ministry**"). */
  governmentWords: string[];
  /** Event types identified by their parties when no place is named (an agreement between two named actors). */
  placelessByParties: EventType[];
  /** Control subtypes by the side they put the agent on. */
  control: Record<ControlRole, string[]>;
  /** Declaration subtypes that claim a change of control where they are made ("declared victory in Mosul"). */
  declaredControl: { gain: string[]; loss: string[] };
  /** Subtypes, by event type, by which the agent gives up the place where they happen ("surrendered in the city"): timelines read them for who lost it. */
  yieldedPlace: Partial<Record<EventType, string[]>>;
  /** Subtypes of other event types that say fighting goes on at a place. */
  ongoingFighting: Partial<Record<EventType, string[]>>;
  /** Subtypes that say nothing more than the type, compatible with any other. */
  genericSubtypes: string[];
  /** Subtypes that name the same kind of event. */
  subtypeGroups: string[][];
  /**
   * Sides of a conflict: the actor kinds in each, and the generic actors (by id) that stand for
   * an unnamed actor of it. "fighters" may be Islamic State; "government forces" may not.
   */
  actorClasses: Record<string, { kinds: ActorKind[]; generic: string[] }>;
  /** Generic actors (by id) that name nobody, not even a side ("fighters", "gunmen"): they never hold a place in a timeline. */
  bareNouns: string[];
}

export function loadFusionSettings(path?: string): FusionSettings {
  const settings = readJsonResource<FusionSettings>('fusion.json', path);
  for (const key of ['placeKm', 'timeToleranceDays', 'maxWindowDays', 'placelessWindowDays', 'corridorBufferKm', 'linkSentences', 'backgroundDays', 'casualtyTolerance', 'maxSpeedKmPerDay'] as const) {
    if (typeof settings[key] !== 'number' || !(settings[key] >= 0)) {
      throw new Error(`corridor: ${path ?? 'resources/fusion.json'}: "${key}" must be a non-negative number`);
    }
  }
  return settings;
}

/** Read-only lookups built once from the settings. */
export interface Semantics {
  settings: FusionSettings;
  /** The side an event of this type and subtype puts its agent on, if it speaks of control at all. */
  controlRole(type: EventType, subtype: string): ControlRole | null;
  /** Whether an event of this type and subtype gives up, for its agent, the place where it happens (`yieldedPlace`). */
  yieldsPlace(type: EventType, subtype: string): boolean;
  /** Whether an event of this type and subtype says fighting goes on where it happens. */
  isOngoingFighting(type: EventType, subtype: string): boolean;
  compatibleSubtypes(type: EventType, a: string, b: string): boolean;
  /** Whether two actors may be the same: one unknown, the same id, or a generic actor and one of its class. */
  actorsAgree(a: FusedActor | null, b: FusedActor | null): boolean;
  /** Whether an actor is named (not unknown, not generic). */
  isNamed(a: FusedActor | null): a is FusedActor;
  /** Whether an actor can be a place's holder in a timeline: a named actor, or a generic one that names a side (not a bare noun). */
  canHold(a: FusedActor | null): a is FusedActor;
  /** Whether two actors are on different sides (classes), so one taking a place from the other is plausible. */
  areRivals(a: FusedActor | null, b: FusedActor | null): boolean;
}

const subtypeKey = (s: string | null) => (s ?? '').trim().toLowerCase().replace(/[\s_]+/g, '-');

export function createSemantics(settings: FusionSettings): Semantics {
  const byRole = (lists: Partial<Record<ControlRole, string[]>>) => {
    const roles = new Map<string, ControlRole>();
    for (const [role, subtypes] of Object.entries(lists) as [ControlRole, string[]][]) for (const s of subtypes) roles.set(subtypeKey(s), role);
    return roles;
  };
  const controlRoles = byRole(settings.control);
  const declaredRoles = byRole(settings.declaredControl);
  const ongoing = new Map<string, Set<string>>();
  for (const [type, subtypes] of Object.entries(settings.ongoingFighting)) ongoing.set(type, new Set((subtypes ?? []).map(subtypeKey)));
  const yielded = new Map<string, Set<string>>();
  for (const [type, subtypes] of Object.entries(settings.yieldedPlace ?? {})) yielded.set(type, new Set((subtypes ?? []).map(subtypeKey)));
  const generic = new Set(settings.genericSubtypes.map(subtypeKey));
  const group = new Map<string, number>();
  settings.subtypeGroups.forEach((g, i) => g.forEach((s) => group.set(subtypeKey(s), i)));

  const classOfKind = new Map<string, string>();
  const classOfGeneric = new Map<string, string>();
  for (const [name, c] of Object.entries(settings.actorClasses)) {
    for (const kind of c.kinds) classOfKind.set(kind, name);
    for (const id of c.generic) classOfGeneric.set(id, name);
  }
  const classOf = (a: FusedActor) => (a.kind === 'generic' ? classOfGeneric.get(a.actorId) : a.kind ? classOfKind.get(a.kind) : undefined);
  const isNamed = (a: FusedActor | null): a is FusedActor => a !== null && a.kind !== 'generic';
  const bareNouns = new Set(settings.bareNouns);

  const controlRole = (type: EventType, subtype: string): ControlRole | null =>
    (type === 'control' ? controlRoles : type === 'declaration' ? declaredRoles : null)?.get(subtypeKey(subtype)) ?? null;
  return {
    settings,
    controlRole,
    yieldsPlace: (type, subtype) => yielded.get(type)?.has(subtypeKey(subtype)) ?? false,
    isOngoingFighting: (type, subtype) =>
      type === 'control' ? controlRole(type, subtype) === 'fighting' : ongoing.get(type)?.has(subtypeKey(subtype)) ?? false,
    compatibleSubtypes(type, a, b) {
      const ka = subtypeKey(a);
      const kb = subtypeKey(b);
      if (ka === kb || generic.has(ka) || generic.has(kb) || ka === type || kb === type) return true;
      // A gain and a loss are the same change seen from either side; holding or fighting is not a change.
      const ra = controlRole(type, ka);
      const rb = controlRole(type, kb);
      const change = (r: ControlRole | null) => r === 'gain' || r === 'loss';
      if (change(ra) && change(rb)) return true;
      const ga = group.get(ka);
      return ga !== undefined && ga === group.get(kb);
    },
    actorsAgree(a, b) {
      if (!a || !b || a.actorId === b.actorId) return true;
      if (isNamed(a) && isNamed(b)) return false;
      // A generic actor of no known class could be anyone; otherwise it stands for its class only.
      const ca = classOf(a);
      const cb = classOf(b);
      return ca === undefined || cb === undefined || ca === cb;
    },
    isNamed,
    canHold: (a): a is FusedActor => a !== null && !bareNouns.has(a.actorId),
    areRivals(a, b) {
      if (!a || !b) return false;
      const ca = classOf(a);
      const cb = classOf(b);
      return ca !== undefined && cb !== undefined && ca !== cb;
    },
  };
}
