import { type Baseline, RandomWalk } from "./matching.baselines";
import { type Ask, type GraphView, othersOf } from "./matching.holdout";
import { outcomeAt, productGrid } from "./matching.nested";
import { macro, type Estimate, type GroupMetrics, type TrialOutcome } from "./matching.stats";

/**
 * The candidate rankers of issue 15, session 6 (protocol: docs/decisions/0057). Each is a family of scorers
 * (a grid, or weights learned by pairwise logistic loss); whatever a family chooses or learns for an initiative
 * is chosen or learned on the other initiatives only (the inner split), per mode, then scored on that one.
 */

export interface CandidateConstants {
  lambdas: number[];
  learningRate: number;
  steps: number;
  restarts: number[];
  walkWeights: number[];
  goalWeights: number[];
}

export const COMPONENTS = ["topics", "geography", "conditions", "network", "proximity"] as const;

/** One ask as numbers: every candidate's features, the product's score, the targets as indices. */
export interface Compiled {
  group: string;
  /** The five component values per candidate (0 when the product did not list it). */
  values: number[][];
  product: number[];
  /** The evaluation's walk (its committed restart) and the shared-goal score, each divided by the ask's top. */
  walk: number[];
  goal: number[];
  /** Walk scores by restart (divided by the ask's top), for C2. */
  walkAt: Map<number, number[]>;
  targets: { at: number; exclude: Set<number> }[];
}

const byTop = (xs: number[]): number[] => {
  const top = Math.max(...xs, Number.MIN_VALUE);
  return xs.map((x) => x / top);
};

/** Compiles asks of one mode; the walk is rerun per restart on the graph each ask was asked in. */
export function compileAsks(
  asks: Ask[],
  viewOf: (group: string) => GraphView | undefined,
  restarts: number[],
): Compiled[] {
  const walks = new Map<string, RandomWalk>();
  const cache = new Map<string, Map<string, number>>();
  return asks.map((ask) => {
    const ids = ask.baselines.random.map((s) => s.id);
    const index = new Map(ids.map((id, i) => [id, i]));
    const model = new Map(ask.model.map((m) => [m.id, m]));
    const scoreOf = (b: Baseline): number[] => {
      const m = new Map(ask.baselines[b].map((s) => [s.id, s.score]));
      return byTop(ids.map((id) => m.get(id) ?? 0));
    };
    const walkAt = new Map<number, number[]>();
    const view = viewOf(ask.group);
    if (view) {
      let walk = walks.get(ask.group);
      if (!walk) walks.set(ask.group, (walk = new RandomWalk(view.edges)));
      for (const r of restarts) {
        const key = `${ask.group}|${ask.asker}|${r}`;
        let p = cache.get(key);
        if (!p) cache.set(key, (p = walk.from(`Organisation:${ask.asker}`, r)));
        const at = p;
        walkAt.set(r, byTop(ids.map((id) => at.get(`Organisation:${id}`) ?? 0)));
      }
    }
    return {
      group: ask.group,
      values: ids.map((id) => {
        const v = model.get(id)?.values;
        return COMPONENTS.map((c) => v?.[c] ?? 0);
      }),
      product: ids.map((id) => model.get(id)?.score ?? 0),
      walk: scoreOf("random walk"),
      goal: scoreOf("goal across worlds"),
      walkAt,
      targets: ask.targets.map((t) => ({
        at: index.get(t) ?? -1,
        exclude: new Set(othersOf(ask, t).flatMap((o) => index.get(o) ?? [])),
      })),
    };
  });
}

/** A scorer gives every candidate of a compiled ask a score (rounded, so equal sums stay ties). */
export type CompiledScorer = (c: Compiled) => number[];
const round = (x: number): number => Math.round(x * 1e6) / 1e6;

