/**
 * The extraction contract: what Corridor produces for one document.
 *
 * Defined once, exported from the package root, documented in the README and
 * turned into a JSON Schema (`schema/extraction.schema.json`) that the tests
 * check real output against. Every `start`/`end` (and `cueStart`/`cueEnd`) is
 * a 0-based, end-exclusive UTF-16 offset into `DocumentMeta.text`, the text as
 * given (JavaScript string indices), and `text.slice(start, end)` is exactly
 * the matched text.
 */

/** A span of the document text. */
export interface Span {
  start: number;
  end: number;
}

/** A problem found while processing a document (vfile-style message). */
export interface Message {
  /** Stable rule id, e.g. `geo:ambiguous`, `time:unparsable`, `ingest:empty`. */
  ruleId: string;
  reason: string;
  start?: number;
  end?: number;
  /** Only fatal messages stop a document. */
  fatal: boolean;
}

export interface DocumentMeta {
  /** SHA-256 (hex) of the text's canonical form (`normaliseText`), so other line endings make no other document. */
  id: string;
  title: string | null;
  url: string | null;
  outlet: string | null;
  author: string | null;
  /** ISO date (YYYY-MM-DD) or date-time; null when unknown — never silently "now". */
  publishedAt: string | null;
  /** Where publishedAt came from. */
  publishedAtSource: 'metadata' | 'dateline' | 'text' | 'user' | null;
  /** ISO 639-3 code from language detection, `und` when unsure. */
  language: string;
  /**
   * The text as given, which every offset indexes: a plain-text file's decoded
   * characters (a byte-order mark kept as U+FEFF at index 0, CRLF kept), a JSON
   * Lines record's `text`, or the text a reader extracted from Markdown, HTML or
   * a feed item.
   */
  text: string;
}

export type PlaceKind =
  | 'literal'
  | 'metonymic'
  | 'demonym'
  | 'modifier';

/** How the coordinates were obtained. */
export type PlaceResolution = 'gazetteer' | 'context';

/** UCDP/ACLED-style spatial precision. */
export type PlacePrecision = 'exact' | 'nearby' | 'admin' | 'country' | 'region';

/**
 * How an event was placed: by a place its own clause attaches (`clause`), by "the city", "this
 * village" or "there" standing for a place named before (`anaphor`), or by its sentence's place
 * when the clause names none (`sentence`).
 */
export type PlaceBasis = 'clause' | 'anaphor' | 'sentence';

/** A place as referenced by events and corridors. */
export interface PlaceRef {
  geonameid: number | null;
  name: string;
  lat: number;
  lon: number;
}

/** A toponym found in the text and resolved to a gazetteer entry. */
export interface PlaceMention extends Span, PlaceRef {
  text: string;
  /** ISO 3166-1 alpha-2 code. */
  country: string | null;
  /** Name of the first-level administrative division. */
  admin1: string | null;
  /** GeoNames feature code (PPLA, ADM1, PCLI, CONT, RGN...). */
  featureCode: string;
  kind: PlaceKind;
  resolution: PlaceResolution;
  precision: PlacePrecision;
  /** 0..1 */
  confidence: number;
  /**
   * The recogniser's rule that found the mention: `name:single`, `name:multiword`
   * (`+arabic-key` when found by its Arabic key, `+sub-place` after "east", "Old"...), `acronym`, `acronym:after-place`,
   * `demonym`, `feature-head`, `locative-cue`, `anchor-cue` (a name the gazetteer lacks, before
   * "west of Y", "20 km from Y" or "district of Y"), `coordination` (one the gazetteer lacks, listed with a known
   * place after a cue: "from Humayma and As Sukhnah"), `given-span`...
   */
  rule: string;
  /**
   * Why it was placed where it is: the resolvers whose scores chose the entry
   * (`prior`, `coherence:country`, `coherence:admin1`, `coherence:distance`,
   * `containment`, `containment:near`, `containment:holds`, `focus`, and `anchor:<cue>` when a cue
   * such as "west of Kirkuk" or "Mosul's" kept only the entries near that place), or, when placed
   * from context, what it was placed by (`context:own-name`, `context:anchor` with its `anchor:<cue>`,
   * `context:container`, `context:sentence`, `context:document`).
   */
  reasons: string[];
}

