import type { Analysis } from '../pipeline.js';
import type { SourceKind } from '../types.js';
import { fold, type PhraseSet, type SentenceView, type Word } from '../text/sentence-view.js';

/** A speaker as affiliation reads and remembers it. */
export interface Affiliated {
  speaker: string;
  speakerKind: SourceKind;
  affiliation: string | null;
}

/** The lexicon entries affiliation reads (`speakers.roles`, `speakers.roleLinks`, `speakers.anonymous`, `speakers.withheld` in modality-cues.json). */
export interface AffiliationLexicon {
  /** Words before an organisation that are not part of its name ("a **senior** army officer"): `syntax.beforeOrganisation`. */
  beforeOrganisation: ReadonlySet<string>;
  roles: PhraseSet;
  roleLinks: PhraseSet;
  anonymous: PhraseSet;
  withheld: PhraseSet;
}

// An institution quoted on its own ("Russia's defence ministry said") is what a spokesman's "ministry" refers to.
const INSTITUTION_KINDS = new Set<SourceKind>(['official', 'group']);
// Kinds that a description or a surname can tie to an institution.
const PERSON_KINDS = new Set<SourceKind>(['named-person', 'official', 'anonymous']);

const headOf = (name: string) => fold(name.trim().split(/\s+/).at(-1) ?? '').replace(/'s$/, '');
/** A last name without the particle joined to it by a hyphen: "al-Saadi" is "Saadi" again. */
const lastNameOf = (name: string) => headOf(name).replace(/^\p{Ll}+-(?=\p{L})/u, '');

/**
 * What a document has said so far about who speaks for whom, by last word:
 * the latest institution quoted with that head word ("ministry"), and the
 * latest affiliation of a speaker with that last name ("orlov"). Kept as
 * maps so a document with thousands of statements is read in linear time.
 */
export class SpeakerMemory {
  private readonly institutions = new Map<string, string>();
  private readonly affiliations = new Map<string, string>();
  private readonly titled = new Set<string>();

  remember(s: Affiliated): void {
    if (s.affiliation === null && INSTITUTION_KINDS.has(s.speakerKind)) this.institutions.set(headOf(s.speaker), s.speaker);
    if (s.affiliation !== null && PERSON_KINDS.has(s.speakerKind)) this.affiliations.set(headOf(s.speaker), s.affiliation);
    // "Turkish Defence Minister Fikri Isik": a titled person, whose last name may come back alone.
    if (s.speakerKind === 'official' && /\p{Lu}/u.test(s.speaker.trim().split(/\s+/).at(-1) ?? '')) this.titled.add(lastNameOf(s.speaker));
  }

  /** Whether a person named `speaker` was quoted earlier with a title ("Isik" after "Turkish Defence Minister Fikri Isik"). */
  wasTitled(speaker: string): boolean {
    return this.titled.has(lastNameOf(speaker));
  }

  institution(head: string): string | null {
    return this.institutions.get(head) ?? null;
  }

  affiliationOf(speaker: string): string | null {
    return this.affiliations.get(headOf(speaker)) ?? null;
  }
}

/**
 * Who a speaker speaks for, read from a description of the speaker's role
 * (the first of `descriptions` that names one: an appositive, the speaker phrase itself):
 * - "a ministry spokesman", "the coalition's spokesman": the words before the role;
 * - "a spokesman for the command": the words after the role's link word.
 * Those words are then, in order: the latest institution quoted earlier in
 * the document whose name ends in the same word ("ministry" -> "Russia's
 * defence ministry"); the actor named in them ("US-led coalition"); a proper
 * name as written ("Joint Operations Command"). Anything else ("a
 * pro-government commander", "the local council") names no organisation one
 * could tell from another, and gives none. A speaker with no description
 * takes the affiliation of an earlier speaker with the same last name
 * ("Orlov" after "Pavel Orlov, a ministry spokesman").
 *
 * @example
 * affiliationOf(analysis, view, [{ first: 5, last: 7 }], { speaker: 'Maj. Gen. Pavel Orlov', speakerKind: 'official' }, memory, lexicon);
 * // "Russia's defence ministry"
 */
export function affiliationOf(
  analysis: Readonly<Analysis>, view: SentenceView, descriptions: readonly { first: number; last: number }[],
  who: Omit<Affiliated, 'affiliation'>, memory: SpeakerMemory, lexicon: AffiliationLexicon,
): string | null {
  if (!PERSON_KINDS.has(who.speakerKind)) return null;
  const { words } = view;
  const organisation = descriptions.reduce<{ first: number; last: number } | null>(
    (found, d) => found ?? organisationIn(words, d.first, d.last, lexicon), null);
  if (organisation) {
    const written = analysis.text.slice(words[organisation.first]!.start, words[organisation.last]!.end).replace(/['’]s$/, '');
    const institution = memory.institution(headOf(written));
    if (institution) return institution;
    const actor = view.entities.find((e) => e.kind === 'actor' && e.first >= organisation.first && e.last <= organisation.last);
    if (actor) return analysis.actors[actor.index]!.name;
    const inName = words.slice(organisation.first, organisation.last + 1).filter((w) => !lexicon.roleLinks.hasWord(w.lower) && w.lower !== 'the');
    return inName.every((w) => /^\p{Lu}/u.test(w.text)) ? written : null;
  }
  return memory.affiliationOf(who.speaker);
}

/** The organisation words of a role description in `words[first..last]`, or null. */
function organisationIn(words: readonly Word[], first: number, last: number, lexicon: AffiliationLexicon): { first: number; last: number } | null {
  const role = lexicon.roles.findAll(words, first, last)[0];
  if (!role) return null;
  const link = lexicon.roleLinks.matchAt(words, role.last + 1);
  let from = link ? role.last + 1 + link.length : first;
  let to = link ? last : role.first - 1;
  const skipped = (k: number) => lexicon.beforeOrganisation.has(words[k]!.lower) || lexicon.anonymous.matchAt(words, k) !== null || lexicon.withheld.matchAt(words, k) !== null;
  while (from <= to && skipped(from)) from++;
  // The possessive of "the coalition's spokesman" may be a word of its own.
  while (to >= from && /^['’]s$/.test(words[to]!.text)) to--;
  // "a spokesman for the command, who ...": the organisation ends at a comma.
  for (let k = from; k <= to; k++) if (words[k]!.text === ',') to = k - 1;
  return from <= to ? { first: from, last: to } : null;
}
