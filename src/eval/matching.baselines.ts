import { KIND_WORLDS } from "../features/partners/partners.scoring";
import type { OrganisationFacts } from "./matching.repository";
import type { Scored } from "./matching.stats";

/**
 * Rankings the model has to beat, computed from the same (held-out) graph: random, popularity, topics
 * only and same kind; and a random walk with restart from the asker over the whole graph. Each gives
 * every candidate a score; ties stay ties (matching.stats counts them as such).
 */

export type Ranker = (asker: OrganisationFacts) => Scored[];

export const BASELINES = [
  "random",
  "popularity",
  "topics only",
  "same kind",
  "random walk",
  "goal across worlds",
] as const;
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
  const byId = new Map(all.map((o) => [o.id, o]));
  const world = (kind: string): string => KIND_WORLDS[kind] ?? kind;
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
    // COMPLEMENTARY as the issue frames it, fixed before it was scored: a shared goal (the rarity sum of the
    // shared topics, halved when they share no place and neither works nationally) across worlds, rewarding
    // what the asker lacks: a world of organisation that neither it nor its partners are in, and condition
    // groups it does not name (only when both name some).
    "goal across worlds": (a) => {
      const own = new Set(a.topics);
      const worlds = new Set([a.kind, ...a.partners.map((p) => byId.get(p)?.kind ?? "")].map(world));
      const places = new Set(a.places);
      const groups = new Set(a.conditionGroups);
      return candidates(all, a).map((c) => {
        const goal = c.topics.filter((t) => own.has(t)).reduce((s, t) => s + rarity(t), 0);
        const near = a.scope === "NATIONAL" || c.scope === "NATIONAL" || c.places.some((x) => places.has(x));
        const newWorld = worlds.has(world(c.kind)) ? 0 : 1;
        const newGroups =
          groups.size > 0 && c.conditionGroups.length > 0
            ? c.conditionGroups.filter((g) => !groups.has(g)).length / c.conditionGroups.length
            : 0;
        return { id: c.id, score: goal * (near ? 1 : 0.5) * (1 + 0.5 * newWorld + 0.5 * newGroups) };
      });
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