export type ActorKind =
  | 'armed-group'
  | 'state'
  | 'state-force'
  | 'coalition'
  | 'militia'
  | 'organisation'
  | 'civilians'
  | 'generic';

export interface ActorMention extends Span {
  text: string;
  actorId: string;
  name: string;
  kind: ActorKind;
  /** Set when the mention is a pronoun, "the group" or a generic "coalition" resolved to an earlier mention. */
  antecedent?: Span;
  /** Set when a document-level rule, not a name, made the mention (`actors:bare-force`: a bare "the army" or "troops" read as the first state force the document named before it). */
  rule?: string;
}

export type TimePrecision = 'day' | 'week' | 'month' | 'year';

export interface TimeMention extends Span {
  text: string;
  /** ISO date, inclusive. */
  from: string;
  /** ISO date, inclusive. */
  to: string;
  precision: TimePrecision;
  /** Whether the date was stated in the text or implied from the reference date (chrono assign/imply). */
  certainty: 'stated' | 'implied';
}

export type EventType =
  | 'movement'
  | 'control'
  | 'attack'
  | 'agreement'
  | 'governance'
  | 'displacement'
  | 'declaration'
  /** Protests and riots (ACLED's Protests and Riots, PLOVER's PROTEST). */
  | 'protest';

export type SourceKind = 'author' | 'named-person' | 'official' | 'outlet' | 'anonymous' | 'group';

export type Modality =
  | 'asserted'
  | 'reported'
  | 'claimed'
  | 'alleged'
  | 'denied'
  | 'hedged'
  | 'speculative'
  | 'question'
  | 'planned'
  | 'conditional';

export type Stance = 'fact' | 'reported' | 'opinion' | 'speculation' | 'question';

/** FactBank-style factuality. */
export interface Factuality {
  certainty: 'certain' | 'probable' | 'possible' | 'underspecified';
  polarity: 'positive' | 'negative' | 'unknown';
}

/** One link in the chain of sources, outermost (the author) first. */
export interface SourceLink {
  source: string;
  sourceKind: SourceKind;
  /** Who the source speaks for, when the text says so (see `Statement.affiliation`). */
  affiliation: string | null;
  cueStart: number | null;
  cueEnd: number | null;
}

export interface Attribution {
  /** The innermost source: who actually asserts the event. */
  source: string;
  sourceKind: SourceKind;
  /** The reporting cue ("said", "according to"), null for the author's own voice. */
  cueStart: number | null;
  cueEnd: number | null;
  /** author -> outlet -> quoted source. */
  chain: SourceLink[];
  /** What gave the source: the innermost statement's `rule`, or `claims:author` for the document's own voice. */
  rule: string;
}

export interface ActorRef {
  actorId: string;
  name: string;
}

/** PLOVER event ontology mapping. */
export interface Plover {
  type: string;
  mode: string | null;
  context: string[];
}

export interface EventTime {
  from: string | null;
  to: string | null;
  precision: TimePrecision | null;
  /** Where the time came from: the event's own clause, its sentence, or the document date. */
  basis: 'clause' | 'sentence' | 'document' | 'none';
}

/** What a casualty figure counts. */
export type CasualtyKind = 'killed' | 'wounded' | 'abducted';

/** The words behind one casualty figure or one mention of civilian victims. */
export interface CasualtyEvidence extends Span {
  /** The figure it backs; `civilians` for words that only say who the victims are. */
  kind: CasualtyKind | 'civilians';
  text: string;
  /** The rule that read it (`casualties:count-before`, `casualties:count-after`, ...). */
  rule: string;
}

/**
 * The people an event killed, wounded or abducted, as its report counts them (the lowest figure
 * when it gives a range: resources/casualties.md). A count is null when the report gives none.
 */
export interface Casualties {
  killed: number | null;
  wounded: number | null;
  abducted: number | null;
  /** Whether the victims are civilians; null when the report does not say. */
  civilians: boolean | null;
  /** The words each figure was read from, in text order. */
  evidence: CasualtyEvidence[];
}

