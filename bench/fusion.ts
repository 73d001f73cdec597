/**
 * Fusion benchmark: the cost of adding one document as the fused state grows
 * to 100k events. Extractions are synthetic and reproducible from a seed:
 * most events retell a recent "real" event (several outlets, each leaving out
 * different details), the rest are new, so clusters, contradictions and
 * the indexes grow as they would with real reporting. Adding a document
 * should cost the same at 1k and at 100k events.
 *
 * Run: `node dist/bench/fusion.js [--json]`, or `benchFusion()` from `npm run bench`.
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { addDocuments, createFusionContext, emptyState, restoreState, saveState, type FusionInput, type FusionState } from '../src/fusion/index.js';
import type { ActorKind, ActorRef, Event, EventType, Extraction, Modality, PlaceRef, SourceKind } from '../src/types.js';
import { seededRandom } from './synthetic.js';

const CHECKPOINTS = [1_000, 10_000, 50_000, 100_000];
const EVENTS_PER_DOCUMENT = 5;
/** Single-document additions timed at each checkpoint. */
const SAMPLES = 50;
const DAY_MS = 86_400_000;
const START = Date.UTC(2015, 0, 1);
const DAYS = 3 * 365;

const SUBTYPES: Record<EventType, string[]> = {
  movement: ['relocated', 'withdrew', 'fled', 'advanced'],
  control: ['captured', 'retaken', 'lost', 'holds', 'besieged'],
  attack: ['clash', 'airstrike', 'shelling', 'bombing'],
  agreement: ['evacuation-deal', 'ceasefire'],
  declaration: ['victory', 'defeat'],
  governance: ['taxation', 'administration'],
  displacement: ['civilians-displaced'],
  protest: ['peaceful'],
};
const TYPES = Object.keys(SUBTYPES) as EventType[];
const KINDS: ActorKind[] = ['armed-group', 'state-force', 'militia', 'state', 'coalition', 'generic'];
const MODALITIES: Modality[] = ['asserted', 'asserted', 'reported', 'reported', 'claimed', 'denied', 'speculative'];
const SOURCE_KINDS: SourceKind[] = ['official', 'named-person', 'anonymous', 'group', 'outlet'];

interface World {
  places: PlaceRef[];
  actors: (ActorRef & { kind: ActorKind })[];
  outlets: string[];
}

/** 2,000 places over Syria and Iraq, 60 actors, 40 outlets. */
function makeWorld(random: () => number): World {
  const places = Array.from({ length: 2000 }, (_, i): PlaceRef => ({
    geonameid: 1_000_000 + i, name: `Place ${i}`, lat: 32 + random() * 5, lon: 36 + random() * 10,
  }));
  const actors = Array.from({ length: 60 }, (_, i) => ({ actorId: `actor-${i}`, name: `Actor ${i}`, kind: KINDS[i % KINDS.length]! }));
  const outlets = Array.from({ length: 40 }, (_, i) => `Outlet ${i}`);
  return { places, actors, outlets };
}

interface TrueEvent {
  type: EventType;
  subtype: string;
  agent: number;
  patient: number | null;
  place: number;
  destination: number | null;
  day: number;
}

function makeGenerator(seed: number) {
  const random = seededRandom(seed);
  const world = makeWorld(random);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const recent: TrueEvent[] = [];
  let serial = 0;
  let clock = 0;

  const trueEvent = (): TrueEvent => {
    const type = pick(TYPES);
    return {
      type, subtype: pick(SUBTYPES[type]), agent: Math.floor(random() * world.actors.length),
      patient: random() < 0.5 ? Math.floor(random() * world.actors.length) : null,
      place: Math.floor(random() * world.places.length),
      destination: type === 'movement' ? Math.floor(random() * world.places.length) : null,
      day: Math.min(DAYS - 1, Math.floor(clock + random() * 5)),
    };
  };

  const iso = (day: number) => new Date(START + day * DAY_MS).toISOString().slice(0, 10);

  /** One document: most events retell a recent true event, leaving out details at random. */
  return function document(): FusionInput {
    const id = `doc-${String(serial++).padStart(7, '0')}`;
    clock = Math.min(DAYS - 6, clock + 0.05);
    const outlet = pick(world.outlets);
    const events: Event[] = [];
    for (let i = 0; i < EVENTS_PER_DOCUMENT; i++) {
      let e: TrueEvent;
      if (recent.length > 0 && random() < 0.7) e = pick(recent);
      else {
        e = trueEvent();
        recent.push(e);
        if (recent.length > 400) recent.shift();
      }
      const keep = () => random() < 0.8;
      const agent = keep() ? world.actors[e.agent]! : null;
      const patient = e.patient !== null && keep() ? world.actors[e.patient]! : null;
      const place = world.places[e.place]!;
      const movement = e.type === 'movement';
      const via = random() < 0.6 ? [{ source: `Source ${Math.floor(random() * 200)}`, sourceKind: pick(SOURCE_KINDS), affiliation: null, cueStart: null, cueEnd: null }] : [];
      const chain = [{ source: outlet, sourceKind: 'author' as const, affiliation: null, cueStart: null, cueEnd: null }, ...via];
      const modality = pick(MODALITIES);
      const start = i * 100;
      events.push({
        id: `${id}:${start}:${e.type}`, type: e.type, subtype: e.subtype,
        agent: agent && { actorId: agent.actorId, name: agent.name }, patient: patient && { actorId: patient.actorId, name: patient.name },
        location: movement ? null : place,
        origin: movement && keep() ? place : null,
        destination: movement && e.destination !== null ? world.places[e.destination]! : null,
        time: keep() ? { from: iso(e.day), to: iso(e.day), precision: 'day', basis: 'clause' } : { from: iso(e.day), to: iso(e.day + 6), precision: 'week', basis: 'document' },
        evidence: [{ start, end: start + 5 }, { start, end: start + 80 }],
        trigger: { start, end: start + 5, text: 'event' },
        attribution: { source: chain.at(-1)!.source, sourceKind: chain.at(-1)!.sourceKind, cueStart: null, cueEnd: null, chain, rule: 'bench' },
        modality, negated: false,
        factuality: { certainty: 'certain', polarity: modality === 'denied' ? 'negative' : 'positive' },
        plover: null, casualties: null, placePrecision: 'exact', placeBasis: 'clause', intent: null, confidence: 0.8, rule: 'bench',
      });
    }
    const publishedAt = iso(Math.floor(clock) + 5);
    const actorsOf = events.flatMap((e) => [e.agent, e.patient]).filter((a): a is ActorRef => a !== null);
    const extraction: Extraction = {
      document: { id, title: null, url: null, outlet, publishedAt },
      places: [], times: [], statements: [], corridors: [], messages: [],
      actors: actorsOf.map((a) => ({ start: 0, end: 0, text: '', actorId: a.actorId, name: a.name, kind: world.actors[Number(a.actorId.slice(6))]!.kind })),
      events,
      sentences: [{ start: 0, end: EVENTS_PER_DOCUMENT * 100, stance: 'reported', paragraph: 0 }],
    };
    return { document: { id, outlet, publishedAt }, extraction };
  };
}