function trialsOf(
  compiled: Compiled[],
  scorer: CompiledScorer,
  k: number,
): { group: string; outcome: TrialOutcome }[] {
  return compiled.flatMap((c) => {
    const scores = scorer(c).map(round);
    return c.targets.map((t) => ({ group: c.group, outcome: outcomeAt(scores, t.at, t.exclude, k) }));
  });
}

/** Mean recall and MRR per group, in the order of `groups` (0 for a group without trials). */
function perGroupOf(
  compiled: Compiled[],
  groups: string[],
  scorer: CompiledScorer,
  k: number,
): { recall: number[]; mrr: number[] } {
  const sum = new Map(groups.map((g) => [g, { hit: 0, rr: 0, n: 0 }]));
  for (const t of trialsOf(compiled, scorer, k)) {
    const acc = sum.get(t.group);
    if (!acc) continue;
    acc.hit += t.outcome.hit;
    acc.rr += t.outcome.rr;
    acc.n += 1;
  }
  const per = groups.map((g) => sum.get(g) ?? { hit: 0, rr: 0, n: 0 });
  return { recall: per.map((a) => (a.n ? a.hit / a.n : 0)), mrr: per.map((a) => (a.n ? a.rr / a.n : 0)) };
}

/** Index of the best entry by summed recall over `use`, then MRR, then the earlier one. */
function best(table: { recall: number[]; mrr: number[] }[], use: (g: number) => boolean): number {
  let at = 0;
  let r0 = -Infinity;
  let q0 = -Infinity;
  table.forEach((m, p) => {
    let r = 0;
    let q = 0;
    m.recall.forEach((x, g) => {
      if (!use(g)) return;
      r += x;
      q += m.mrr[g] as number;
    });
    if (r > r0 + 1e-9 || (Math.abs(r - r0) <= 1e-9 && q > q0 + 1e-12)) {
      at = p;
      r0 = r;
      q0 = q;
    }
  });
  return at;
}

export interface CandidateResult {
  /** Every trial, each scored by what was chosen or learned without its initiative. */
  trials: { group: string; outcome: TrialOutcome }[];
  /** What the same rule chooses on all initiatives (what the product would take), as text. */
  chosenOnAll: string;
  /** The scorer chosen on all initiatives: applied to the validation set. */
  scorerOnAll: CompiledScorer;
}

const groupsOf = (compiled: Compiled[]): string[] =>
  [...new Set(compiled.filter((c) => c.targets.length > 0).map((c) => c.group))].sort();

/** A grid family: each initiative is scored by the grid point that is best on the other initiatives. */
export function nestedGrid<P>(
  compiled: Compiled[],
  points: P[],
  scorer: (p: P) => CompiledScorer,
  describe: (p: P) => string,
  k: number,
): CandidateResult {
  const groups = groupsOf(compiled);
  const table = points.map((p) => perGroupOf(compiled, groups, scorer(p), k));
  const trials = groups.flatMap((group, g) => {
    const p = points[best(table, (h) => h !== g)] as P;
    return trialsOf(
      compiled.filter((c) => c.group === group),
      scorer(p),
      k,
    );
  });
  const all = points[best(table, () => true)] as P;
  return { trials, chosenOnAll: describe(all), scorerOnAll: scorer(all) };
}

/** Linear score over a feature extractor. */
export function linear(features: (c: Compiled) => number[][], w: number[]): CompiledScorer {
  return (c) => features(c).map((x) => x.reduce((s, v, i) => s + (w[i] ?? 0) * v, 0));
}

export const componentFeatures = (c: Compiled): number[][] => c.values;
export const allFeatures = (c: Compiled): number[][] =>
  c.values.map((v, i) => [...v, c.walk[i] ?? 0, c.goal[i] ?? 0]);

/**
 * Pairwise logistic ranking: minimise the mean over initiatives of the mean over each trial's pairs
 * (target, other candidate) of log(1 + e^−w·(x_t − x_o)), plus λ/2·|w|², by full-batch gradient descent.
 * `nonNegative` projects the weights to ≥ 0 after each step (so they can be the product's weights).
 */
