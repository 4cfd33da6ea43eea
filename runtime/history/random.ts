// A small seeded pseudo-random generator (sfc32, seeded by splitmix32 from the seed's text), so that a seed gives
// the same history on every machine and every run. Math.random is never used here.

export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  /** A float in [min, max). */
  between(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** One of the entries, each as likely as its weight. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T;
  /** A log-normal draw: half of the draws fall below `median`; `spread` is the sigma of its logarithm. */
  logNormal(median: number, spread: number): number;
  /** A random (version 4) UUID. */
  uuid(): string;
  /** A time-ordered (version 7) UUID for this instant: rows written in time order then append to their indexes. */
  uuidAt(ms: number): string;
}

export function createRandom(seed: number | string): Random {
  let [a, b, c, d] = seedState(String(seed));
  /** sfc32: 128 bits of state, passes PractRand; plenty for a few hundred million draws. */
  const word = () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  const next = () => word() / 4294967296;
  const random: Random = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    between: (min, max) => min + next() * (max - min),
    chance: (probability) => next() < probability,
    pick: (items) => items[Math.floor(next() * items.length)] as (typeof items)[number],
    weighted: (entries) => {
      let total = 0;
      for (const [, weight] of entries) total += weight;
      let point = next() * total;
      for (const [value, weight] of entries) {
        point -= weight;
        if (point < 0) return value;
      }
      return (entries[entries.length - 1] as (typeof entries)[number])[0];
    },
    logNormal: (median, spread) => median * Math.exp(spread * normal(next)),
    uuid: () => uuidOf(word(), word(), word(), word(), '4'),
    uuidAt: (ms) => {
      const time = Math.max(0, Math.floor(ms));
      return uuidOf(Math.floor(time / 65536) >>> 0, ((time % 65536) << 16) | (word() & 0xffff), word(), word(), '7');
    },
  };
  return random;
}

const hexBytes = Array.from({ length: 256 }, (_, index) => index.toString(16).padStart(2, '0'));
const hex16 = (value: number) => (hexBytes[(value >>> 8) & 255] as string) + (hexBytes[value & 255] as string);
const hex32 = (value: number) => hex16(value >>> 16) + hex16(value & 0xffff);

/** A UUID of this version from 128 bits (the version nibble and the variant bits overwritten). */
function uuidOf(w1: number, w2: number, w3: number, w4: number, version: string): string {
  const variant = hex16(((w3 >>> 16) & 0x3fff) | 0x8000);
  return `${hex32(w1)}-${hex16(w2 >>> 16)}-${version}${hex16(w2 & 0xfff).slice(1)}-${variant}-${hex16(w3 & 0xffff)}${hex32(w4)}`;
}

/** A standard normal draw (Box-Muller). */
function normal(next: () => number): number {
  const u = 1 - next();
  const v = next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Four 32-bit words of state from the seed's text: a string hash, spread by splitmix32. */
function seedState(seed: string): [number, number, number, number] {
  let hash = 2166136261;
  for (let index = 0; index < seed.length; index += 1) hash = Math.imul(hash ^ seed.charCodeAt(index), 16777619);
  const state: number[] = [];
  for (let index = 0; index < 4; index += 1) {
    hash = (hash + 0x9e3779b9) | 0;
    let z = hash;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    state.push((z ^ (z >>> 16)) >>> 0);
  }
  return state as [number, number, number, number];
}
