/**
 * What Corridor learns by reading documents together: the output contract of
 * fusion. Every fused item points back to the documents it rests on through
 * `mentions` (docId + offsets into that document's text), never through
 * offsets of its own.
 *
 * Ids are derived from content, not from the order documents arrived in: a
 * cluster's id is a hash of its lowest mention key, a contradiction's id a
 * hash of its kind and cluster ids, so ingesting the same documents in any
 * order gives the same ids.
 */
import type { FeatureCollection, LineString } from 'geojson';
import type { ActorKind, ActorRef, Casualties, EventType, Modality, PlaceRef, SourceKind, Span, Stance, TimePrecision } from '../types.js';

/** Folds a name (outlet, source, place, actor) to the key two spellings of it share. */
export type NormalizeName = (name: string) => string;

/** `<docId>/<eventId>`: identifies one event mention across the whole store. */
export type MentionKey = string;

/** A time window of whole days, both ends inclusive, as ISO dates (YYYY-MM-DD). */
export interface TimeWindow {
  from: string;
  to: string;
  /** The coarsest precision among the mentions that define it; `document` when taken from the publication date. */
  precision: TimePrecision | 'document';
}

/**
 * How a mention's claim bears on the event:
 * - `evidence`: asserted, reported, claimed or alleged as having happened (counts toward corroboration);
 * - `denial`: denied or negated;
 * - `opinion`: the writer's opinion, speculation or a question (never evidence);
 * - `prospective`: planned or conditional, so not (yet) an occurrence;
 * - `background`: dated by its own words well before the report (`backgroundDays`): history the report recalls, context;
 * - `nominal`: named in passing by a modifier ("the IS-held town"), not told as news: context.
 */
export type MentionWeight = 'evidence' | 'denial' | 'opinion' | 'prospective' | 'background' | 'nominal';

/** Casualty counts a mention gives, when the events stage reads them; null fields are not given. */
/** The figures fusion compares: the events stage's casualty counts without their evidence spans. */
export type CasualtyCounts = Pick<Casualties, 'killed' | 'wounded' | 'abducted' | 'civilians'>;

/**
 * An actor as fusion compares it: with its kind, since a `generic` actor
 * ("fighters", "government forces") may be any named actor of its class
 * (see `actorClasses` in resources/fusion.md). Kind is null when the
 * extraction does not say.
 */
export interface FusedActor extends ActorRef {
  kind: ActorKind | null;
}

/** For control events: who holds the place afterwards and who lost it, whatever the wording's perspective. */
export interface ControlReading {
  role: ControlRole;
  holder: FusedActor | null;
  loser: FusedActor | null;
}

/** One event as one document states it. */
export interface ClusterMention extends Span {
  key: MentionKey;
  docId: string;
  eventId: string;
  type: EventType;
  subtype: string;
  agent: FusedActor | null;
  patient: FusedActor | null;
  location: PlaceRef | null;
  origin: PlaceRef | null;
  destination: PlaceRef | null;
  /**
   * The event (id, same document) whose places this mention took because the
   * text continues it (`linkSentences` in resources/fusion.md); null when the
   * extraction placed it, or nothing did.
   */
  placeFrom: string | null;
  /** The named operation its sentence speaks of ("Operation Euphrates Shield"), as written; null when none. */
  operation: string | null;
  /**
   * The unit of the agent the text distinguishes by where it comes from ("the IS convoy **from Qalamoun**",
   * "IS fighters **from Raqqa**"): `from <place>`; null when the text names no such unit.
   */
  unit: string | null;
  /** Whether its own words tell it as going on when told ("fighting **continued**", "**still** fighting"; `continuingCues`). */
  continuing: boolean;
  /**
   * Optional: true when the event took only a part of its place ("retook parts of the city", the
   * event's `part`); its control reading is then fighting, not a change of holder.
   */
  partial?: true;
  control: ControlReading | null;
  outlet: string | null;
  publishedAt: string | null;
  /** Innermost source (who asserts it) and its kind. */
  source: string;
  sourceKind: SourceKind;
  /** The attribution chain, outermost (the author) first, with who each source speaks for when known. */
  chain: { source: string; sourceKind: SourceKind; affiliation: string | null }[];
  modality: Modality;
  negated: boolean;
  /** Stance of the sentence holding the event. */
  stance: Stance | null;
  weight: MentionWeight;
  /** The mention's own time window, null when it has none. */
  time: TimeWindow | null;
  /** Evidence spans (clause and trigger) in the document. */
  evidence: Span[];
  /** The sentence holding the event, in the document; null when the extraction has no sentence there. */
  sentence: Span | null;
  /**
   * A hash of the sentence's words (case, spacing and punctuation aside) when the text was given, or of
   * the quotation's when the event is quoted verbatim: two outlets printing the same sentence, or quoting
   * the same words in sentences of their own, carry one copy (agency copy, a statement), not two reports.
   */
  copyKey: string | null;
  casualties: CasualtyCounts | null;
}

