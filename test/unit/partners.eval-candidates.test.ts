import {
  type Compiled,
  componentFeatures,
  fitPairwise,
  linear,
  nestedGrid,
  nestedPairwise,
  pairedDifference,
} from "../../src/eval/matching.candidates";

/** A compiled ask: candidate 0 is the target; rows are the five component values. */
function ask(group: string, rows: number[][], walk: number[] = rows.map(() => 0)): Compiled {
  return {
    group,
    values: rows,
    product: rows.map((r) => r.reduce((s, v) => s + v, 0)),
    walk,
    goal: rows.map(() => 0),
    walkAt: new Map([[0.3, walk]]),
    targets: [{ at: 0, exclude: new Set() }],
  };
}

const constants = {
  lambdas: [0.01],
  learningRate: 2,
  steps: 200,
  restarts: [0.3],
  walkWeights: [0, 1],
  goalWeights: [0, 1],
};

describe("candidate rankers of session 6 (docs/decisions/0057)", () => {
  it("pairwise ranking learns to put the target first from the feature that separates it", () => {
    // The target always has topics 1; decoys have geography 1. The fit must weigh topics above geography.
    const asks = [1, 2, 3].map((i) =>
      ask(`g${i}`, [
        [1, 0, 0, 0, 0],
        [0, 1, 0, 0, 0],
        [0, 1, 0, 0, 0.1 * i],
      ]),
    );
    const w = fitPairwise(asks, componentFeatures, {
      lambda: 0.01,
      learningRate: 2,
      steps: 200,
      nonNegative: true,
    });
    expect(w[0]).toBeGreaterThan(w[1] as number);
    expect(w.every((v) => v >= 0)).toBe(true);
    const scores = linear(componentFeatures, w)(asks[0] as Compiled);
    expect(scores[0]).toBeGreaterThan(Math.max(scores[1] as number, scores[2] as number));
  });

  it("never scores an initiative with a choice that saw it (grid and learned)", () => {
    // g1's partner is found by topics, g2's by geography: chosen or learned on the other group, each misses.
    const asks = [
      ask("g1", [
        [1, 0, 0, 0, 0],
        [0, 1, 0, 0, 0],
      ]),
      ask("g2", [
        [0, 1, 0, 0, 0],
        [1, 0, 0, 0, 0],
      ]),
    ];
    const grid = nestedGrid(
      asks,
      [
        [1, 0, 0, 0, 0],
        [0, 1, 0, 0, 0],
      ],
      (w) => linear(componentFeatures, w),
      String,
      1,
    );
    expect(grid.trials.map((t) => t.outcome.hit)).toEqual([0, 0]);
    const learned = nestedPairwise(asks, componentFeatures, ["a", "b", "c", "d", "e"], constants, true, 1);
    expect(learned.trials.map((t) => t.outcome.hit)).toEqual([0, 0]);
  });

  it("pairs each initiative with itself for the difference to the product", () => {
    const a = [
      { group: "x", trials: 1, recall: 1, mrr: 1 },
      { group: "y", trials: 1, recall: 0.5, mrr: 0.5 },
    ];
    const b = [
      { group: "y", trials: 1, recall: 0.5, mrr: 0.25 },
      { group: "x", trials: 1, recall: 0, mrr: 0 },
    ];
    const d = pairedDifference(a, b, 200, 1);
    expect(d.recall.value).toBeCloseTo(0.5);
    expect(d.mrr.value).toBeCloseTo(0.625);
    expect(d.recall.low).toBeGreaterThanOrEqual(0);
  });
});
