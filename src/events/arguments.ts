import type { Analysis } from '../pipeline.js';
import type { PlaceMention } from '../types.js';
import type { Clause } from './clauses.js';
import type { ArgumentRole, EventCue, EventCueLexicon, FormKind, SlotRoles } from './lexicon.js';
import type { Entity, SentenceView, Word } from '../text/sentence-view.js';

/** The arguments found for one trigger, as indices into `analysis.actors` / `analysis.places`. */
export interface Arguments {
  agent: number | null;
  patient: number | null;
  origin: number | null;
  destination: number | null;
  location: number | null;
  /** Roles whose place was introduced by "near", "outside", "X outskirts"... */
  nearby: Set<ArgumentRole>;
  /** The place role filled by "the town", "there" standing for a place named before (see placement.ts). */
  anaphor?: ArgumentRole;
  passive: boolean;
}

/** Where a trigger sits: its words, the form that matched and its clause. */
export interface TriggerSite {
  view: SentenceView;
  clauses: readonly Clause[];
  clause: Clause;
  first: number;
  last: number;
  cue: EventCue;
  formKinds: FormKind[];
  /** How the trigger reads here: a verb cue after a determiner is a noun ("during the fighting"). */
  pos: 'verb' | 'noun';
  /** Every trigger of the sentence (this one included): a later trigger takes the phrases after it. */
  others: readonly TriggerSite[];
  /** The verb that carries a noun trigger ("**launched** an attack", "the explosion **occurred**"), as word indices, with its lemma. */
  support?: { first: number; last: number; lemma: string; relative?: boolean };
}

interface Candidate {
  role: ArgumentRole;
  entity: Entity;
  /** Lower wins: direct subject/object 1, prepositional 2, place subject of an active verb 3, unattached 4, a later trigger's 5. */
  priority: number;
  distance: number;
  nearby: boolean;
}

interface Governor {
  preposition: string | null;
  nearby: boolean;
  /** The walk reached the boundary with only filler words in between. */
  adjacent: boolean;
}

/**
 * A phrase before the trigger often sits on the subject ("detainees at Guantanamo were captured in
 * Afghanistan", "tanks stationed in Gaza shelled the town of Deir el-Balah"): one after the verb wins over it.
 */
const BEFORE_PHRASE = 2.5;

const ADVERBS = new Set(['still', 'also', 'then', 'already', 'later', 'again', 'reportedly', 'allegedly', 'apparently', 'just', 'now', 'finally', 'eventually', 'quickly', 'recently', 'completely', 'fully', 'partially', 'effectively']);
const COORDINATION = new Set(['and', 'or', ',', '&']);

/** Reads arguments off a clause with the lexicon's frames; one instance per lexicon. */
export class ArgumentReader {
  private readonly namedPlaces = new WeakMap<Entity, Entity>();

  constructor(private readonly lexicon: EventCueLexicon, private readonly analysis: Readonly<Analysis>) {}