/**
 * What a mention is to its cluster: an independent `source` that asserts it, a `repeat` of a source
 * already counted (same outlet, same quoted source, same printed copy), `context` (background,
 * planned, named in passing: shown apart, never corroboration), a `denial` or an `opinion`.
 */
export type CorroborationRole = 'source' | 'repeat' | 'context' | 'denial' | 'opinion';

/** Why one mention counts, or does not, as an independent source. */
export interface CorroborationEntry {
  mention: MentionKey;
  /** A readable label: the outlet and, when quoted, the source ("Reuters quoting Iraqi military"). */
  source: string;
  /** The independence key this mention reduces to (`outlet:reuters`, `source:iraqi military`); null when not evidence. */
  origin: string | null;
  counted: boolean;
  role: CorroborationRole;
  reason: string;
}

export interface Corroboration {
  /** Number of independent sources that assert the event. */
  score: number;
  /** Who they are (an outlet, or the person, official or group it quotes), sorted. */
  independentSources: string[];
  explanation: CorroborationEntry[];
}

/**
 * - `corroborated`: two or more independent sources assert it;
 * - `single-source`: exactly one;
 * - `contested`: it takes part in a contradiction (whatever its score);
 * - `unsupported`: nothing but opinion, speculation or denial speaks for it.
 */
export type ClaimStatus = 'corroborated' | 'single-source' | 'contested' | 'unsupported';

/** The side a control event puts an actor on, read from its subtype (`control` in resources/fusion.json, read by src/fusion/settings.ts). */
export type ControlRole = 'gain' | 'loss' | 'holds' | 'fighting';

/** Mentions of the same real-world event, merged across documents. */
export interface EventCluster {
  /** `ev-` + 12 hex digits of the SHA-1 of the lowest mention key. */
  id: string;
  type: EventType;
  /** The most told subtype among the mentions (a general one also counts for its refinement told beside it: "captured" for "retaken"; ties: alphabetical). */
  subtype: string;
  /** The most frequent named actor (a generic one only when no mention names one). */
  agent: FusedActor | null;
  patient: FusedActor | null;
  location: PlaceRef | null;
  origin: PlaceRef | null;
  destination: PlaceRef | null;
  control: ControlReading | null;
  /** The agent's unit most mentions name (see `ClusterMention.unit`), null when none does. */
  unit: string | null;
  time: TimeWindow | null;
  /** Sorted by key. */
  mentions: ClusterMention[];
  corroboration: Corroboration;
  status: ClaimStatus;
  /** Why the cluster has its status (the rule of src/fusion/status.ts that gave it). */
  statusReason: string;
  /** Ids of the contradictions this cluster takes part in, sorted. */
  contradictions: string[];
}

/** A cluster as a function of its mentions alone, before corroboration and contradictions are known. */
export type ClusterCore = Omit<EventCluster, 'corroboration' | 'status' | 'statusReason' | 'contradictions'>;

/**
 * - `control-vs-ongoing`: a place said to be taken while fighting goes on there, or its loser still holds it;
 * - `control-vs-control`: opponents each said to take the same place within days;
 * - `agreement-vs-denial`: an agreement asserted by some and denied by others;
 * - `destination-mismatch`: the same actor leaving the same place at the same time for different destinations;
 * - `deal-terms`: the terms of a deal told two ways: who may leave (said and denied), or where to;
 * - `casualty-mismatch`: different casualty figures for one event from different sources;
 * - `asserted-vs-denied`: any other event asserted by some and denied by others.
 * Each is a rule of `CONTRADICTION_RULES` (src/fusion/contradictions.ts); only mentions whose own times meet are compared.
 */
export type ContradictionKind =
  | 'control-vs-ongoing'
  | 'control-vs-control'
  | 'agreement-vs-denial'
  | 'destination-mismatch'
  | 'deal-terms'
  | 'casualty-mismatch'
  | 'asserted-vs-denied';

export interface ContradictionSide {
  clusterId: string;
  /** The mentions that make this side's claim, with their evidence and sentence. */
  mentions: ClusterMention[];
  /** Who makes it: each outlet, or the source it quotes with the outlet ("SDF spokesman (Demo Wire)"), sorted. */
  sources: string[];
  /** A readable summary of the side ("Iraqi forces captured Mosul, 2017-07-09..2017-07-10"). */
  claim: string;
}

export interface Contradiction {
  /** `cx-` + 12 hex digits of the SHA-1 of kind and both cluster ids. */
  id: string;
  kind: ContradictionKind;
  /** For `asserted-vs-denied` and in-cluster `agreement-vs-denial`, both sides name the same cluster. */
  a: ContradictionSide;
  b: ContradictionSide;
  explanation: string;
}

export interface ControlPeriod {
  /** Null when a loss is reported but nobody is named as the new holder. */
  holder: FusedActor | null;
  from: string;
  /** Inclusive end: the day before the next period starts; null while it lasts. */
  to: string | null;
  /** The control change that opened the period; null when it opens with a claim that someone holds the place. */
  changeClusterId: string | null;
  /**
   * Who lost the place when the change opened the period: the change's loser, else the named actor
   * told leaving the place in the change's days (an asserted withdrawal); null when unknown or no change.
   */
  loser: FusedActor | null;
  /** Every cluster that says this holder held the place in the period, sorted. */
  claims: string[];
  /** Ids of the contradictions against the period's claims (e.g. "fighting continues", "still holds"), sorted. */
  contradictions: string[];
  status: ClaimStatus;
}

