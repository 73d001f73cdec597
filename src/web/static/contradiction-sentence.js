// A contradiction read as a sentence: each side's sources, what they say
// happened, and when ("Demo Gazette and Demo Radio say Iraqi Security Forces
// retook Tall ‘Afar on 27 Aug 2017; Demo Radio says there was fighting at
// Tall ‘Afar on 28 Aug 2017"), built from the fused cluster each side names
// and the side's own sources (ContradictionSide in src/fusion/types.ts).
import { eventPoint, toDay } from './model.js';

/**
 * What a side says happened, per event subtype (the subtypes of
 * resources/event-cues.json): {agent} and {place} are filled from the
 * cluster. A subtype missing here reads as "<subtype> (<type>) at {place}".
 */
const PHRASES = {
  withdrew: '{agent} withdrew from {place}',
  relocated: '{agent} moved to {place}',
  fled: '{agent} fled {place}',
  'civilians-displaced': 'civilians were displaced from {place}',
  evacuated: '{agent} evacuated {place}',
  'headed-to': '{agent} headed to {place}',
  'moved-headquarters': '{agent} moved its headquarters to {place}',
  advanced: '{agent} advanced on {place}',
  captured: '{agent} took {place}',
  retaken: '{agent} retook {place}',
  lost: '{agent} lost {place}',
  holds: '{agent} holds {place}',
  besieged: '{agent} besieged {place}',
  cleared: '{agent} cleared {place}',
  airstrike: 'an airstrike hit {place}',
  clash: 'there was fighting at {place}',
  shelling: '{place} was shelled',
  bombing: 'a bombing hit {place}',
  'suicide-attack': 'a suicide attack hit {place}',
  execution: '{agent} carried out executions at {place}',
  ceasefire: 'a ceasefire was agreed for {place}',
  corridor: 'a corridor was agreed for {place}',
  'evacuation-deal': 'an evacuation deal was agreed for {place}',
  surrender: '{agent} surrendered at {place}',
  taxation: '{agent} levied taxes at {place}',
  administration: '{agent} ran {place}',
  'population-transfer': 'people were moved from {place}',
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "27 Aug 2017". */
export function shortDate(day) {
  const d = new Date(day * 86_400_000);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** "on 27 Aug 2017", "between 21 Aug 2017 and 27 Aug 2017", or nothing when undated. */
function whenPhrase(from, to) {
  if (from === null || from === undefined) return '';
  return from === to ? ` on ${shortDate(from)}` : ` between ${shortDate(from)} and ${shortDate(to)}`;
}

/** "A", "A and B", "A, B and C". */
function listed(names) {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** What happened, from the cluster (or the lone event) a side names. */
function happened(group) {
  const place = eventPoint(group)?.name ?? 'an unnamed place';
  const phrase = PHRASES[group.subtype] ?? `${group.subtype || group.type} (${group.type}) at {place}`;
  return phrase.replace('{agent}', group.agent?.name ?? 'an unnamed party').replace('{place}', place);
}

/** One side: its sources say (or deny, when every mention of theirs is a denial) what its cluster holds, when. */
export function sideSentence(side, group) {
  const sources = side.sources.length ? side.sources : ['an unnamed source'];
  const denies = side.mentions.length > 0 && side.mentions.every((m) => m.negated || m.modality === 'denied');
  const verb = denies ? (sources.length > 1 ? 'deny that' : 'denies that') : (sources.length > 1 ? 'say' : 'says');
  if (!group) return `${listed(sources)} ${verb} ${side.claim}`;
  const time = group.cluster?.time;
  const [from, to] = time ? [toDay(time.from), toDay(time.to)] : [group.from, group.to];
  return `${listed(sources)} ${verb} ${happened(group)}${whenPhrase(from, to)}`;
}

/** Both sides, "A says …; B says …". */
export function contradictionSentence(cx, groupByKey) {
  return `${sideSentence(cx.a, groupByKey(cx.a.clusterId))}; ${sideSentence(cx.b, groupByKey(cx.b.clusterId))}`;
}