  read(site: TriggerSite): Arguments {
    const { view, clause, cue, first, last, pos } = site;
    const { frame } = cue;
    const voice = pos === 'verb' ? this.passiveVoice(site) : null;
    const passive = voice !== null;
    const candidates: Candidate[] = [];
    const subjectRoles: SlotRoles = passive ? frame.passiveSubject : frame.subject;
    const add = (entity: Entity, role: ArgumentRole | null | undefined, priority: number, nearby: boolean) => {
      if (!role) return;
      const distance = entity.first > last ? entity.first - last : first - entity.last;
      candidates.push({ role, entity, priority, distance, nearby });
    };

    if (isHyphenated(view, first)) return this.readCompound(site, add, candidates);

    // "the Raqqa-Palmyra corridor": places joined by a dash before a noun are its two ends.
    const route = pos === 'noun' ? joinedPlacesBefore(view, first) : null;
    if (route && frame.prepositions.from?.place === 'origin' && frame.prepositions.to?.place === 'destination') {
      add(route[0], 'origin', 1, false);
      add(route[1], 'destination', 1, false);
    }

    // Before the trigger, nearest first: the subject, or prepositional phrases such as "fighters in Raqqa".
    // A noun inside a prepositional phrase has no subject there: "forces backed by Russian air strikes";
    // nor has a noun that a verb ends ("broke the siege"); a participle after its noun ("strongholds held by IS")
    // takes no actor from further back ("the army has taken Albu Kamal, the last town held by IS").
    // An actor right before a noun trigger is its subject whatever governs it: "years of IS rule"; an actor right
    // before another noun trigger is that one's ("broke the IS siege, reaching troops").
    const subjectSeen = { actor: false, place: false };
    const nounInPhrase = pos === 'noun' && !cue.phraseSubject && this.governor(view, first, clause.first).preposition !== null;
    const onlyAdjacent = voice === 'reduced' || (pos === 'noun' && this.endedByVerb(view, clause, first));
    // "let the militants leave", "denied allowing any convoy to leave": after a causative verb the mover
    // stands between it and the trigger, or is not named at all.
    const causative = this.causativeBefore(view, clause, first);
    const before = nounInPhrase ? [] : view.entities.filter((e) => e.last < first && e.first >= clause.first && e.first > causative
      && !this.isModifier(view, e) && !this.isPossessor(site, e) && !this.inApposition(view, e, clause.first, first)).reverse();
    // "after IS fighters withdrew": the subordinator that opens the clause governs no phrase.
    const first0 = view.words[clause.first]!;
    const opener = !first0.named && this.lexicon.clauses.subordinators.has(first0.lower) ? 1 : 0;
    for (const e of before) {
      // "panic among residents fleeing to Gisenyi": an actor right before an -ing form is its subject, as before a noun.
      const possessor = (pos === 'noun' || /ing$/i.test(view.words[first]!.text)) && e.kind === 'actor' && e.last === first - 1;
      const gov = possessor ? null : this.governor(view, e.first, clause.first + opener);
      if (!gov?.preposition && onlyAdjacent && !possessor && !(voice === 'reduced' && e.kind === 'place')) continue;
      if (gov?.preposition) {
        const nearby = gov.nearby || this.followedByOutskirts(view, e);
        add(this.possessed(view, e) ?? e, frame.prepositionsBefore[gov.preposition]?.[e.kind], BEFORE_PHRASE, nearby);
        const named = this.namedPlace(e);
        if (named) add(named, frame.prepositionsBefore[gov.preposition]?.place, BEFORE_PHRASE, nearby);
      } else if (!subjectSeen[e.kind] && !this.isQualifier(view, e)) {
        subjectSeen[e.kind] = true;
        const subject = e.kind === 'actor' && !passive ? this.firstConjunct(view, e, clause.first + opener) : e;
        add(subject, subjectRoles[e.kind], e.kind === 'actor' || passive ? 1 : 3, this.followedByOutskirts(view, e));
      }
    }
    if (pos === 'verb' && voice !== 'reduced' && causative < 0 && (!subjectSeen.actor || (!subjectSeen.place && clause.kind === 'relative'))) {
      const antecedent = this.antecedent(site, subjectSeen.actor ? 'place' : null);
      if (antecedent) add(antecedent, subjectRoles[antecedent.kind], antecedent.kind === 'actor' || passive ? 1 : 3, false);
    }

    // After the trigger: object, prepositional phrases, coordinated and unattached places, up to a word
    // that starts another phrase ("along the highway linking Deir ez-Zor to Palmyra").
    let scopeEnd = frame.scope === 'sentence' ? view.words.length - 1 : clause.last;
    for (let k = last + 1; k <= scopeEnd; k++) {
      if (!view.words[k]!.named && frame.stopAt.includes(view.words[k]!.lower)) scopeEnd = k - 1;
    }
    let objectTaken = false;
    // "captured Palmyra in May and lost it in March": "it" as the object is the last place named before.
    const pronounPlace = pos === 'verb' && frame.object.place ? this.pronounObject(view, last, clause.first) : null;
    if (pronounPlace) {
      objectTaken = true;
      add(pronounPlace, frame.object.place, 1, false);
    }
    let previous: { entity: Entity; candidate: Candidate | null } | null = null;
    for (const e of view.entities.filter((x) => x.first > last && x.last <= scopeEnd)) {
      if (this.isQualifier(view, e)) continue;
      const gov = this.governor(view, e.first, previous ? previous.entity.last + 1 : last + 1, true);
      const nearby = gov.nearby || this.followedByOutskirts(view, e);
      const count = candidates.length;
      const claimant = gov.preposition ? this.laterClaimant(site, e, gov.preposition) : null;
      if (claimant) {
        // A phrase after a later trigger is that trigger's: in "corridors to let fighters move to X and towns
        // controlled by Y", "by Y" is not the corridor's agent. A place may still serve when nothing closer does
        // ("fighting continues to clear IS out of Mosul"), unless a noun holds it ("escaped the battle for Mosul").
        const place = e.kind === 'place' ? this.possessed(view, e) ?? e : this.namedPlace(e);
        if (place && claimant.pos === 'verb') add(place, frame.prepositions[gov.preposition!]?.place, 5, nearby);
      } else if (gov.preposition) {
        const mapped = frame.prepositions[gov.preposition]?.[e.kind];
        const byAgent = gov.preposition === 'by' && e.kind === 'actor' && passive ? 'agent' : undefined;
        add(this.possessed(view, e) ?? e, mapped ?? byAgent, 2, nearby);
        const named = this.namedPlace(e);
        if (named) add(named, frame.prepositions[gov.preposition]?.place, 2, nearby);
      } else if (previous && gov.adjacent === false && this.coordinated(view, previous.entity, e)) {
        if (previous.candidate && previous.entity.kind === e.kind) add(e, previous.candidate.role, previous.candidate.priority, nearby);
      } else if (!previous && gov.adjacent && pos === 'verb' && !objectTaken && (frame.object[e.kind] || (this.namedPlace(e) && frame.object.place))) {
        objectTaken = true;
        add(e, frame.object[e.kind], 1, nearby);
        const named = this.namedPlace(e);
        if (named) add(named, frame.object.place, 1, nearby);
      } else if (e.kind === 'place') {
        add(e, frame.otherPlace, 4, nearby);
      }
      previous = { entity: e, candidate: candidates.length > count ? candidates.at(-1)! : null };
    }

    return this.choose(candidates, passive);
  }

