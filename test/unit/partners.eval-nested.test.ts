import { type FeatureWeights, learn } from "../../src/eval/matching.analysis";
import type { Ask, ComponentValues } from "../../src/eval/matching.holdout";
import { leaveOneGroupOut, productGrid } from "../../src/eval/matching.nested";
import { Random } from "../../src/seed/synthetic.random";
import { MatchMode } from "../../src/features/partners/partners.scoring";

const zero: ComponentValues = { topics: 0, geography: 0, conditions: 0, network: 0, proximity: 0 };

function ask(
  group: string,
  mode: MatchMode,
  targets: string[],
  candidates: [string, Partial<ComponentValues>][],
): Ask {
  return {
    group,
    asker: `${group}-asker`,
    mode,
    targets,
    model: candidates.map(([id, v]) => ({ id, score: 0, values: { ...zero, ...v } })),
    baselines: {
      random: candidates.map(([id]) => ({ id, score: 0 })),
      popularity: [],
      "topics only": [],
      "same kind": [],
      "random walk": [],
      "goal across worlds": [],
    },
  };
}

describe("weights chosen without the initiative they are scored on (nested)", () => {
  it("scores each group with the choice made on the others only", () => {
    // g1 is found by shared topics, g2 by geography. Chosen without g1 the weights favour geography
    // and miss g1's partner; chosen without g2 they favour topics and miss g2's. A choice that saw the
    // group it is scored on would find at least one of them.
    const asks = [
      ask(
        "g1",
        MatchMode.SIMILAR,
        ["t"],
        [
          ["t", { topics: 1 }],
          ["d", { geography: 1 }],
        ],
      ),
      ask(
        "g2",
        MatchMode.SIMILAR,
        ["t"],
        [
          ["t", { geography: 1 }],
          ["d", { topics: 1 }],
        ],
      ),
    ];
    const nested = leaveOneGroupOut(asks, productGrid([0, 1]), 1);
    expect(nested.trials[MatchMode.SIMILAR]).toHaveLength(2);
    expect(nested.trials[MatchMode.SIMILAR]?.every((t) => t.outcome.hit === 0)).toBe(true);
    expect(nested.chosen.g1?.geography).toBeGreaterThan(nested.chosen.g1?.topics ?? 0);
    expect(nested.chosen.g2?.topics).toBeGreaterThan(nested.chosen.g2?.geography ?? 0);
  });

  it("chooses one weight set for both modes and reports each mode's trials apart", () => {
    const both = (group: string, v: Partial<ComponentValues>, d: Partial<ComponentValues>): Ask[] =>
      [MatchMode.SIMILAR, MatchMode.COMPLEMENTARY].map((mode) =>
        ask(
          group,
          mode,
          ["t"],
          [
            ["t", v],
            ["d", d],
          ],
        ),
      );
    const asks = [
      ...both("g1", { proximity: 1 }, { network: 1 }),
      ...both("g2", { proximity: 1 }, { network: 1 }),
      ...both("g3", { proximity: 1 }, { network: 1 }),
    ];
    const nested = leaveOneGroupOut(asks, productGrid([0, 1]), 1);
    expect(nested.trials[MatchMode.SIMILAR]).toHaveLength(3);
    expect(nested.trials[MatchMode.COMPLEMENTARY]).toHaveLength(3);
    expect(
      Object.values(nested.trials)
        .flat()
        .every((t) => t.outcome.hit === 1),
    ).toBe(true);
    expect(nested.all.proximity).toBeGreaterThan(nested.all.network);
  });

  it("picks what the slower learn picks on the same training groups", () => {
    const random = new Random(7);
    const features = ["topics", "geography", "conditions", "network", "proximity"] as const;
    const asks: Ask[] = [];
    for (let g = 0; g < 5; g++) {
      for (let a = 0; a < 3; a++) {
        const ids = Array.from({ length: 8 }, (_, i) => `c${i}`);
        asks.push(
          ask(
            `g${g}`,
            MatchMode.SIMILAR,
            ["c0", "c1"],
            ids.map((id) => [
              id,
              Object.fromEntries(features.map((f) => [f, Math.round(random.next() * 4) / 4])),
            ]),
          ),
        );
      }
    }
    const candidates = productGrid([0, 1, 2]);
    const nested = leaveOneGroupOut(asks, candidates, 2);
    for (let g = 0; g < 5; g++) {
      const learned: FeatureWeights = learn(
        asks.filter((a) => a.group !== `g${g}`),
        candidates,
        2,
      );
      expect(nested.chosen[`g${g}`]).toEqual(learned);
    }
  });

  it("leaves the random-walk score out of the product's grid", () => {
    const g = productGrid([0, 1]);
    expect(g).toHaveLength(2 ** 5 - 1);
    expect(g.every((w) => w.walk === 0)).toBe(true);
  });
});
