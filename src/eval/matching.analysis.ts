import type { MatchMode } from "../features/partners/partners.scoring";
import { BASELINES } from "./matching.baselines";
import { type Ask, othersOf } from "./matching.holdout";
import {
  macro,
  type MacroMetrics,
  outcome,
  perGroup,
  type Scored,
  type TrialOutcome,
} from "./matching.stats";

/**
 * Turns raw asks into table rows: the product as it is, weights learned on one fold and scored on the
 * other (never on the fold they were learned on), and the baselines; each a per-group macro average with
 * a bootstrap interval.
 */

export const FEATURES = ["topics", "geography", "conditions", "network", "proximity", "walk"] as const;
export type Feature = (typeof FEATURES)[number];
export type FeatureWeights = Record<Feature, number>;

export type Scorer = (ask: Ask) => Scored[];

/** Rankers that are approaches of their own rather than baselines. */
const METHOD_NAMES: Partial<Record<(typeof BASELINES)[number], string>> = {
  "random walk": "random walk with restart",
  "goal across worlds": "shared goal across worlds",
};

export interface Row {
  method: string;
  mode: MatchMode;
  metrics: MacroMetrics;
}

export interface Settings {
  k: number;
  resamples: number;
  seed: number;
}

export function trials(asks: Ask[], scorer: Scorer, k: number): { group: string; outcome: TrialOutcome }[] {
  return asks.flatMap((ask) => {
    const ranking = scorer(ask);
    return ask.targets.map((target) => ({
      group: ask.group,
      outcome: outcome(ranking, target, new Set(othersOf(ask, target)), k),
    }));
  });
}

export const productScorer: Scorer = (ask) => ask.model.map((m) => ({ id: m.id, score: m.score }));

/** Every candidate (the random baseline lists them all) with the model's values and the walk's score. */
export function featureScorer(w: FeatureWeights): Scorer {
  return (ask) => {
    const model = new Map(ask.model.map((m) => [m.id, m.values]));
    const walk = new Map(ask.baselines["random walk"].map((s) => [s.id, s.score]));
    const top = Math.max(...walk.values(), Number.MIN_VALUE);
    return ask.baselines.random.map(({ id }) => {
      const v = model.get(id);
      const score =
        (v
          ? w.topics * v.topics +
            w.geography * v.geography +
            w.conditions * v.conditions +
            w.network * v.network +
            w.proximity * v.proximity
          : 0) +
        (w.walk * (walk.get(id) ?? 0)) / top;
      // Rounded like the product's score, so that equal sums are equal (ties stay ties).
      return { id, score: Math.round(score * 1e6) / 1e6 };
    });
  };
}

/** Every combination of the grid values over the features (all zero left out). */
export function grid(values: number[]): FeatureWeights[] {
  let out: number[][] = [[]];
  for (let i = 0; i < FEATURES.length; i++) out = out.flatMap((p) => values.map((v) => [...p, v]));
  return out
    .filter((p) => p.some((v) => v > 0))
    .map((p) => Object.fromEntries(FEATURES.map((f, i) => [f, p[i] ?? 0])) as FeatureWeights);
}

/** The weights with the best macro recall@k on `asks` (MRR breaks a tie, then the earlier grid point). */
export function learn(asks: Ask[], candidates: FeatureWeights[], k: number): FeatureWeights {
  let best: { w: FeatureWeights; recall: number; mrr: number } | undefined;
  for (const w of candidates) {
    const groups = perGroup(trials(asks, featureScorer(w), k));
    const recall = groups.reduce((s, g) => s + g.recall, 0) / Math.max(1, groups.length);
    const mrr = groups.reduce((s, g) => s + g.mrr, 0) / Math.max(1, groups.length);
    if (
      !best ||
      recall > best.recall + 1e-12 ||
      (Math.abs(recall - best.recall) <= 1e-12 && mrr > best.mrr)
    ) {
      best = { w, recall, mrr };
    }
  }
  return best?.w ?? (Object.fromEntries(FEATURES.map((f) => [f, 1])) as FeatureWeights);
}

export interface CrossFit {
  /** The weights learned on each fold (and scored on the other). */
  learned: Record<string, FeatureWeights>;
  trials: { group: string; outcome: TrialOutcome }[];
}

/** Learn on each fold, score on the other folds' groups: every trial is scored by weights it never saw. */
export function crossFit(
  asks: Ask[],
  foldOf: (group: string) => string,
  values: number[],
  k: number,
): CrossFit {
  const folds = [...new Set(asks.map((a) => foldOf(a.group)))].sort();
  const candidates = grid(values);
  const learned: Record<string, FeatureWeights> = {};
  const out: CrossFit["trials"] = [];
  for (const fold of folds) {
    const train = asks.filter((a) => foldOf(a.group) === fold);
    const test = asks.filter((a) => foldOf(a.group) !== fold);
    const w = learn(train, candidates, k);
    learned[fold] = w;
    if (folds.length === 2) out.push(...trials(test, featureScorer(w), k));
  }
  return { learned, trials: out };
}

export function rows(
  asks: Ask[],
  modes: readonly MatchMode[],
  settings: Settings,
  extra: (
    ofMode: Ask[],
  ) => { method: string; trials: { group: string; outcome: TrialOutcome }[] }[] = () => [],
): Row[] {
  const out: Row[] = [];
  for (const mode of modes) {
    const ofMode = asks.filter((a) => a.mode === mode);
    const methods = [
      { method: "model (default weights)", trials: trials(ofMode, productScorer, settings.k) },
      ...extra(ofMode),
      ...BASELINES.map((b) => ({
        method: METHOD_NAMES[b] ?? `baseline: ${b}`,
        trials: trials(ofMode, (a) => a.baselines[b], settings.k),
      })),
    ];
    for (const m of methods) {
      out.push({
        method: m.method,
        mode,
        metrics: macro(perGroup(m.trials), settings.resamples, settings.seed),
      });
    }
  }
  return out;
}

const f = (x: number): string => x.toFixed(3);

export function table(rowsOut: Row[], groupWord: string): string[] {
  return [
    `| mode | method | ${groupWord} | trials | recall@10 [95% CI] | MRR [95% CI] |`,
    "| --- | --- | ---: | ---: | --- | --- |",
    ...rowsOut.map(
      (r) =>
        `| ${r.mode} | ${r.method} | ${r.metrics.groups} | ${r.metrics.trials} | ${f(r.metrics.recall.value)} [${f(r.metrics.recall.low)}, ${f(r.metrics.recall.high)}] | ${f(r.metrics.mrr.value)} [${f(r.metrics.mrr.low)}, ${f(r.metrics.mrr.high)}] |`,
    ),
  ];
}

export function describeWeights(w: FeatureWeights): string {
  return FEATURES.map((f) => `${f} ${w[f]}`).join(", ");
}
