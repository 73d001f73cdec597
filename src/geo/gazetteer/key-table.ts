/*
 * An open-addressing hash table from a posting list's keys to their index,
 * held in one Int32Array. The gazetteer cache stores it, so loading the
 * gazetteer is a typed-array view instead of half a million Map insertions
 * (most of the load time of every process that geoparses). Written here
 * because a JavaScript Map cannot be saved or viewed from a file.
 */

/** FNV-1a over UTF-16 code units: the same on the build and the look-up side. */
function hashKey(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Slots for `keys` (each slot an index into `keys`, or -1), at most half full so probes stay short. */
export function buildKeyTable(keys: readonly string[]): Int32Array {
  let size = 2;
  while (size < keys.length * 2) size *= 2;
  const slots = new Int32Array(size).fill(-1);
  const mask = size - 1;
  keys.forEach((key, index) => {
    let slot = hashKey(key) & mask;
    while (slots[slot] !== -1) slot = (slot + 1) & mask;
    slots[slot] = index;
  });
  return slots;
}

/**
 * The index of `key` in `keys`, or undefined.
 *
 * @example
 * const keys = ['mosul', 'raqqa'];
 * findKey(buildKeyTable(keys), keys, 'raqqa') // 1
 */
export function findKey(slots: Int32Array, keys: readonly string[], key: string): number | undefined {
  const mask = slots.length - 1;
  for (let slot = hashKey(key) & mask; ; slot = (slot + 1) & mask) {
    const index = slots[slot]!;
    if (index === -1) return undefined;
    if (keys[index] === key) return index;
  }
}
