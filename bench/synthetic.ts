/**
 * A reproducible synthetic news corpus: the same seed gives the same
 * documents, so benchmarks compare like with like across machines and runs.
 * Texts are assembled from sentence patterns about the 2017 campaigns;
 * they are for measuring speed, not quality.
 */

/** mulberry32: a small, fast, seedable PRNG. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOWNS = ['Mosul', 'Tal Afar', 'Raqqa', 'Palmyra', 'Sinjar', 'Hasakah', 'Deir ez-Zor', 'Abu Kamal', 'Mayadin', 'Qamishli',
  'Manbij', 'Tabqa', 'Kirkuk', 'Hawija', 'Ramadi', 'Fallujah', 'Baghdad', 'Aleppo', 'Homs', 'Damascus', 'Erbil', 'Tikrit',
  'Al-Qaim', 'Rawa', 'Anah', 'Sukhnah', 'Ayn Issa', 'Kobani', 'Idlib', 'Hama'];
const ACTORS = ['IS fighters', 'ISIS militants', 'the SDF', 'Iraqi forces', 'the Syrian army', 'Russian jets', 'the US-led coalition',
  'Peshmerga units', 'the PMU', 'Hezbollah fighters', 'Daesh', 'Kurdish fighters', 'government forces', 'the YPG'];
const SOURCES = ['a spokesman for the coalition said', 'a local official told Demo Wire', 'sources said', 'according to the monitor',
  'an anonymous source added', 'the ministry announced', 'residents reported'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const PATTERNS: ((p: Picker) => string)[] = [
  (p) => `${cap(p.actor())} left ${p.town()} for ${p.town()} in late ${p.month()}, ${p.source()}.`,
  (p) => `${cap(p.actor())} captured ${p.town()} on ${p.month()} ${p.day()}, ${p.source()}.`,
  (p) => `Airstrikes by ${p.actor()} hit positions near ${p.town()} last week, killing ${p.int(2, 40)} people.`,
  (p) => `Thousands of civilians fled ${p.town()} toward ${p.town()} as fighting intensified.`,
  (p) => `${cap(p.source())} that ${p.actor()} still hold parts of ${p.town()}.`,
  (p) => `A deal allowed ${p.actor()} to withdraw from ${p.town()} to ${p.town()} through a corridor.`,
  (p) => `${cap(p.actor())} denied that any agreement had been reached over ${p.town()}.`,
  (p) => `Why would ${p.actor()} abandon ${p.town()} without a fight?`,
  (p) => `The ${p.town()}-${p.town()} road remained closed for ${p.int(2, 9)} days.`,
  (p) => `Officials in ${p.town()} said ${p.actor()} had shelled the outskirts of ${p.town()} on Monday.`,
  (p) => `It seems ${p.actor()} may have moved their headquarters to ${p.town()} in ${p.month()} 2017.`,
  () => `Residents described long queues for bread and fuel, and said prices had tripled since the spring.`,
];

interface Picker {
  town(): string; actor(): string; source(): string; month(): string; day(): number; int(lo: number, hi: number): number;
}

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

export interface SyntheticDocument {
  id: string;
  title: string;
  text: string;
  publishedAt: string;
  outlet: string;
}

/** `count` documents of about `chars` characters each. */
export function syntheticCorpus(count: number, seed = 2017, chars = 3000): SyntheticDocument[] {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const p: Picker = {
    town: () => pick(TOWNS), actor: () => pick(ACTORS), source: () => pick(SOURCES), month: () => pick(MONTHS),
    day: () => 1 + Math.floor(random() * 28), int: (lo, hi) => lo + Math.floor(random() * (hi - lo + 1)),
  };
  const outlets = ['Demo Wire', 'Demo Monitor', 'Demo Radio', 'Demo Gazette', 'Demo Observer', 'Demo Blog'];
  return Array.from({ length: count }, (_, i) => {
    const paragraphs: string[] = [];
    let length = 0;
    while (length < chars) {
      const sentences = Array.from({ length: 3 + Math.floor(random() * 3) }, () => pick(PATTERNS)(p));
      const paragraph = sentences.join(' ');
      paragraphs.push(paragraph);
      length += paragraph.length + 2;
    }
    const month = 1 + Math.floor(random() * 12);
    const day = 1 + Math.floor(random() * 28);
    return {
      id: `synthetic-${seed}-${i}`,
      title: `Synthetic report ${i} on ${p.town()}`,
      text: paragraphs.join('\n\n'),
      publishedAt: `2017-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
      outlet: pick(outlets),
    };
  });
}