  /**
   * "IS-held villages", "an IS-held town in eastern Syria": a participle joined by a
   * hyphen is an adjective. Its only subject is the actor before the hyphen (none: no
   * event, "government-held areas" names no holder), and it reaches only a phrase on
   * the noun it modifies.
   */
  private readCompound(site: TriggerSite, add: (e: Entity, role: ArgumentRole | null | undefined, priority: number, nearby: boolean) => void, candidates: Candidate[]): Arguments {
    const { view, cue, first, last } = site;
    const holder = view.entities.find((e) => e.last === first - 2 && e.kind === 'actor');
    if (!holder) return this.choose([], false);
    add(holder, cue.frame.subject.actor, 1, false);
    for (const e of view.entities) {
      if (e.kind !== 'place' || e.first <= last || e.first > last + COMPOUND_REACH) continue;
      const gov = this.governor(view, e.first, last + 2);
      if (gov.preposition) add(e, cue.frame.prepositions[gov.preposition]?.place, 2, gov.nearby);
    }
    return this.choose(candidates, false);
  }

  /**
   * The place that "it" stands for when it is the verb's object ("lost it"): the last place named
   * earlier in the sentence, outside the trigger's own clause, that qualifies no other place.
   */
  private pronounObject(view: SentenceView, last: number, clauseFirst: number): Entity | null {
    let k = last + 1;
    while (view.words[k] && isAdverb(view.words[k]!)) k++;
    const object = view.words[k];
    if (!object || object.named || object.lower !== 'it') return null;
    return view.entities.filter((e) => e.kind === 'place' && e.last < clauseFirst && !this.isQualifier(view, e)).at(-1) ?? null;
  }