export function fitPairwise(
  compiled: Compiled[],
  features: (c: Compiled) => number[][],
  options: { lambda: number; learningRate: number; steps: number; nonNegative: boolean },
): number[] {
  const diffs: number[][] = [];
  const weights: number[] = [];
  const perGroup = new Map<string, number>();
  for (const c of compiled)
    for (const t of c.targets) if (t.at >= 0) perGroup.set(c.group, (perGroup.get(c.group) ?? 0) + 1);
  for (const c of compiled) {
    const x = features(c);
    for (const t of c.targets) {
      if (t.at < 0) continue;
      const own = x[t.at] as number[];
      const others = x.flatMap((row, j) => (j === t.at || t.exclude.has(j) ? [] : [row]));
      const share = 1 / ((perGroup.get(c.group) ?? 1) * Math.max(1, others.length) * perGroup.size);
      for (const row of others) {
        diffs.push(own.map((v, i) => v - (row[i] as number)));
        weights.push(share);
      }
    }
  }
  // Nothing to learn from (an empty half of the inner split): all weights 0, every candidate tied.
  const d = diffs[0]?.length ?? 0;
  const w = new Array<number>(d).fill(0);
  for (let step = 0; step < options.steps; step++) {
    const grad = w.map((v) => options.lambda * v);
    for (let p = 0; p < diffs.length; p++) {
      const x = diffs[p] as number[];
      let m = 0;
      for (let i = 0; i < d; i++) m += (w[i] as number) * (x[i] as number);
      const g = (weights[p] as number) / (1 + Math.exp(m));
      for (let i = 0; i < d; i++) grad[i] = (grad[i] as number) - g * (x[i] as number);
    }
    for (let i = 0; i < d; i++) {
      const v = (w[i] as number) - options.learningRate * (grad[i] as number);
      w[i] = options.nonNegative ? Math.max(0, v) : v;
    }
  }
  return w;
}

/** λ chosen on `train` only: two alternating halves of its groups, each fit on one and scored on the other. */
function chooseLambda(
  train: Compiled[],
  features: (c: Compiled) => number[][],
  constants: CandidateConstants,
  nonNegative: boolean,
  k: number,
): number {
  const groups = groupsOf(train);
  const half = new Map(groups.map((g, i) => [g, i % 2]));
  const table = constants.lambdas.map((lambda) => {
    const recall: number[] = [];
    const mrr: number[] = [];
    for (const side of [0, 1]) {
      const fitOn = train.filter((c) => half.get(c.group) === side);
      const scoreOn = train.filter((c) => half.get(c.group) !== side);
      const w = fitPairwise(fitOn, features, { ...constants, lambda, nonNegative });
      const m = perGroupOf(scoreOn, groupsOf(scoreOn), linear(features, w), k);
      recall.push(...m.recall);
      mrr.push(...m.mrr);
    }
    return { recall, mrr };
  });
  return constants.lambdas[best(table, () => true)] as number;
}

/** C1: pairwise logistic ranking, λ chosen and weights fit on the other initiatives only. */
export function nestedPairwise(
  compiled: Compiled[],
  features: (c: Compiled) => number[][],
  names: readonly string[],
  constants: CandidateConstants,
  nonNegative: boolean,
  k: number,
): CandidateResult {
  const fit = (train: Compiled[]): number[] => {
    const lambda = chooseLambda(train, features, constants, nonNegative, k);
    return fitPairwise(train, features, { ...constants, lambda, nonNegative });
  };
  const trials = groupsOf(compiled).flatMap((group) => {
    const w = fit(compiled.filter((c) => c.group !== group));
    return trialsOf(
      compiled.filter((c) => c.group === group),
      linear(features, w),
      k,
    );
  });
  const all = fit(compiled);
  return {
    trials,
    chosenOnAll: names.map((n, i) => `${n} ${(all[i] ?? 0).toFixed(3)}`).join(", "),
    scorerOnAll: linear(features, all),
  };
}

