import {
  conditionWord,
  NO_POINTS,
  tieRanks,
  toSuggestion,
  topicRarityText,
} from "../../src/features/partners/partners.explain";
import type { SuggestionRow } from "../../src/features/partners/partners.repository";
import {
  DEFAULT_WEIGHTS,
  effectiveWeights,
  MatchMode,
  rarity,
} from "../../src/features/partners/partners.scoring";

const ASKER = {
  id: "crohn-colitis-nl",
  name: "Crohn & Colitis NL",
  kind: "patiëntenvereniging",
  scope: "NATIONAL",
};

function row(overrides: Partial<SuggestionRow> = {}): SuggestionRow {
  return {
    organisation: {
      id: "stomavereniging",
      name: "Stomavereniging",
      kind: "patiëntenvereniging",
      scope: "NATIONAL",
    },
    score: 0,
    values: { topics: 0.5, geography: 0.5, conditions: 0.6, network: 0.4, proximity: 0 },
    proximity: [],
    topics: [
      {
        topic: { id: "openbare-toiletten", name: "Openbare toiletten" },
        organisationCount: 4,
        weight: 2.8,
        relation: "SAME",
        via: null,
        askerOwn: true,
      },
    ],
    geo: { level: "NATIONAL", distanceKm: null, places: [], askerHome: null, candidateHome: null },
    conditions: {
      asker: [
        { id: "chronische-darmontsteking", name: "Chronische darmontsteking", group: "chronisch somatisch" },
      ],
      candidate: [{ id: "stoma", name: "Stoma", group: "chronisch somatisch" }],
      shared: [],
    },
    kinds: { asker: "patiëntenvereniging", candidate: "patiëntenvereniging", relation: "SAME_KIND" },
    network: {
      partners: [
        {
          partner: { key: "mlds", name: "Maag Lever Darm Stichting", label: "Organisation" },
          weight: 1,
          askerInitiative: { key: "toiletalliantie", name: "Toiletalliantie", label: "Initiative" },
          candidateInitiative: { key: "project-x", name: "Project X", label: "Initiative" },
        },
      ],
      events: [],
      experiences: [],
      experienceTopics: [],
      koepels: [],
      memberOfAsker: false,
      askerMemberOf: false,
      existing: [],
    },
    ...overrides,
  };
}

const FIRST = { rank: 1, tiedWith: 0 };
const context = (mode: MatchMode) => ({ asker: ASKER, mode, weights: { ...DEFAULT_WEIGHTS }, total: 68 });

describe("partner scoring helpers", () => {
  it("keeps the defaults for weights the caller leaves out", () => {
    expect(effectiveWeights(null)).toEqual(DEFAULT_WEIGHTS);
    expect(effectiveWeights({ topics: 2, network: null })).toEqual({ ...DEFAULT_WEIGHTS, topics: 2 });
    expect(effectiveWeights({ geography: 0 }).geography).toBe(0);
  });

  it("weighs a rare topic above a common one", () => {
    expect(rarity(1000, 4)).toBeGreaterThan(rarity(1000, 400));
    expect(rarity(1000, 0)).toBe(rarity(1000, 1));
    expect(rarity(1000, 1000)).toBeCloseTo(Math.log(2));
  });

  it("calls a topic rare only when few organisations work on it", () => {
    expect(topicRarityText(4, 68)).toBe("zeldzaam onderwerp: 4 organisaties");
    expect(topicRarityText(12, 68)).toBe("12 organisaties");
    expect(topicRarityText(1, 68)).toBe("zeldzaam onderwerp: 1 organisatie");
    expect(topicRarityText(250, 10_000)).toBe("zeldzaam onderwerp: 250 organisaties");
    expect(topicRarityText(815, 10_000)).toBe("815 organisaties");
  });
});