  /** A verb that ends what the noun after it names ("broke the siege", "ending IS rule") is no subject's deed of that noun. */
  private endedByVerb(view: SentenceView, clause: Clause, first: number): boolean {
    for (let k = Math.max(clause.first, first - ENDING_WINDOW); k < first; k++) {
      if (!view.words[k]!.named && this.lexicon.endingVerbs.has(view.words[k]!.lower)) return true;
    }
    return false;
  }

  /**
   * The last causative verb ("let", "allowed") before the trigger in its clause, or -1.
   * A passive one moves its own subject: "civilians had been allowed to leave".
   */
  private causativeBefore(view: SentenceView, clause: Clause, first: number): number {
    for (let k = first - 1; k >= clause.first; k--) {
      const w = view.words[k]!;
      if (w.named || !this.lexicon.causatives.has(w.lower)) continue;
      return this.lexicon.passiveAuxiliaries.has(view.words[k - 1]?.lower ?? '') ? -1 : k;
    }
    return -1;
  }

  /** The place an actor's name also names ("attacked Syria", "in northern Iraq"), as an entity of its own; one per actor entity. */
  private namedPlace(e: Entity): Entity | null {
    if (e.kind !== 'actor' || e.place === undefined) return null;
    let place = this.namedPlaces.get(e);
    if (!place) {
      place = { kind: 'place', index: e.place, first: e.first, last: e.last };
      this.namedPlaces.set(e, place);
    }
    return place;
  }

  /**
   * "Turkish troops and their Syrian rebel allies seized": of actors joined by "and" as an active subject, the
   * first is the one acting; the second (allies, partners) accompanies it.
   */
  private firstConjunct(view: SentenceView, e: Entity, clauseFirst: number): Entity {
    for (let k = e.first - 1; k > clauseFirst && k >= e.first - CONJUNCT_REACH; k--) {
      if (view.words[k]!.lower !== 'and') continue;
      const first = view.entities.find((x) => x.kind === 'actor' && x.last === k - 1);
      return first && !this.isModifier(view, first) && this.governor(view, first.first, clauseFirst).preposition === null ? first : e;
    }
    return e;
  }

  private isPossessor(site: TriggerSite, e: Entity): boolean {
    return site.others.some((o) => o !== site && o.pos === 'noun' && o.first === e.last + 1);
  }

  /**
   * "In Tal Afar, a city west of Mosul, gunmen ...": a place inside a comma-closed phrase on an
   * earlier place only describes that place; the event is where the phrase's head place is.
   */
  private inApposition(view: SentenceView, e: Entity, from: number, trigger: number): boolean {
    const { words } = view;
    const comma = (k: number) => !words[k]!.named && words[k]!.text === ',';
    let open = e.first - 1;
    while (open > from && !comma(open)) open--;
    const closed = words.slice(e.last + 1, trigger).some((w) => !w.named && w.text === ',');
    const head = words[open + 1]!;
    return open > from && closed && !head.named && head.text === head.lower
      && view.entities.some((p) => p.kind === 'place' && p.last === open - 1);
  }

  /** "US-backed forces", "the Syria-Lebanon border": an actor joined by a hyphen to the next word only modifies it. */
  private isModifier(view: SentenceView, e: Entity): boolean {
    return e.kind === 'actor' && isHyphenated(view, e.last + 2);
  }

  private laterClaimant(site: TriggerSite, e: Entity, preposition: string): TriggerSite | null {
    return site.others.findLast((other) => other !== site && other.last > site.last && other.last < e.first
      && !site.cue.frame.reachesPast.includes(other.cue.type)
      && !!other.cue.frame.prepositions[preposition]?.[e.kind]) ?? null;
  }

