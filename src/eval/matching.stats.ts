import { Random } from "../seed/synthetic.random";

/**
 * The evaluation's arithmetic: tie-aware ranks, per-initiative macro averages and bootstrap confidence
 * intervals. Pure functions, tested in test/unit/partners.eval-stats.test.ts.
 */

/** One scored candidate of one ranking. */
export interface Scored {
  id: string;
  score: number;
}

/** What one (asker, target) trial contributes: the expected hit@k and reciprocal rank. */
export interface TrialOutcome {
  hit: number;
  rr: number;
}

/**
 * Where `target` lands in `ranking`, with the other true partners (`exclude`) taken out first (the
 * "filtered" setting: finding one fellow member must not be punished for finding the others too), and
 * ties counted as ties: a target that shares its score with g − 1 others is at each of those g places
 * with equal chance, so hit@k = clamp((k − s) / g) and RR = mean of 1/(s + j), s strictly ahead of it.
 * A target that is not in the ranking at all scores 0 on both.
 */
export function outcome(ranking: Scored[], target: string, exclude: Set<string>, k: number): TrialOutcome {
  const own = ranking.find((r) => r.id === target);
  if (!own) return { hit: 0, rr: 0 };
  let ahead = 0;
  let tied = 1;
  for (const r of ranking) {
    if (r.id === target || exclude.has(r.id)) continue;
    if (r.score > own.score) ahead++;
    else if (r.score === own.score) tied++;
  }
  const hit = Math.min(1, Math.max(0, (k - ahead) / tied));
  let rr = 0;
  for (let j = 1; j <= tied; j++) rr += 1 / (ahead + j);
  return { hit, rr: rr / tied };
}

export interface GroupMetrics {
  group: string;
  trials: number;
  recall: number;
  mrr: number;
}

/** Mean hit and RR per group (an initiative, or a validation pair). */
export function perGroup(trials: { group: string; outcome: TrialOutcome }[]): GroupMetrics[] {
  const by = new Map<string, TrialOutcome[]>();
  for (const t of trials) by.set(t.group, [...(by.get(t.group) ?? []), t.outcome]);
  return [...by.entries()].map(([group, list]) => ({
    group,
    trials: list.length,
    recall: mean(list.map((o) => o.hit)),
    mrr: mean(list.map((o) => o.rr)),
  }));
}

export interface Estimate {
  value: number;
  low: number;
  high: number;
}

export interface MacroMetrics {
  groups: number;
  trials: number;
  recall: Estimate;
  mrr: Estimate;
}

/**
 * Macro average over groups (each initiative counts once, however many members it has) with a
 * percentile bootstrap 95% interval: resample the groups with replacement `resamples` times.
 */
export function macro(groups: GroupMetrics[], resamples: number, seed: number): MacroMetrics {
  const trials = groups.reduce((s, g) => s + g.trials, 0);
  if (groups.length === 0) {
    const zero = { value: 0, low: 0, high: 0 };
    return { groups: 0, trials, recall: zero, mrr: zero };
  }
  const random = new Random(seed);
  const recalls: number[] = [];
  const mrrs: number[] = [];
  for (let b = 0; b < resamples; b++) {
    let r = 0;
    let m = 0;
    for (let i = 0; i < groups.length; i++) {
      const g = groups[Math.floor(random.next() * groups.length)] as GroupMetrics;
      r += g.recall;
      m += g.mrr;
    }
    recalls.push(r / groups.length);
    mrrs.push(m / groups.length);
  }
  return {
    groups: groups.length,
    trials,
    recall: { value: mean(groups.map((g) => g.recall)), ...interval(recalls) },
    mrr: { value: mean(groups.map((g) => g.mrr)), ...interval(mrrs) },
  };
}

function interval(samples: number[]): { low: number; high: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { low: at(0.025), high: at(0.975) };
}

export function mean(xs: number[]): number {
  return xs.length === 0 ? 0 : xs.reduce((s, x) => s + x, 0) / xs.length;
}
