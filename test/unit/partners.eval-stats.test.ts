import { grid, trials } from "../../src/eval/matching.analysis";
import { baselineRankers } from "../../src/eval/matching.baselines";
import type { Ask } from "../../src/eval/matching.holdout";
import type { OrganisationFacts } from "../../src/eval/matching.repository";
import { macro, outcome, perGroup } from "../../src/eval/matching.stats";
import { MatchMode } from "../../src/features/partners/partners.scoring";

const list = (...scores: [string, number][]) => scores.map(([id, score]) => ({ id, score }));

describe("tie-aware, filtered rank", () => {
  it("counts the places strictly ahead, without the other true partners", () => {
    const ranking = list(["x", 5], ["other", 4], ["t", 3], ["y", 1]);
    expect(outcome(ranking, "t", new Set(), 1)).toEqual({ hit: 0, rr: 1 / 3 });
    // "other" is a fellow member: taken out, so t is second
    expect(outcome(ranking, "t", new Set(["other"]), 1)).toEqual({ hit: 0, rr: 1 / 2 });
    expect(outcome(ranking, "t", new Set(["other"]), 2)).toEqual({ hit: 1, rr: 1 / 2 });
  });

  it("treats a tie as a tie: equal chance of each tied place", () => {
    const ranking = list(["a", 2], ["b", 2], ["t", 2], ["c", 2]);
    const o = outcome(ranking, "t", new Set(), 2);
    expect(o.hit).toBeCloseTo(2 / 4);
    expect(o.rr).toBeCloseTo((1 + 1 / 2 + 1 / 3 + 1 / 4) / 4);
  });

  it("scores a target that is not listed as a miss", () => {
    expect(outcome(list(["a", 1]), "t", new Set(), 10)).toEqual({ hit: 0, rr: 0 });
  });
});

describe("macro average with a bootstrap interval", () => {
  it("weighs each group once, whatever its size", () => {
    const groups = perGroup([
      ...Array.from({ length: 9 }, () => ({ group: "big", outcome: { hit: 0, rr: 0 } })),
      { group: "small", outcome: { hit: 1, rr: 1 } },
    ]);
    const m = macro(groups, 500, 1);
    expect(m.groups).toBe(2);
    expect(m.trials).toBe(10);
    expect(m.recall.value).toBeCloseTo(0.5);
    expect(m.recall.low).toBeLessThanOrEqual(0.5);
    expect(m.recall.high).toBeGreaterThanOrEqual(0.5);
    expect(m.recall.low).toBeGreaterThanOrEqual(0);
    expect(m.recall.high).toBeLessThanOrEqual(1);
    // same seed, same interval
    expect(macro(groups, 500, 1)).toEqual(m);
  });

  it("has a zero-width interval when every group agrees", () => {
    const m = macro(
      perGroup([
        { group: "a", outcome: { hit: 1, rr: 0.5 } },
        { group: "b", outcome: { hit: 1, rr: 0.5 } },
      ]),
      200,
      3,
    );
    expect(m.recall).toEqual({ value: 1, low: 1, high: 1 });
  });
});

describe("weights grid and trials", () => {
  it("covers every combination except all zero", () => {
    const g = grid([0, 1]);
    expect(g).toHaveLength(2 ** 6 - 1); // five components and the walk
    expect(g.every((w) => Object.values(w).some((v) => v > 0))).toBe(true);
  });

  it("makes one trial per target, filtering the other targets", () => {
    const ask: Ask = {
      group: "i",
      asker: "a",
      mode: MatchMode.SIMILAR,
      targets: ["t1", "t2"],
      model: [],
      baselines: {
        random: list(["t1", 0], ["t2", 0], ["x", 0]),
        popularity: [],
        "topics only": [],
        "same kind": [],
        "random walk": [],
        "goal across worlds": [],
      },
    };
    const out = trials([ask], (a) => a.baselines.random, 1);
    expect(out).toHaveLength(2);
    // each target ties with x only (the other target is filtered out): half a hit
    expect(out[0]?.outcome.hit).toBeCloseTo(0.5);
  });
});

describe("shared goal across worlds (a COMPLEMENTARY ranker of the evaluation)", () => {
  const org = (id: string, o: Partial<OrganisationFacts>): OrganisationFacts => ({
    id,
    kind: "patiëntenvereniging",
    scope: "LOCAL",
    active: true,
    topics: [],
    conditions: [],
    conditionGroups: [],
    places: [],
    degree: 1,
    partners: [],
    ...o,
  });
  const asker = org("a", { topics: ["t"], conditionGroups: ["lichamelijk"], places: ["GM1"] });
  const all = [
    asker,
    // same goal, same world, same group
    org("same", { topics: ["t"], conditionGroups: ["lichamelijk"], places: ["GM1"] }),
    // same goal from another world with a group the asker lacks
    org("other", { kind: "adviesraad", topics: ["t"], conditionGroups: ["psychisch"], places: ["GM1"] }),
    // another world, but no shared goal
    org("apart", { kind: "adviesraad", topics: ["u"], conditionGroups: ["psychisch"], places: ["GM1"] }),
    // the same goal elsewhere
    org("far", { topics: ["t"], conditionGroups: ["lichamelijk"], places: ["GM2"] }),
  ];
  const score = (id: string): number =>
    baselineRankers(all, [], 0.3)
      ["goal across worlds"](asker)
      .find((s) => s.id === id)?.score ?? -1;

  it("rewards what the asker lacks only on a shared goal, and a shared place", () => {
    expect(score("other")).toBeCloseTo(2 * score("same"), 6);
    expect(score("apart")).toBe(0);
    expect(score("far")).toBeCloseTo(score("same") / 2, 6);
    expect(score("same")).toBeGreaterThan(0);
  });
});
