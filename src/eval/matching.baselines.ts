import type { OrganisationFacts } from "./matching.repository";
import type { Scored } from "./matching.stats";

/**
 * Rankings the model has to beat, computed from the same (held-out) graph: random, popularity, topics
 * only and same kind; and a random walk with restart from the asker over the whole graph. Each gives
 * every candidate a score; ties stay ties (matching.stats counts them as such).
 */

export type Ranker = (asker: OrganisationFacts) => Scored[];

export const BASELINES = ["random", "popularity", "topics only", "same kind", "random walk"] as const;
export type Baseline = (typeof BASELINES)[number];

/** Active organisations other than the asker that it does not already share an initiative with. */
export function candidates(all: OrganisationFacts[], asker: OrganisationFacts): OrganisationFacts[] {
  const partners = new Set(asker.partners);
  return all.filter((o) => o.active && o.id !== asker.id && !partners.has(o.id));
}

export function baselineRankers(
  all: OrganisationFacts[],
  edges: [string, string][],
  restart: number,
): Record<Baseline, Ranker> {
  const onTopic = new Map<string, number>();
  for (const o of all) for (const t of o.topics) onTopic.set(t, (onTopic.get(t) ?? 0) + 1);
  // The product's rarity: ln(1 + N/n).
  const rarity = (t: string): number => Math.log(1 + all.length / Math.max(1, onTopic.get(t) ?? 0));
  const walk = new RandomWalk(edges);
  return {
    random: (a) => candidates(all, a).map((c) => ({ id: c.id, score: 0 })),
    popularity: (a) => candidates(all, a).map((c) => ({ id: c.id, score: c.degree })),
    "topics only": (a) => {
      const own = new Set(a.topics);
      return candidates(all, a).map((c) => ({
        id: c.id,
        score: c.topics.filter((t) => own.has(t)).reduce((s, t) => s + rarity(t), 0),
      }));
    },
    "same kind": (a) => candidates(all, a).map((c) => ({ id: c.id, score: c.kind === a.kind ? 1 : 0 })),
    "random walk": (a) => {
      const p = walk.from(`Organisation:${a.id}`, restart);
      return candidates(all, a).map((c) => ({ id: c.id, score: p.get(`Organisation:${c.id}`) ?? 0 }));
    },
  };
}

/**
 * Random walk with restart on the undirected graph (power iteration, 50 steps): the probability of
 * being at each node when every step returns to the start with probability `restart`.
 */
export class RandomWalk {
  private readonly neighbours = new Map<string, string[]>();

  constructor(edges: [string, string][]) {
    for (const [a, b] of edges) {
      this.neighbours.set(a, [...(this.neighbours.get(a) ?? []), b]);
      this.neighbours.set(b, [...(this.neighbours.get(b) ?? []), a]);
    }
  }

  from(start: string, restart: number, steps = 50): Map<string, number> {
    let p = new Map<string, number>([[start, 1]]);
    for (let s = 0; s < steps; s++) {
      const next = new Map<string, number>([[start, restart]]);
      for (const [node, mass] of p) {
        const out = this.neighbours.get(node) ?? [];
        if (out.length === 0) {
          next.set(start, (next.get(start) ?? 0) + (1 - restart) * mass);
          continue;
        }
        const share = ((1 - restart) * mass) / out.length;
        for (const n of out) next.set(n, (next.get(n) ?? 0) + share);
      }
      p = next;
    }
    return p;
  }
}