interface Checkpoint {
  events: number;
  clusters: number;
  contradictions: number;
  /** Milliseconds to add one document of 5 events. */
  addOneMedianMs: number;
  addOneP95Ms: number;
  heapMb: number;
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Grows a state to 100k events and times single-document additions on the way. */
export async function benchFusion(options: { seed?: number; log?: (line: string) => void } = {}): Promise<object> {
  const log = options.log ?? (() => {});
  const context = createFusionContext();
  // Warm the JIT on a throwaway state so the first checkpoint measures steady-state code too.
  const warm = makeGenerator(1);
  const scratch = emptyState(context);
  for (let i = 0; i < 300; i++) addDocuments(scratch, [warm()]);
  const next = makeGenerator(options.seed ?? 2017);
  const state: FusionState = emptyState(context);
  const checkpoints: Checkpoint[] = [];
  const growStart = performance.now();
  for (const target of CHECKPOINTS) {
    while (state.mentions.size + SAMPLES * EVENTS_PER_DOCUMENT < target) {
      addDocuments(state, Array.from({ length: 50 }, next));
    }
    const times: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const doc = next();
      const t0 = performance.now();
      addDocuments(state, [doc]);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const row: Checkpoint = {
      events: state.mentions.size, clusters: state.clusters.size, contradictions: state.contradictions.size,
      addOneMedianMs: round(quantile(times, 0.5)), addOneP95Ms: round(quantile(times, 0.95)),
      heapMb: Math.round(process.memoryUsage().heapUsed / 1e6),
    };
    checkpoints.push(row);
    log(`  ${String(row.events).padStart(7)}  ${String(row.clusters).padStart(8)}  ${String(row.contradictions).padStart(14)}  ${row.addOneMedianMs.toFixed(3).padStart(10)}  ${row.addOneP95Ms.toFixed(3).padStart(8)}  ${String(row.heapMb).padStart(7)}`);
  }
  const growSeconds = (performance.now() - growStart) / 1000;

  // Saving and restoring (what `refreshFusion` does per ingest run) is linear in the state.
  let t0 = performance.now();
  const json = JSON.stringify(saveState(state));
  const saveMs = performance.now() - t0;
  t0 = performance.now();
  restoreState(JSON.parse(json), context);
  const restoreMs = performance.now() - t0;
  const flatness = checkpoints.at(-1)!.addOneMedianMs / checkpoints[0]!.addOneMedianMs;
  return {
    eventsPerDocument: EVENTS_PER_DOCUMENT,
    checkpoints,
    /** Median cost of one document at 100k events over its cost at 1k. */
    flatness: round(flatness, 2),
    growToFinalSeconds: round(growSeconds, 1),
    saved: { megabytes: round(json.length / 1e6, 1), saveMs: Math.round(saveMs), restoreMs: Math.round(restoreMs) },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const asJson = process.argv.includes('--json');
  const log = (line: string) => { if (!asJson) process.stdout.write(`${line}\n`); };
  log('Fusion: cost of adding one document (5 events) as the state grows');
  log('   events  clusters  contradictions   median ms    p95 ms  heap MB');
  const result = await benchFusion({ log }) as { flatness: number; growToFinalSeconds: number; saved: { megabytes: number; saveMs: number; restoreMs: number } };
  if (asJson) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else {
    log(`100k/1k median ratio: ${result.flatness} (flat is ~1); grown in ${result.growToFinalSeconds} s`);
    log(`saved state at 100k events: ${result.saved.megabytes} MB, save ${result.saved.saveMs} ms, restore ${result.saved.restoreMs} ms`);
  }
}