describe("toSuggestion", () => {
  it("explains in Dutch, strongest contribution first, and sums the contributions", () => {
    const s = toSuggestion(row(), FIRST, context(MatchMode.COMPLEMENTARY));
    expect(s.components.map((c) => c.name)).toEqual([
      "TOPICS",
      "CONDITIONS",
      "NETWORK",
      "GEOGRAPHY",
      "PROXIMITY",
    ]);
    expect(s.components[0]).toMatchObject({ weight: 1, value: 0.5, contribution: 0.5 });
    expect(s.components.find((c) => c.name === "CONDITIONS")?.explanation).toBe(
      "Werkt voor een andere groep: de aandoening stoma, naast jullie de aandoening chronische darmontsteking",
    );
    expect(s.components.find((c) => c.name === "NETWORK")?.explanation).toBe(
      "Werkt ook samen met jullie partner Maag Lever Darm Stichting (jullie: Toiletalliantie)",
    );
    expect(s.explanation).toBe(
      [
        "Werkt ook aan Openbare toiletten (zeldzaam onderwerp: 4 organisaties)",
        "Werkt voor een andere groep: de aandoening stoma, naast jullie de aandoening chronische darmontsteking",
        "Werkt ook samen met jullie partner Maag Lever Darm Stichting (jullie: Toiletalliantie)",
      ].join(" · "),
    );
    expect(s.existingPartner).toBe(false);
    expect(s.organisation.key).toBe("stomavereniging");
  });

  it("builds concrete paths with relationship directions and a notation", () => {
    const s = toSuggestion(row(), FIRST, context(MatchMode.COMPLEMENTARY));
    const topic = s.paths.find((p) => p.kind === "TOPIC");
    expect(topic?.notation).toBe(
      "(Crohn & Colitis NL)-[:WORKS_ON]->(Openbare toiletten)<-[:WORKS_ON]-(Stomavereniging)",
    );
    expect(topic?.nodes.map((n) => n.type)).toEqual(["Organisation", "Topic", "Organisation"]);
    expect(topic?.nodes[1]?.nodeId).toBe(Buffer.from("Topic:openbare-toiletten").toString("base64url"));
    const partner = s.paths.find((p) => p.kind === "PARTNER");
    expect(partner?.nodes.map((n) => n.key)).toEqual([
      "crohn-colitis-nl",
      "toiletalliantie",
      "mlds",
      "project-x",
      "stomavereniging",
    ]);
    expect(partner?.relationships.map((r) => r.forward)).toEqual([true, false, true, false]);
    // Complementary: the two conditions joined through the shared topic.
    const condition = s.paths.find((p) => p.kind === "CONDITION");
    expect(condition?.nodes.map((n) => n.key)).toEqual([
      "chronische-darmontsteking",
      "crohn-colitis-nl",
      "openbare-toiletten",
      "stomavereniging",
      "stoma",
    ]);
  });

  it("leaves out the paths of components that contribute nothing", () => {
    const s = toSuggestion(
      row({ values: { topics: 0.5, geography: 0.5, conditions: 0, network: 0.4, proximity: 0 } }),
      { rank: 2, tiedWith: 0 },
      context(MatchMode.SIMILAR),
    );
    expect(s.rank).toBe(2);
    expect(s.paths.some((p) => p.kind === "CONDITION")).toBe(false);
    expect(s.components.find((c) => c.name === "CONDITIONS")?.explanation).toBe(NO_POINTS);
  });

  it("gives no reason for a component whose weight is 0, even when it has a value", () => {
    // The caller set the conditions weight to 0: the different conditions earn nothing, so nothing is said.
    const ctx = { ...context(MatchMode.COMPLEMENTARY), weights: { ...DEFAULT_WEIGHTS, conditions: 0 } };
    const s = toSuggestion(row(), FIRST, ctx);
    const conditions = s.components.find((c) => c.name === "CONDITIONS");
    expect(conditions).toMatchObject({ weight: 0, contribution: 0, explanation: NO_POINTS });
    expect(conditions?.value).toBeGreaterThan(0);
    expect(s.explanation).not.toContain("andere groep");
    expect(s.paths.some((p) => p.kind === "CONDITION")).toBe(false);
  });

  it("words geography by level", () => {
    const amsterdam = { code: "GM0363", name: "Amsterdam" };
    const s = toSuggestion(
      row({
        geo: {
          level: "MUNICIPALITY",
          distanceKm: 0,
          askerHome: null,
          candidateHome: null,
          places: [
            {
              place: amsterdam,
              labels: ["Municipality"],
              askerRel: "BASED_IN",
              askerVia: null,
              candidateRel: "ACTIVE_IN",
              candidateVia: null,
            },
          ],
        },
      }),
      FIRST,
      context(MatchMode.SIMILAR),
    );
    expect(s.components.find((c) => c.name === "GEOGRAPHY")?.explanation).toBe("Beide actief in Amsterdam");
    expect(s.sharedPlaces.map((p) => p.name)).toEqual(["Amsterdam"]);
    expect(s.paths.find((p) => p.kind === "PLACE")?.notation).toBe(
      "(Crohn & Colitis NL)-[:BASED_IN]->(Amsterdam)<-[:ACTIVE_IN]-(Stomavereniging)",
    );
    const far = toSuggestion(
      row({
        geo: {
          level: "DISTANCE",
          distanceKm: 172.4,
          places: [],
          askerHome: { key: "GM0363", name: "Amsterdam", label: "Municipality" },
          candidateHome: { key: "GM0935", name: "Maastricht", label: "Municipality" },
        },
      }),
      FIRST,
      context(MatchMode.SIMILAR),
    );
    expect(far.components.find((c) => c.name === "GEOGRAPHY")?.explanation).toBe(
      "Op 172 km van jullie (Amsterdam – Maastricht)",
    );
  });
});