  private choose(candidates: Candidate[], passive: boolean): Arguments {
    const chosen: Arguments = { agent: null, patient: null, origin: null, destination: null, location: null, nearby: new Set(), passive };
    const used = new Set<Entity>();
    const ordered = [...candidates].sort((a, b) => a.priority - b.priority || a.distance - b.distance);
    for (const c of ordered) {
      if (chosen[c.role] !== null || used.has(c.entity)) continue;
      const isActorRole = c.role === 'agent' || c.role === 'patient';
      if (isActorRole !== (c.entity.kind === 'actor')) continue;
      chosen[c.role] = c.entity.index;
      used.add(c.entity);
      if (c.nearby) chosen.nearby.add(c.role);
    }
    // One actor cannot be both sides, one place both ends of a movement.
    if (chosen.agent !== null && chosen.patient !== null
      && this.analysis.actors[chosen.agent]!.actorId === this.analysis.actors[chosen.patient]!.actorId) chosen.patient = null;
    return chosen;
  }

  /**
   * Walks left from an entity over filler ("the town of") to the preposition
   * that governs it; stops at `bound`, at another entity or at a content word.
   * With `nounAttaches` (phrases after a trigger), "of" after a noun of its own
   * belongs to that noun: "with the support **of** X" is not the trigger's.
   */
  /**
   * A number counting the phrase's members, after "of" or an approximation: "the withdrawal of
   * (roughly) **70** ISIS fighters". A number after another word is a year or a date ("in 2014 IS
   * fighters seized", "in early 2014"), and stops the walk.
   */
  private isCount(words: SentenceView['words'], j: number): boolean {
    if (!/^\d[\d,.]*$/.test(words[j]!.text)) return false;
    const before = words[j - 1];
    return !!before && (before.lower === 'of' || APPROXIMATORS.has(before.lower));
  }

  governor(view: SentenceView, entityFirst: number, bound: number, nounAttaches = false): Governor {
    const { words } = view;
    const { phraseFiller, nearby: near } = this.lexicon;
    let nearby = false;
    let describers = 0;
    for (let j = entityFirst - 1; j >= bound; j--) {
      const w = words[j]!;
      if (w.entity >= 0) {
        // "in the West Bank town of Bethlehem": the place naming the kind's whereabouts is walked over.
        const owner = view.entities[w.entity]!;
        if (owner.kind === 'place' && owner.last === j && this.namesKindOfNext(view, owner)) {
          j = owner.first;
          continue;
        }
        // "in the rebel stronghold of Donetsk": an actor describing the noun before "of" names whose it is.
        if (owner.kind === 'actor' && describers > 0 && owner.last === j) {
          j = owner.first;
          describers--;
          continue;
        }
        return { preposition: null, nearby, adjacent: false };
      }
      // Demonyms and metonyms are modifiers here: "from the Syrian town of Palmyra".
      if (w.named) continue;
      if (w.lower === 'of') {
        const before = words[j - 1]?.lower ?? '';
        if (near.compass.has(before)) {
          // "to the countryside east of Deir ez-Zor": the phrase's own preposition decides, the place is nearby.
          const outer = this.governor(view, j - 1, bound, nounAttaches);
          return { preposition: outer.preposition ?? 'near', nearby: true, adjacent: false };
        }
        if (j - 1 >= bound && (phraseFiller.has(before) || near.nouns.has(before))) {
          describers = NOUN_DESCRIBERS;
          continue;
        }
        const phrase = this.lexicon.prepositions.matchEndingAt(words, j);
        if (nounAttaches && j - 1 >= bound && phrase?.length === 1 && !words[j - 1]!.named && !isAdverb(words[j - 1]!)
          && !this.lexicon.prepositions.matchEndingAt(words, j - 1) && /^\p{L}/u.test(words[j - 1]!.text)) {
          return { preposition: null, nearby, adjacent: false };
        }
      }
      // "near the capital, Islamabad": a name after a comma stands in apposition to the noun before it.
      if (w.text === ',' && j - 1 >= bound && phraseFiller.has(words[j - 1]!.lower) && !DETERMINER_FILLER.has(words[j - 1]!.lower)) continue;
      const prep = this.lexicon.prepositions.matchEndingAt(words, j);
      if (prep && (prep.length > 1 || !phraseFiller.has(w.lower))) {
        return { preposition: prep.value, nearby: nearby || near.prepositions.has(prep.value), adjacent: false };
      }
      if (this.isCount(words, j)) {
        // "about 200 fighters": the approximation is part of the count, not a preposition.
        if (APPROXIMATORS.has(words[j - 1]!.lower)) j--;
        continue;
      }
      // "in northwest Afghanistan": a compass point before a name narrows it, as "northern" does.
      if (phraseFiller.has(w.lower) || near.compass.has(w.lower) || isAdverb(w)) {
        if (near.nouns.has(w.lower)) nearby = true;
        continue;
      }
      // "at the oil rich town of Al-Mansourah", "in the Basque city of Bilbao": a few words may describe the noun
      // before "of", a proper adjective among them.
      if (describers > 0 && /^\p{L}[\p{L}-]*$/u.test(w.text)) {
        describers--;
        continue;
      }
      return { preposition: null, nearby, adjacent: false };
    }
    return { preposition: null, nearby, adjacent: true };
  }

