import type { ActorKind, EventType, Modality, PlaceKind, PlacePrecision, SourceKind, Stance, TimePrecision } from '../../types.js';
import type { ClaimStatus, ContradictionKind, ControlRole, CorroborationRole, MentionWeight } from '../../fusion/types.js';

/**
 * Lists every member of a string union, checked by the compiler: a member
 * added to the contract and forgotten here is a type error, so the schemas'
 * enums cannot drift from src/types.ts.
 */
function every<T extends string>() {
  return <const A extends readonly T[]>(values: A & ([T] extends [A[number]] ? unknown : never)): A => values;
}

export const EVENT_TYPES = every<EventType>()(['movement', 'control', 'attack', 'agreement', 'governance', 'displacement', 'declaration', 'protest']);
export const MODALITIES = every<Modality>()(['asserted', 'reported', 'claimed', 'alleged', 'denied', 'hedged', 'speculative', 'question', 'planned', 'conditional']);
export const STANCES = every<Stance>()(['fact', 'reported', 'opinion', 'speculation', 'question']);
export const SOURCE_KINDS = every<SourceKind>()(['author', 'named-person', 'official', 'outlet', 'anonymous', 'group']);
export const ACTOR_KINDS = every<ActorKind>()(['armed-group', 'state', 'state-force', 'coalition', 'militia', 'organisation', 'civilians', 'generic']);
export const PLACE_KINDS = every<PlaceKind>()(['literal', 'metonymic', 'demonym', 'modifier']);
export const PLACE_PRECISIONS = every<PlacePrecision>()(['exact', 'nearby', 'admin', 'country', 'region']);
export const TIME_PRECISIONS = every<TimePrecision>()(['day', 'week', 'month', 'year']);
export const CLAIM_STATUSES = every<ClaimStatus>()(['corroborated', 'single-source', 'contested', 'unsupported']);
export const CONTRADICTION_KINDS = every<ContradictionKind>()(['control-vs-ongoing', 'control-vs-control', 'agreement-vs-denial', 'destination-mismatch', 'deal-terms', 'casualty-mismatch', 'asserted-vs-denied']);
export const CONTROL_ROLES = every<ControlRole>()(['gain', 'loss', 'holds', 'fighting']);
export const CORROBORATION_ROLES = every<CorroborationRole>()(['source', 'repeat', 'context', 'denial', 'opinion']);
export const MENTION_WEIGHTS = every<MentionWeight>()(['evidence', 'denial', 'opinion', 'prospective', 'background', 'nominal']);
