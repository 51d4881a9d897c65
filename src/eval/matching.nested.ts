import { type FeatureWeights, FEATURES, featureScorer, grid, trials } from "./matching.analysis";
import { type Ask, othersOf } from "./matching.holdout";
import type { TrialOutcome } from "./matching.stats";

/**
 * Nested choice of weights (issue 15, session 4): for each initiative, the grid point with the best macro
 * recall@k on all the *other* initiatives is chosen and only then scored on the left-out one, so no trial
 * is scored by a choice that saw it. Each grid point's per-initiative metrics are computed once; leaving
 * one initiative out of a macro mean is then a subtraction, which keeps thousands of grid points cheap.
 */

interface Compiled {
  group: string;
  /** Feature values per candidate (FEATURES order; the walk scaled by the ask's top walk score). */
  x: number[][];
  ids: string[];
  /** Per target: its candidate index (or -1) and the indices of the other fellow members. */
  targets: { at: number; exclude: Set<number> }[];
}

function compile(ask: Ask): Compiled {
  const model = new Map(ask.model.map((m) => [m.id, m.values]));
  const walk = new Map(ask.baselines["random walk"].map((s) => [s.id, s.score]));
  const top = Math.max(...walk.values(), Number.MIN_VALUE);
  const ids = ask.baselines.random.map((s) => s.id);
  const index = new Map(ids.map((id, i) => [id, i]));
  const x = ids.map((id) => {
    const v = model.get(id);
    const walkValue = (walk.get(id) ?? 0) / top;
    return FEATURES.map((f) => (f === "walk" ? walkValue : (v?.[f] ?? 0)));
  });
  const targets = ask.targets.map((t) => ({
    at: index.get(t) ?? -1,
    exclude: new Set(othersOf(ask, t).flatMap((o) => (index.has(o) ? [index.get(o) as number] : []))),
  }));
  return { group: ask.group, x, ids, targets };
}

/** Same arithmetic as matching.stats outcome (filtered, tie-aware), on precomputed scores. */
export function outcomeAt(scores: number[], at: number, exclude: Set<number>, k: number): TrialOutcome {
  if (at < 0) return { hit: 0, rr: 0 };
  const own = scores[at] as number;
  let ahead = 0;
  let tied = 1;
  for (let i = 0; i < scores.length; i++) {
    if (i === at || exclude.has(i)) continue;
    const s = scores[i] as number;
    if (s > own) ahead++;
    else if (s === own) tied++;
  }
  const hit = Math.min(1, Math.max(0, (k - ahead) / tied));
  let rr = 0;
  for (let j = 1; j <= tied; j++) rr += 1 / (ahead + j);
  return { hit, rr: rr / tied };
}

/** Per-group mean recall and MRR of one weight vector. */
function groupMetrics(
  compiled: Compiled[],
  groups: string[],
  w: FeatureWeights,
  k: number,
): { recall: number[]; mrr: number[] } {
  const weights = FEATURES.map((f) => w[f]);
  const sum = new Map(groups.map((g) => [g, { hit: 0, rr: 0, n: 0 }]));
  for (const c of compiled) {
    const scores = c.x.map((row) => {
      let s = 0;
      for (let i = 0; i < row.length; i++) s += (weights[i] as number) * (row[i] as number);
      return Math.round(s * 1e6) / 1e6;
    });
    const acc = sum.get(c.group);
    if (!acc) continue;
    for (const t of c.targets) {
      const o = outcomeAt(scores, t.at, t.exclude, k);
      acc.hit += o.hit;
      acc.rr += o.rr;
      acc.n += 1;
    }
  }
  const per = groups.map((g) => sum.get(g) ?? { hit: 0, rr: 0, n: 0 });
  return {
    recall: per.map((a) => (a.n ? a.hit / a.n : 0)),
    mrr: per.map((a) => (a.n ? a.rr / a.n : 0)),
  };
}

export interface Nested {
  /** Every trial per mode, each scored by the weights chosen without its own group. */
  trials: Record<string, { group: string; outcome: TrialOutcome }[]>;
  /** The weights chosen without each group. */
  chosen: Record<string, FeatureWeights>;
  /** The weights the same rule chooses on all groups (what the product would take). */
  all: FeatureWeights;
}

/** The grid over the product's own components (the random-walk score is not in the product). */
export function productGrid(values: number[]): FeatureWeights[] {
  return grid(values).filter((w) => w.walk === 0);
}

/**
 * Leave one group out: choose on the others (best macro recall@k, then MRR, then the earlier grid point,
 * as matching.analysis learn does), score the left-out group. Asks of both modes count together, so one
 * weight set is chosen for both, as the product has one set of defaults. Groups with no trial are left out.
 */
export function leaveOneGroupOut(asks: Ask[], candidates: FeatureWeights[], k: number): Nested {
  const compiled = asks.map(compile);
  const groups = [...new Set(asks.filter((a) => a.targets.length > 0).map((a) => a.group))].sort();
  const table = candidates.map((w) => groupMetrics(compiled, groups, w, k));
  const pick = (leave: number): FeatureWeights => {
    let best = -1;
    let bestRecall = -Infinity;
    let bestMrr = -Infinity;
    table.forEach((m, p) => {
      let r = 0;
      let q = 0;
      for (let g = 0; g < groups.length; g++) {
        if (g === leave) continue;
        r += m.recall[g] as number;
        q += m.mrr[g] as number;
      }
      if (r > bestRecall + 1e-9 || (Math.abs(r - bestRecall) <= 1e-9 && q > bestMrr)) {
        best = p;
        bestRecall = r;
        bestMrr = q;
      }
    });
    return candidates[best] as FeatureWeights;
  };
  const chosen: Record<string, FeatureWeights> = {};
  const out: Nested["trials"] = {};
  groups.forEach((group, g) => {
    const w = pick(g);
    chosen[group] = w;
    for (const ask of asks.filter((a) => a.group === group)) {
      (out[ask.mode] ??= []).push(...trials([ask], featureScorer(w), k));
    }
  });
  return { trials: out, chosen, all: pick(-1) };
}