  /**
   * A place that only says where the place next to it is: "Raqqa, Syria" (a country or province after
   * a comma), "al-Rai in northern Aleppo" (a place that contains the one before it), "the West Bank
   * town of Bethlehem" (before a noun that the next place names).
   */
  isQualifier(view: SentenceView, e: Entity): boolean {
    if (e.kind !== 'place') return false;
    const at = view.entities.indexOf(e);
    if (at < 0) return false;
    const prev = view.entities[at - 1];
    if (prev?.kind === 'place') {
      const place = this.analysis.places[e.index]!;
      const inner = this.analysis.places[prev.index]!;
      const between = view.words.slice(prev.last + 1, e.first);
      if (between.length === 1 && between[0]!.text === ',') {
        return /^(PCL|ADM1|ADM2)/.test(place.featureCode) && (place.country === null || place.country === inner.country);
      }
      if (between[0]?.lower === 'in' && between.slice(1).every((w) => this.lexicon.phraseFiller.has(w.lower)) && contains(place, inner)) return true;
      // "the Daychopan district of Zabul province", "Beled Weyne, capital of Hiiraan": the unit the place before is part of.
      if (between.at(-1)?.lower === 'of' && between.length >= 2 && between.slice(0, -1).every((w) => w.text === ',' || this.lexicon.phraseFiller.has(w.lower))
        && contains(place, inner)) return true;
    }
    return this.namesKindOfNext(view, e);
  }

  /**
   * "in Pakistan's largest city, Karachi", "Yemen's capital Sanaa", "Libya's rebel-held city of Misrata": a place
   * in the possessive, then only lower-case words (a comma or "of" among them) before a place it holds; the
   * phrase is about the place held, which takes the role the phrase gives.
   */
  private possessed(view: SentenceView, e: Entity): Entity | null {
    if (e.kind !== 'place') return null;
    const next = view.entities.find((x) => x.first > e.last);
    if (next?.kind !== 'place') return null;
    // The marker is a word of its own or the end of the name's last word ("Pakistan's").
    const marked = /'s?$/.test(view.words[e.last]!.lower);
    const between = view.words.slice(e.last + (marked ? 1 : 2), next.first);
    if ((!marked && !POSSESSIVE.has(view.words[e.last + 1]?.lower ?? '')) || between.length > POSSESSED_REACH) return null;
    const plain = between.every((w) => !w.named && (w.text === w.lower || w.text === ',') && (w.lower === 'of' || !this.lexicon.prepositions.hasWord(w.lower)));
    return plain && contains(this.analysis.places[e.index]!, this.analysis.places[next.index]!) ? next : null;
  }

  /** "the West Bank town of Bethlehem", "the Homs neighbourhood of Baba Amr": a place before "<noun> of" and the place it holds. */
  private namesKindOfNext(view: SentenceView, e: Entity): boolean {
    const next = view.entities.find((x) => x.first > e.last);
    if (next?.kind !== 'place') return false;
    const between = view.words.slice(e.last + 1, next.first);
    // "the Daychopan district of Zabul province" reads the other way: the place after holds the one before.
    return between.length >= 2 && between.at(-1)!.lower === 'of'
      && between.slice(0, -1).every((w) => this.lexicon.phraseFiller.has(w.lower) || POSSESSIVE.has(w.lower))
      && !contains(this.analysis.places[next.index]!, this.analysis.places[e.index]!);
  }