export interface ControlTimeline {
  place: PlaceRef;
  /** Chronological. */
  periods: ControlPeriod[];
}

export interface TrajectoryStep {
  place: PlaceRef;
  from: string;
  to: string;
  /** The clusters that put the actor there, in time order. */
  clusterIds: string[];
  /** The strongest status among those clusters. */
  status: ClaimStatus;
}

/** Properties of each leg of a trajectory's GeoJSON. */
export interface TrajectoryLegProperties {
  actorId: string;
  from: string;
  to: string;
  /** Departure: the end of the step left; arrival: the start of the step reached. */
  departed: string;
  arrived: string;
  clusterIds: string[];
  status: ClaimStatus;
}

export interface Trajectory {
  actor: ActorRef;
  /** Which of the actor's units, when its points make several paths no one unit could travel ("from Qalamoun, 2017-08-28"); null when one. */
  unit: string | null;
  steps: TrajectoryStep[];
  /** One LineString per leg between consecutive steps. */
  geojson: FeatureCollection<LineString, TrajectoryLegProperties>;
}

/** A named axis: from the documents (`Extraction.corridors`) or from resources/corridors.json. */
export interface CorridorDefinition {
  name: string;
  waypoints: PlaceRef[];
  origin: 'extracted' | 'user';
  /** A user-defined buffer; null for the default (`corridorBufferKm` in resources/fusion.json). */
  bufferKm: number | null;
  /** Where documents name the corridor (also for user-defined corridors the documents name). */
  mentions: { docId: string; start: number; end: number; text: string }[];
}

export interface CorridorMovement {
  clusterId: string;
  agent: FusedActor | null;
  from: PlaceRef | null;
  to: PlaceRef | null;
  time: TimeWindow | null;
  /** `forward` follows the waypoints' order, `backward` goes against it. */
  direction: 'forward' | 'backward' | 'unknown';
  status: ClaimStatus;
}

export interface CorridorReport {
  name: string;
  origin: 'extracted' | 'user';
  waypoints: PlaceRef[];
  /** Null when fewer than two waypoints are known: distances are then taken to the single waypoint. */
  line: LineString | null;
  bufferKm: number;
  mentions: CorridorDefinition['mentions'];
  /** Clusters with a place within `bufferKm` of the line, in time order. */
  events: { clusterId: string; type: EventType; subtype: string; claim: string; distanceKm: number; status: ClaimStatus }[];
  /** Control over time at each waypoint. */
  control: ControlTimeline[];
  movements: CorridorMovement[];
}

export interface SourceProfile {
  /** `outlet` for publishers, `source` for the named people, officials and groups they quote. */
  kind: 'outlet' | 'source';
  name: string;
  /** Clusters this outlet or source makes a factual claim in. */
  claims: number;
  /** ...of which corroborated by another independent source. */
  corroborated: number;
  /** ...of which take part in a contradiction. */
  contradicted: number;
  /** ...of which its assertion rests on a single independent source (its own, or the one it relays). */
  alone: number;
}

export interface FusionResult {
  clusters: EventCluster[];
  contradictions: Contradiction[];
  timelines: ControlTimeline[];
  trajectories: Trajectory[];
  corridors: CorridorReport[];
  sources: SourceProfile[];
}

/** The compact record of the fusion state kept per snapshot (`snapshot:<id>` in the store). */
export interface SnapshotDigest {
  snapshotId: number;
  createdAt: string;
  /** Cluster id -> its mention keys, status, score and a readable label. */
  clusters: Record<string, { mentions: MentionKey[]; status: ClaimStatus; score: number; label: string }>;
  /** Contradiction id -> kind and the two cluster ids. */
  contradictions: Record<string, { kind: ContradictionKind; a: string; b: string }>;
  /** Place key -> control periods. */
  control: Record<string, { place: string; periods: { holder: string | null; from: string; status: ClaimStatus; changeClusterId: string | null }[] }>;
}

/** What changed between two snapshots (`corridor diff <a> <b>`). */
export interface FusionDiff {
  from: number;
  to: number;
  eventsAdded: { mention: MentionKey; clusterId: string; label: string }[];
  eventsRemoved: { mention: MentionKey; clusterId: string; label: string }[];
  /** Clusters of `to` made from two or more clusters of `from`. */
  clustersMerged: { clusterId: string; label: string; from: string[] }[];
  newlyCorroborated: { clusterId: string; label: string; before: number; after: number }[];
  newlyContradicted: { contradictionId: string; kind: ContradictionKind; a: string; b: string; labels: [string, string] }[];
  controlChanges: { place: string; holder: string | null; from: string; change: 'added' | 'removed' | 'status-changed'; status: ClaimStatus; before?: ClaimStatus }[];
}
