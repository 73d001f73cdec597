import { isChecked, isOccurrence, type ActorKind, type ActorRef, type CheckedEvent, type Event, type Extraction, type Sentence, type Stance } from '../types.js';
import { firstEndingAfter } from '../text/span-index.js';
import type { Semantics } from './settings.js';
import { fromDay, toDay, type DayWindow } from './space-time.js';
import type { ClusterMention, ControlReading, FusedActor, MentionKey, MentionWeight, TimeWindow } from './types.js';

/** One document as fusion reads it. */
export interface FusionInput {
  document: { id: string; outlet: string | null; publishedAt: string | null; previousVersion?: string | null };
  extraction: Extraction;
}

export function mentionKey(docId: string, eventId: string): MentionKey {
  return `${docId}/${eventId}`;
}

function stanceAt(sentences: Sentence[], offset: number): Stance | null {
  const s = sentences[firstEndingAfter(sentences, offset)];
  return s && s.start <= offset ? s.stance : null;
}

export function weighMention(event: CheckedEvent, stance: Stance | null): MentionWeight {
  if (event.negated || event.modality === 'denied' || event.factuality.polarity === 'negative') return 'denial';
  if (event.modality === 'speculative' || event.modality === 'question') return 'opinion';
  if (stance === 'speculation' || stance === 'question') return 'opinion';
  // An opinion sentence can still quote someone's factual claim; only the writer's own voice is opinion.
  if (stance === 'opinion' && event.attribution.sourceKind === 'author') return 'opinion';
  // An aim the events stage marked ("an offensive to retake the town") is no report that it happened.
  if (!isOccurrence(event)) return 'prospective';
  return 'evidence';
}

/** Who holds the place after a control event and who lost it, read from its subtype's role. */
export function readControl(event: Pick<Event, 'type' | 'subtype'>, agent: FusedActor | null, patient: FusedActor | null, semantics: Semantics): ControlReading | null {
  const role = semantics.controlRole(event.type, event.subtype);
  switch (role) {
    case 'gain':
      return { role, holder: agent, loser: patient };
    case 'loss':
      // The extraction reads "IS lost Mosul to Iraqi forces" with the taker as agent and the loser as
      // patient (the `lose` frame of event-cues.json); a declared defeat has the loser as its agent.
      return event.type === 'control' ? { role, holder: agent, loser: patient } : { role, holder: patient, loser: agent };
    case 'holds':
      return { role, holder: agent, loser: null };
    case 'fighting':
      return { role, holder: null, loser: null };
    default:
      return null;
  }
}

/** The event's time window; events dated by their document keep the extraction's days-before-publication window. */
function windowOf(event: Event): TimeWindow | null {
  const from = toDay(event.time.from) ?? toDay(event.time.to);
  const to = toDay(event.time.to) ?? from;
  if (from === null || to === null) return null;
  return {
    from: fromDay(Math.min(from, to)),
    to: fromDay(Math.max(from, to)),
    precision: event.time.basis === 'document' ? 'document' : event.time.precision ?? 'day',
  };
}

export function dayWindow(time: TimeWindow | null, maxWindowDays: number): DayWindow | null {
  if (!time) return null;
  const from = toDay(time.from)!;
  const to = toDay(time.to)!;
  return to - from > maxWindowDays ? null : { from, to };
}

/**
 * The mentions of one document, sorted by key. Only events the claims stage
 * has read: one nobody has attributed (a pipeline without claims) says
 * nothing about who asserts it, so it is no evidence for or against anything.
 */
export function readMentions(input: FusionInput, semantics: Semantics): ClusterMention[] {
  const { document, extraction } = input;
  const kinds = new Map<string, ActorKind>(extraction.actors.map((a) => [a.actorId, a.kind]));
  const fused = (a: ActorRef | null): FusedActor | null => (a ? { actorId: a.actorId, name: a.name, kind: kinds.get(a.actorId) ?? null } : null);
  return extraction.events
    .filter(isChecked)
    .map((event): ClusterMention => {
      const spans = event.evidence.length > 0 ? event.evidence : [event.trigger];
      const stance = stanceAt(extraction.sentences, event.trigger.start);
      const agent = fused(event.agent);
      const patient = fused(event.patient);
      return {
        key: mentionKey(document.id, event.id),
        docId: document.id,
        eventId: event.id,
        type: event.type,
        subtype: event.subtype ?? '',
        agent,
        patient,
        location: event.location,
        origin: event.origin,
        destination: event.destination,
        control: readControl(event, agent, patient, semantics),
        start: Math.min(...spans.map((s) => s.start)),
        end: Math.max(...spans.map((s) => s.end)),
        outlet: document.outlet,
        publishedAt: document.publishedAt,
        source: event.attribution.source,
        sourceKind: event.attribution.sourceKind,
        chain: event.attribution.chain.map(({ source, sourceKind, affiliation }) => ({ source, sourceKind, affiliation })),
        modality: event.modality,
        negated: event.negated,
        stance,
        weight: weighMention(event, stance),
        time: windowOf(event),
        evidence: spans.map(({ start, end }) => ({ start, end })),
      };
    })
    .sort((a, b) => compareKeys(a.key, b.key));
}

export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