/** Scores of a scorer on compiled asks (the validation set), as trials. */
export function score(
  compiled: Compiled[],
  scorer: CompiledScorer,
  k: number,
): { group: string; outcome: TrialOutcome }[] {
  return trialsOf(compiled, scorer, k);
}

/** Paired difference a − b of per-group metrics (same groups), with the bootstrap of `macro`. */
export function pairedDifference(
  a: GroupMetrics[],
  b: GroupMetrics[],
  resamples: number,
  seed: number,
): { recall: Estimate; mrr: Estimate } {
  const other = new Map(b.map((g) => [g.group, g]));
  const diff = a.map((g) => ({
    group: g.group,
    trials: g.trials,
    recall: g.recall - (other.get(g.group)?.recall ?? 0),
    mrr: g.mrr - (other.get(g.group)?.mrr ?? 0),
  }));
  const m = macro(diff, resamples, seed);
  return { recall: m.recall, mrr: m.mrr };
}

export interface CandidateRun {
  held: { method: string; trials: { group: string; outcome: TrialOutcome }[] }[];
  validation: { method: string; trials: { group: string; outcome: TrialOutcome }[] }[];
  notes: string[];
}

/** The protocol's candidates for one mode: nested on the held-out asks, chosen-on-all on the validation asks. */
export function runCandidates(
  held: Ask[],
  validation: Ask[],
  viewOf: (group: string) => GraphView | undefined,
  validationView: GraphView,
  constants: CandidateConstants,
  weightGrid: number[],
  k: number,
): CandidateRun {
  const compiled = compileAsks(held, viewOf, constants.restarts);
  const compiledVal = compileAsks(validation, () => validationView, constants.restarts);
  const grid = productGrid(weightGrid).map((w) => COMPONENTS.map((c) => w[c]));
  const families: [string, CandidateResult][] = [
    [
      "C0 product components, grid per mode (nested)",
      nestedGrid(
        compiled,
        grid,
        (w) => linear(componentFeatures, w),
        (w) => COMPONENTS.map((c, i) => `${c} ${w[i]}`).join(", "),
        k,
      ),
    ],
    [
      "C1a pairwise ranking, product components (nested)",
      nestedPairwise(compiled, componentFeatures, COMPONENTS, constants, true, k),
    ],
    [
      "C1b pairwise ranking, components + walk + goal (nested)",
      nestedPairwise(compiled, allFeatures, [...COMPONENTS, "walk", "goal"], constants, false, k),
    ],
    [
      "C2 random walk, restart chosen (nested)",
      nestedGrid(
        compiled,
        constants.restarts,
        (r) => (c) => c.walkAt.get(r) ?? [],
        (r) => `restart ${r}`,
        k,
      ),
    ],
    [
      "C2+ product + walk (nested)",
      nestedGrid(
        compiled,
        constants.restarts.flatMap((r) => constants.walkWeights.map((b) => [r, b] as const)),
        ([r, b]) =>
          (c) =>
            c.product.map((s, i) => s + b * (c.walkAt.get(r)?.[i] ?? 0)),
        ([r, b]) => `restart ${r}, walk weight ${b}`,
        k,
      ),
    ],
    [
      "C3 product + shared goal across worlds (nested)",
      nestedGrid(
        compiled,
        constants.goalWeights,
        (g) => (c) => c.product.map((s, i) => s + g * (c.goal[i] ?? 0)),
        (g) => `goal weight ${g}`,
        k,
      ),
    ],
  ];
  return {
    held: families.map(([method, r]) => ({ method, trials: r.trials })),
    validation: families.map(([method, r]) => ({
      method: method.replace("(nested)", "(chosen on all initiatives)"),
      trials: score(compiledVal, r.scorerOnAll, k),
    })),
    notes: families.map(
      ([method, r]) => `${method.replace(" (nested)", "")}, chosen on all initiatives: ${r.chosenOnAll}`,
    ),
  };
}