describe("explanations that are always true", () => {
  it("never claims the asker works on a topic that only fits the question", () => {
    const base = row();
    const topic = base.topics[0];
    if (!topic) throw new Error("fixture");
    const s = toSuggestion(
      row({ topics: [{ ...topic, askerOwn: false }] }),
      FIRST,
      context(MatchMode.SIMILAR),
    );
    const path = s.paths.find((p) => p.kind === "TOPIC");
    expect(path?.notation).toBe("(Openbare toiletten)<-[:WORKS_ON]-(Stomavereniging)");
    expect(path?.explanation).toBe("Stomavereniging werkt aan Openbare toiletten, dat past bij de vraag");
    expect(s.components.find((c) => c.name === "TOPICS")?.explanation).toBe(
      "Werkt aan Openbare toiletten (past bij de vraag; zeldzaam onderwerp: 4 organisaties)",
    );
    // and no complementary path through the asker's WORKS_ON either
    const c = toSuggestion(
      row({ topics: [{ ...topic, askerOwn: false }] }),
      FIRST,
      context(MatchMode.COMPLEMENTARY),
    );
    expect(c.paths.some((p) => p.kind === "CONDITION")).toBe(false);
  });

  it("words a condition by its group", () => {
    expect(conditionWord("doelgroep")).toBe("doelgroep");
    expect(conditionWord("verstandelijk")).toBe("beperking");
    expect(conditionWord("psychisch")).toBe("aandoening");
    const s = toSuggestion(
      row({
        conditions: {
          asker: [{ id: "mantelzorgers", name: "Mantelzorgers", group: "doelgroep" }],
          candidate: [{ id: "mantelzorgers", name: "Mantelzorgers", group: "doelgroep" }],
          shared: [{ id: "mantelzorgers", name: "Mantelzorgers", group: "doelgroep" }],
        },
      }),
      FIRST,
      context(MatchMode.SIMILAR),
    );
    expect(s.components.find((c) => c.name === "CONDITIONS")?.explanation).toBe(
      "Zelfde doelgroep: Mantelzorgers; ook een patiëntenvereniging; werkt ook landelijk",
    );
  });

  it("gives no condition reason when one side names no conditions", () => {
    const s = toSuggestion(
      row({
        values: { topics: 0.5, geography: 0.5, conditions: 0.4, network: 0.4, proximity: 0 },
        conditions: {
          asker: [{ id: "stoma", name: "Stoma", group: "chronisch somatisch" }],
          candidate: [],
          shared: [],
        },
        kinds: { asker: "patiëntenvereniging", candidate: "koepel", relation: "OTHER_WORLD" },
      }),
      FIRST,
      context(MatchMode.COMPLEMENTARY),
    );
    const text = s.components.find((c) => c.name === "CONDITIONS")?.explanation ?? "";
    expect(text).toBe("Een ander soort organisatie: een koepel, jullie zijn een patiëntenvereniging");
    expect(text).not.toMatch(/breder|aandoening/);
  });

  it("names what both have for PROXIMITY, rarest first, with a true two-step path for each", () => {
    const s = toSuggestion(
      row({
        values: { topics: 0.5, geography: 0.5, conditions: 0.6, network: 0.4, proximity: 0.8 },
        proximity: [
          { node: { key: "iederin", name: "Ieder(in)", label: "Organisation" }, weight: 0.05, group: null },
          {
            node: { key: "stoma", name: "Stoma", label: "Condition" },
            weight: 0.25,
            group: "chronisch somatisch",
          },
          {
            node: { key: "mantelzorgers", name: "Mantelzorgers", label: "Condition" },
            weight: 0.1,
            group: "doelgroep",
          },
          { node: { key: "wmo-2015", name: "Wmo 2015", label: "Topic" }, weight: 0.02, group: null },
        ],
      }),
      FIRST,
      context(MatchMode.COMPLEMENTARY),
    );
    const c = s.components.find((x) => x.name === "PROXIMITY");
    expect(c?.contribution).toBeCloseTo(0.8, 6);
    expect(c?.explanation).toBe(
      "Net als jullie: de aandoening stoma, de doelgroep mantelzorgers, het lidmaatschap van Ieder(in) en 1 meer (hoe minder anderen dat hebben, hoe meer het telt)",
    );
    const stoma = s.paths.find((p) => p.nodes[1]?.key === "stoma");
    expect(stoma?.relationships).toEqual([
      { type: "REPRESENTS", forward: true },
      { type: "REPRESENTS", forward: false },
    ]);
    expect(s.paths.find((p) => p.nodes[1]?.key === "iederin")?.relationships[0]?.type).toBe("MEMBER_OF");
    // the fourth is counted but not shown as a path
    expect(s.paths.some((p) => p.nodes[1]?.key === "wmo-2015")).toBe(false);
    // a path that two components rest on is shown once
    const keys = s.paths.map((p) => JSON.stringify([p.nodes.map((n) => n.key), p.relationships]));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("gives PROXIMITY no reason when nothing is shared", () => {
    const s = toSuggestion(row(), FIRST, context(MatchMode.SIMILAR));
    expect(s.components.find((x) => x.name === "PROXIMITY")?.explanation).toBe(NO_POINTS);
  });

  it("shows ties as ties", () => {
    expect(tieRanks([3, 2, 2, 1])).toEqual([
      { rank: 1, tiedWith: 0 },
      { rank: 2, tiedWith: 1 },
      { rank: 2, tiedWith: 1 },
      { rank: 4, tiedWith: 0 },
    ]);
    const s = toSuggestion(row(), { rank: 2, tiedWith: 1 }, context(MatchMode.SIMILAR));
    expect(s.rank).toBe(2);
    expect(s.tiedWith).toBe(1);
    expect(s.explanation).toMatch(/Even sterk als 1 andere suggestie: samen op plaats 2$/);
  });

  it("keeps internal terms and path notation out of the texts", () => {
    for (const mode of [MatchMode.SIMILAR, MatchMode.COMPLEMENTARY]) {
      const s = toSuggestion(row(), FIRST, context(mode));
      const texts = [
        s.explanation,
        ...s.components.map((c) => c.explanation),
        ...s.paths.map((p) => p.explanation),
      ];
      for (const t of texts) expect(t).not.toMatch(/-\[:|wereld|SAME_|OTHER_|overal nabij|WORKS_ON/);
    }
  });
});