export interface Event {
  /** Stable within a document: `<docId prefix>:<evidence start>:<type>`. */
  id: string;
  type: EventType;
  subtype: string;
  agent: ActorRef | null;
  patient: ActorRef | null;
  location: PlaceRef | null;
  origin: PlaceRef | null;
  destination: PlaceRef | null;
  time: EventTime;
  /** The clause and the trigger word, first the trigger. */
  evidence: Span[];
  /** The cue word that triggered the event. */
  trigger: Span & { text: string };
  /** Who asserts the event; null until the claims stage has read it (a pipeline without claims). */
  attribution: Attribution | null;
  /** How the source asserts it; null until the claims stage has read it. */
  modality: Modality | null;
  negated: boolean;
  /**
   * The words that give the event as an aim rather than a happening ("an offensive **to** retake
   * the town", "an assault **aimed at** retaking", "**ready to** leave"), null when there are none.
   * The events stage marks it; what it makes of the event's modality is the claims stage's to say.
   */
  intent: (Span & { text: string }) | null;
  /**
   * Present only on a control event whose object is a part of its place ("retook **parts of** the
   * city", "took **most of the eastern districts of** Aleppo"): the words that say so. The place did
   * not change hands as a whole; fusion records no change of holder for it.
   */
  part?: Span & { text: string };
  /** null until the claims stage has read it. */
  factuality: Factuality | null;
  plover: Plover | null;
  /** Casualty figures read in the event's clause or sentence; null when it gives none. */
  casualties: Casualties | null;
  placePrecision: PlacePrecision | null;
  /** How the event's place was found; null when it has none. */
  placeBasis: PlaceBasis | null;
  confidence: number;
  /** The rule that produced the event (for debug traces). */
  rule: string;
}

/** An event the claims stage has read: who asserts it and how are known. */
export type CheckedEvent = Event & { attribution: Attribution; modality: Modality; factuality: Factuality };

/** Modalities of what has not happened: planned, intended, threatened, avoided or future events, and conditions. */
const NOT_OCCURRED: ReadonlySet<Modality> = new Set(['planned', 'conditional']);

/**
 * Whether the event is told as something that happened (however sure its source): not a plan, an
 * aim, an avoided or future event, nor a condition. Fusion, the map's default view and control
 * timelines count only these.
 */
export function isOccurrence(event: Pick<Event, 'modality' | 'intent'>): boolean {
  return event.modality !== null && !NOT_OCCURRED.has(event.modality) && event.intent === null;
}

/** Whether the claims stage has read the event (what a pipeline without it leaves null). */
export function isChecked(event: Event): event is CheckedEvent {
  return event.attribution !== null && event.modality !== null && event.factuality !== null;
}

export interface Statement extends Span {
  speaker: string;
  speakerKind: SourceKind;
  /**
   * The institution or group the speaker speaks for, when the document says
   * so: "Pavel Orlov, a ministry spokesman" after "Russia's defence ministry"
   * said something is "Russia's defence ministry"; a later "Orlov" keeps it.
   * Fusion counts a spokesman and his institution as one source.
   */
  affiliation: string | null;
  cueStart: number | null;
  cueEnd: number | null;
  /** Index of the enclosing statement for nested attribution (an outlet quoting a source). */
  parent: number | null;
  form: 'direct-quote' | 'reported-speech' | 'according-to' | 'outlet-report' | 'block-quote';
  /** The recogniser that found it (`claims:<name>`, see src/claims/recognisers.ts), for debug traces. */
  rule: string;
}

export interface Sentence extends Span {
  /** null until the claims stage has read it (a pipeline without claims). */
  stance: Stance | null;
  paragraph: number;
}

export interface CorridorWaypoint extends PlaceRef {
  start: number | null;
  end: number | null;
}

export interface Corridor extends Span {
  name: string;
  text: string;
  waypoints: CorridorWaypoint[];
}

export interface Extraction {
  document: Pick<DocumentMeta, 'id' | 'title' | 'url' | 'outlet' | 'publishedAt'>;
  places: PlaceMention[];
  actors: ActorMention[];
  times: TimeMention[];
  events: Event[];
  statements: Statement[];
  sentences: Sentence[];
  corridors: Corridor[];
  messages: Message[];
}
