import { productScorer, trials } from "../../src/eval/matching.analysis";
import type { Ask, GraphView } from "../../src/eval/matching.holdout";
import type { OrganisationFacts } from "../../src/eval/matching.repository";
import { familyOf, KIND_FAMILIES, otherWorld, perModeTargets } from "../../src/eval/matching.targets";
import { MatchMode } from "../../src/features/partners/partners.scoring";

function org(id: string, kind: string, conditionGroups: string[]): OrganisationFacts {
  return {
    id,
    kind,
    scope: "NATIONAL",
    active: true,
    topics: [],
    conditions: [],
    conditionGroups,
    places: [],
    degree: 0,
    partners: [],
  };
}

/** The model's list in the given order, best first. */
function ask(mode: MatchMode, targets: string[], ranking: string[]): Ask {
  return {
    group: "g",
    asker: "asker",
    mode,
    targets,
    model: ranking.map((id, i) => ({
      id,
      score: ranking.length - i,
      values: { topics: 0, geography: 0, conditions: 0, network: 0, proximity: 0 },
    })),
    baselines: {
      random: [],
      popularity: [],
      "topics only": [],
      "same kind": [],
      "random walk": [],
      "goal across worlds": [],
    },
  };
}

describe("another world (docs/decisions/0058)", () => {
  const stoma = org("a", "patiëntenvereniging", ["chronisch somatisch"]);

  it("is another kind of organisation", () => {
    expect(otherWorld(stoma, org("b", "ouderenbond", ["chronisch somatisch"]))).toBe(true);
  });

  it("is the same kind with condition groups that do not meet", () => {
    expect(otherWorld(stoma, org("b", "patiëntenvereniging", ["zintuiglijk"]))).toBe(true);
    expect(otherWorld(stoma, org("b", "patiëntenvereniging", ["zintuiglijk", "chronisch somatisch"]))).toBe(
      false,
    );
  });

  it("never reads missing conditions as a difference: without them only the kind counts", () => {
    expect(otherWorld(stoma, org("b", "patiëntenvereniging", []))).toBe(false);
    expect(otherWorld(org("x", "koepel", []), org("y", "koepel", ["psychisch"]))).toBe(false);
  });

  it("lets 'overkoepelend' meet every group except a target group", () => {
    const across = org("b", "patiëntenvereniging", ["overkoepelend"]);
    expect(otherWorld(stoma, across)).toBe(false);
    expect(otherWorld(across, stoma)).toBe(false);
    expect(otherWorld(across, org("c", "patiëntenvereniging", ["doelgroep"]))).toBe(true);
  });
});

describe("per-mode targets", () => {
  const view: GraphView = {
    facts: [
      org("asker", "patiëntenvereniging", ["chronisch somatisch"]),
      org("near", "patiëntenvereniging", ["chronisch somatisch"]),
      org("far", "ouderenbond", ["doelgroep"]),
    ],
    edges: [],
  };

  it("keeps SIMILAR as it is and keeps only the fellow members of another world in COMPLEMENTARY", () => {
    const asks = perModeTargets(
      [ask(MatchMode.SIMILAR, ["near", "far"], []), ask(MatchMode.COMPLEMENTARY, ["near", "far"], [])],
      () => view,
    );
    expect(asks.map((a) => [a.mode, a.targets])).toEqual([
      [MatchMode.SIMILAR, ["near", "far"]],
      [MatchMode.COMPLEMENTARY, ["far"]],
    ]);
  });

  it("drops a COMPLEMENTARY ask whose fellow members are all of its own world", () => {
    expect(perModeTargets([ask(MatchMode.COMPLEMENTARY, ["near"], [])], () => view)).toEqual([]);
  });

  it("still takes the fellow member of the own world out of the list when the other one is scored", () => {
    // The look-alike ranks first, the far partner second: filtered, the far partner is first (a hit at 1).
    const [complementary] = perModeTargets(
      [ask(MatchMode.COMPLEMENTARY, ["near", "far"], ["near", "far", "other"])],
      () => view,
    );
    const [trial] = trials([complementary!], productScorer, 1);
    expect(trial?.outcome.hit).toBe(1);
    // Without the fellow taken out, the same list would miss at k = 1.
    const naive = { ...complementary!, fellows: [] };
    expect(trials([naive], productScorer, 1)[0]?.outcome.hit).toBe(0);
  });
});

describe("kind families (0058's amendment, session 7b)", () => {
  const patients = org("a", "patiëntenvereniging", ["chronisch somatisch"]);

  it("puts two kinds of organisations of the people concerned in one world, unlike the literal kind", () => {
    const elderly = org("b", "ouderenbond", []);
    expect(otherWorld(patients, elderly, "kind")).toBe(true);
    expect(otherWorld(patients, elderly, "family")).toBe(false);
  });

  it("sets a koepel, a gemeente and a volunteer organisation apart from a patient association", () => {
    for (const kind of ["koepel", "gemeente", "vrijwilligersorganisatie", "kennisinstituut"]) {
      expect(otherWorld(patients, org("b", kind, []), "family")).toBe(true);
    }
  });

  it("still counts condition groups that do not meet within one family", () => {
    expect(otherWorld(patients, org("b", "belangenvereniging", ["zintuiglijk"]), "family")).toBe(true);
  });

  it("reads only conditions under the condition rule: another kind alone is not another world", () => {
    expect(otherWorld(patients, org("b", "koepel", ["chronisch somatisch"]), "conditions")).toBe(false);
    expect(otherWorld(patients, org("b", "koepel", []), "conditions")).toBe(false);
    expect(otherWorld(patients, org("b", "patiëntenvereniging", ["psychisch"]), "conditions")).toBe(true);
  });

  it("maps every kind of the seed vocabulary to one of five families; an unknown kind is its own", () => {
    expect(new Set(Object.values(KIND_FAMILIES)).size).toBe(5);
    expect(familyOf("zorgaanbieder")).toBe(familyOf("welzijnsorganisatie"));
    expect(familyOf("beroepsvereniging")).toBe(familyOf("kennisinstituut"));
    expect(familyOf("onbekend")).toBe("onbekend");
  });

  it("keeps in COMPLEMENTARY only the targets the chosen rule sets apart", () => {
    const view: GraphView = {
      facts: [
        patients,
        org("elderly", "ouderenbond", []),
        org("umbrella", "koepel", ["chronisch somatisch"]),
      ],
      edges: [],
    };
    const asks = [ask(MatchMode.COMPLEMENTARY, ["elderly", "umbrella"], [])].map((a) => ({
      ...a,
      asker: "a",
    }));
    expect(perModeTargets(asks, () => view, "kind")[0]?.targets).toEqual(["elderly", "umbrella"]);
    expect(perModeTargets(asks, () => view, "family")[0]?.targets).toEqual(["umbrella"]);
    expect(perModeTargets(asks, () => view, "conditions")).toEqual([]);
  });
});
