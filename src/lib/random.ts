/**
 * A small seeded PRNG (mulberry32) with the draws the synthetic generator needs. Same seed, same
 * sequence on every machine and Node version (Math.random cannot be seeded).
 */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick from an empty list");
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Fisher-Yates on a copy. */
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  }

  /** A key of `weights`, proportional to its weight. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    const entries = Object.entries(weights) as [K, number][];
    const total = entries.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [key, w] of entries) {
      r -= w;
      if (r < 0) return key;
    }
    return (entries[entries.length - 1] as [K, number])[0];
  }
}

/**
 * Draws items with Zipf-like popularity: the item at rank k has weight 1 / k^s. Real interest in
 * topics and places is skewed like this (a few big cities and themes, a long tail).
 */
export class ZipfSampler<T> {
  private readonly cumulative: number[];

  constructor(
    readonly items: readonly T[],
    exponent: number,
  ) {
    if (items.length === 0) throw new Error("Zipf sampler over an empty list");
    let sum = 0;
    this.cumulative = items.map((_, k) => (sum += 1 / Math.pow(k + 1, exponent)));
  }

  draw(random: Random): T {
    const total = this.cumulative[this.cumulative.length - 1] as number;
    const r = random.next() * total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.cumulative[mid] as number) > r) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo] as T;
  }

  /** Up to `count` distinct items (fewer when the list is short). */
  drawDistinct(random: Random, count: number): T[] {
    const out = new Set<T>();
    const wanted = Math.min(count, this.items.length);
    for (let attempts = 0; out.size < wanted && attempts < wanted * 20; attempts++)
      out.add(this.draw(random));
    return [...out];
  }
}