  private coordinated(view: SentenceView, a: Entity, b: Entity): boolean {
    const between = view.words.slice(a.last + 1, b.first);
    return between.length > 0 && between.every((w) => COORDINATION.has(w.lower) || this.lexicon.phraseFiller.has(w.lower));
  }

  private followedByOutskirts(view: SentenceView, e: Entity): boolean {
    const next = view.words[e.last + 1];
    return !!next && this.lexicon.nearby.nouns.has(next.lower);
  }

  /**
   * Whether a participle trigger is passive: after an auxiliary ("was retaken"), or
   * reduced, right after its noun with "by" + actor following ("the town held by IS").
   */
  passiveVoice(site: TriggerSite): 'auxiliary' | 'reduced' | null {
    const { view, first, last, formKinds } = site;
    if (!formKinds.includes('participle')) return null;
    const { words } = view;
    for (let j = first - 1, seen = 0; j >= 0 && seen < 3; j--) {
      const w = words[j]!;
      if (w.named) break;
      if (this.lexicon.passiveAuxiliaries.has(w.lower)) return 'auxiliary';
      if (!(isAdverb(w) || w.lower === 'not' || w.lower === 'never')) break;
      seen++;
    }
    let j = last + 1;
    while (words[j] && isAdverb(words[j]!)) j++;
    if (words[j]?.lower !== 'by') return null;
    const actor = view.entities.find((e) => e.first > j && e.kind === 'actor');
    return actor && this.governor(view, actor.first, j + 1).adjacent ? 'reduced' : null;
  }

  /** Whether only connectives, auxiliaries and adverbs stand between the clause start and the trigger ("and then headed"). */
  private opensClause(view: SentenceView, clause: Clause, trigger: number): boolean {
    const { subordinators, coordinators } = this.lexicon.clauses;
    for (let k = clause.first; k < trigger; k++) {
      const w = view.words[k]!;
      // "and promise to continue the fight": a verb taking "to" passes the clause's missing subject on to its complement.
      if (!w.named && view.words[k + 1]?.lower === 'to' && k + 1 < trigger) return true;
      const opener = !w.named && (subordinators.has(w.lower) || coordinators.has(w.lower)
        || this.lexicon.passiveAuxiliaries.has(w.lower) || CLAUSE_OPENERS.has(w.lower) || isAdverb(w) || /^[,;:—–-]$/.test(w.text));
      if (!opener) return false;
    }
    return true;
  }

  /**
   * The subject of a clause that has none of its own: a relative clause takes
   * the entity just before its pronoun; other clauses take the subject of the
   * nearest earlier clause, skipping relative clauses.
   */
  private antecedent(site: TriggerSite, only: 'place' | null): Entity | null {
    const { view, clauses, clause } = site;
    const index = clauses.indexOf(clause);
    if (clause.kind === 'relative') {
      // "IS fighters, who left Mosul": the pronoun refers to the phrase right before it, not to one further
      // back ("the militants were taxing anyone who tried to leave").
      const entity = view.entities.filter((e) => e.last < clause.first).at(-1);
      const between = withoutApposition(entity ? view.words.slice(entity.last + 1, clause.first) : []);
      const adjacent = between.every((w) => /^[,()—–-]$/.test(w.text) || this.lexicon.phraseFiller.has(w.lower));
      return entity && adjacent && (!only || entity.kind === only) ? entity : null;
    }
    // "when warplanes bombed ...": a clause with words of its own before the verb has its own subject.
    if (only || !this.opensClause(view, clause, site.first)) return null;
    for (let k = index - 1; k >= 0; k--) {
      const c = clauses[k]!;
      if (c.kind === 'relative') continue;
      const subject = view.entities.find((e) => e.kind === 'actor' && e.first >= c.first && e.last <= c.last
        && !this.isModifier(view, e) && this.governor(view, e.first, c.first).preposition === null);
      if (subject) return subject;
    }
    return null;
  }
}

/** Words that make a number approximate ("**about** 70 fighters"). */
const APPROXIMATORS = new Set(['about', 'around', 'some', 'nearly', 'almost', 'approximately', 'roughly']);

/** The longest apposition skipped between a relative pronoun and its antecedent, in words. */
const APPOSITION_WORDS = 6;

/**
 * The words between an antecedent and its relative pronoun without an
 * apposition that describes it: "the PSF**), a Tuareg-dominated armed
 * group,** who regained Kidal" refers to the PSF.
 */
function withoutApposition<W extends { text: string; lower: string }>(words: W[]): W[] {
  const open = words.findIndex((w) => w.text === ',');
  const close = words.length - 1;
  if (open < 0 || close - open < 2 || close - open > APPOSITION_WORDS + 1 || words[close]!.text !== ',') return words;
  const inner = words.slice(open + 1, close);
  const isNounPhrase = /^(?:a|an|the)$/.test(inner[0]!.lower) && inner.every((w) => /^[\p{L}\p{N}'’-]+$/u.test(w.text));
  return isNounPhrase ? [...words.slice(0, open), words[close]!] : words;
}

/** How many unknown words may describe a place noun before "of": "the oil rich town of". */
const NOUN_DESCRIBERS = 2;
/** How far after a hyphenated participle its noun's phrase may reach: "IS-held town in eastern Syria". */
const COMPOUND_REACH = 4;
/** How far before the second of two coordinated subjects their "and" may stand: "and their Syrian rebel allies". */
const CONJUNCT_REACH = 4;
/** How far before a noun trigger a verb that ends it is looked for: "broke the Islamic State siege". */
const ENDING_WINDOW = 4;

/** The two places joined by a dash right before word i ("Raqqa-Palmyra corridor"), or null. */
function joinedPlacesBefore(view: SentenceView, i: number): [Entity, Entity] | null {
  const { words, entities } = view;
  const to = entities.find((e) => e.last === i - 1 && e.kind === 'place');
  const dash = to ? words[to.first - 1] : undefined;
  if (!to || !dash || !/^[-–—]$/.test(dash.text) || dash.end !== words[to.first]!.start) return null;
  const from = entities.find((e) => e.last === to.first - 2 && e.kind === 'place');
  return from && words[from.last]!.end === dash.start ? [from, to] : null;
}

/** Whether word i is joined by a hyphen, with no spaces, to the word before it ("IS-held"). */
function isHyphenated(view: SentenceView, i: number): boolean {
  const { words } = view;
  const [before, dash, word] = [words[i - 2], words[i - 1], words[i]];
  return !!before && !!word && dash?.text === '-' && before.end === dash.start && dash.end === word.start;
}

const POSSESSIVE = new Set(["'s", "'"]);
/** How many words may stand from a possessive place to the place it holds: "Libya's rebel-held city of Misrata". */
const POSSESSED_REACH = 5;
/** Filler words that are no noun: a comma after them opens no apposition. */
const DETERMINER_FILLER = new Set(['the', 'a', 'an', 'its', 'their', 'his', 'her', 'our', 'this', 'that', 'these', 'those', 'some', 'many', 'most', 'all', 'another', 'several', 'few']);

/** Whether `outer` is a country, province or region, or a provincial capital, holding `inner` ("al-Rai in northern Aleppo"). */
function contains(outer: PlaceMention, inner: PlaceMention): boolean {
  if (outer.country === null || outer.country !== inner.country) return false;
  return /^(PCL|ADM|RGN)/.test(outer.featureCode) || (/^PPL(A|C)$/.test(outer.featureCode) && outer.admin1 === inner.admin1 && inner.featureCode !== outer.featureCode);
}

const CLAUSE_OPENERS = new Set(['to', 'not', 'never', 'has', 'have', 'had', 'will', 'would', 'can', 'could', 'may', 'might', 'must', 'should', 'did', 'do', 'does', 'then', 'also', 'be', 'been']);

function isAdverb(w: Word): boolean {
  return ADVERBS.has(w.lower) || (/ly$/.test(w.lower) && w.lower.length > 4 && !w.named);
}
