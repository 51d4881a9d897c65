import type { Database } from "../../src/db/database";
import { loadSeed, validateSeedDir } from "../../src/seed";
import { uniquePrefix } from "../support/database";
import { startTestServer, type TestServer } from "../support/server";

/**
 * partnerSuggestions over real HTTP on small graphs built for the purpose: every test owns its topics,
 * conditions and organisations (unique ids), so each component can be shown to move the ranking.
 */

interface Suggestion {
  rank: number;
  score: number;
  explanation: string;
  existingPartner: boolean;
  organisation: { key: string; name: string };
  components: { name: string; weight: number; value: number; contribution: number; explanation: string }[];
  sharedTopics: {
    topic: { key: string; name: string };
    organisationCount: number;
    relatedTo: { key: string } | null;
  }[];
  sharedPlaces: { __typename: string; code: string; name: string }[];
  paths: {
    kind: string;
    explanation: string;
    notation: string;
    nodes: { type: string; key: string; name: string }[];
    relationships: { type: string; forward: boolean }[];
  }[];
}

const QUERY = `
query ($org: ID!, $topic: ID, $place: PlaceInput, $mode: MatchMode, $first: Int, $inc: Boolean, $w: MatchWeightsInput) {
  partnerSuggestions(organisation: $org, topic: $topic, place: $place, mode: $mode, first: $first,
                     includeExisting: $inc, weights: $w) {
    rank score explanation existingPartner
    organisation { key name }
    components { name weight value contribution explanation }
    sharedTopics { topic { key name } organisationCount relatedTo { key } }
    sharedPlaces { __typename ... on Municipality { code name } ... on Province { code name } }
    paths { kind explanation notation nodes { type key name } relationships { type forward } }
  }
}`;

interface OrgSpec {
  id: string;
  kind?: string;
  scope?: "NATIONAL" | "REGIONAL" | "LOCAL";
  status?: "ACTIVE" | "INACTIVE";
  topics?: string[];
  conditions?: string[];
  basedIn?: string;
  activeIn?: string[];
}

interface GraphSpec {
  topics?: { id: string; broader?: string }[];
  conditions?: string[];
  organisations: OrgSpec[];
  initiatives?: { id: string; members: string[] }[];
  events?: { id: string; participants: string[] }[];
}

/** Creates a small graph; every id carries the test's prefix (municipalities and provinces are the seed's). */
async function build(db: Database, g: GraphSpec): Promise<void> {
  const orgs = g.organisations.map((o) => ({
    id: o.id,
    name: `Org ${o.id.slice(o.id.lastIndexOf("-") + 1)}`,
    kind: o.kind ?? "patiëntenvereniging",
    scope: o.scope ?? "NATIONAL",
    status: o.status ?? "ACTIVE",
    topics: o.topics ?? [],
    conditions: o.conditions ?? [],
    basedIn: o.basedIn ? [o.basedIn] : [],
    activeIn: o.activeIn ?? [],
  }));
  await db.write(async (tx) => {
    await tx.run(
      `UNWIND $topics AS t CREATE (:Topic {id: t.id, name: 'Onderwerp ' + t.id, nameKey: t.id})
       WITH count(*) AS done
       UNWIND $topics AS t WITH t WHERE t.broader IS NOT NULL
       MATCH (n:Topic {id: t.id}), (b:Topic {id: t.broader}) CREATE (n)-[:SUBTOPIC_OF]->(b)`,
      { topics: (g.topics ?? []).map((t) => ({ id: t.id, broader: t.broader ?? null })) },
    );
    await tx.run(`UNWIND $ids AS id CREATE (:Condition {id: id, name: 'Aandoening ' + id})`, {
      ids: g.conditions ?? [],
    });
    await tx.run(
      `UNWIND $orgs AS o
       CREATE (n:Organisation {id: o.id, name: o.name, nameKey: toLower(o.name), sortKey: toLower(o.name), kind: o.kind, scope: o.scope, status: o.status})
       WITH n, o
       CALL (n, o) { UNWIND o.topics AS t MATCH (x:Topic {id: t}) CREATE (n)-[:WORKS_ON]->(x) }
       CALL (n, o) { UNWIND o.conditions AS d MATCH (x:Condition {id: d}) CREATE (n)-[:REPRESENTS]->(x) }
       CALL (n, o) { UNWIND o.basedIn AS code MATCH (x:Municipality {code: code}) CREATE (n)-[:BASED_IN]->(x) }
       CALL (n, o) { UNWIND o.activeIn AS code MATCH (x) WHERE (x:Municipality OR x:Province) AND x.code = code
                     CREATE (n)-[:ACTIVE_IN]->(x) }`,
      { orgs },
    );
    await tx.run(
      `UNWIND $initiatives AS i
       CREATE (n:Initiative {id: i.id, name: 'Initiatief ' + i.id, kind: 'project', status: 'ACTIVE'})
       WITH n, i UNWIND i.members AS m MATCH (o:Organisation {id: m}) CREATE (o)-[:PARTICIPATES_IN {role: 'PARTNER'}]->(n)`,
      { initiatives: g.initiatives ?? [] },
    );
    await tx.run(
      `UNWIND $events AS e
       CREATE (n:Event {id: e.id, name: 'Bijeenkomst ' + e.id, kind: 'bijeenkomst'})
       WITH n, e UNWIND e.participants AS m MATCH (o:Organisation {id: m}) CREATE (o)-[:TAKES_PART_IN {role: 'PARTICIPANT'}]->(n)`,
      { events: g.events ?? [] },
    );
  });
}

describe("partnerSuggestions", () => {
  let server: TestServer;
  const prefix = uniquePrefix("partners");
  const id = (name: string): string => `${prefix}-${name}`;

  async function suggest(
    variables: Record<string, unknown>,
  ): Promise<{ list: Suggestion[]; roundTrips: number | undefined }> {
    const res = await server.gql<{ partnerSuggestions: Suggestion[] }>(QUERY, { first: 50, ...variables });
    expect(res.errors).toBeUndefined();
    return { list: res.data?.partnerSuggestions ?? [], roundTrips: res.extensions?.roundTrips };
  }
  const rankOf = (list: Suggestion[], key: string): number =>
    list.find((s) => s.organisation.key === key)?.rank ?? Number.POSITIVE_INFINITY;
  const component = (s: Suggestion | undefined, name: string) => s?.components.find((c) => c.name === name);

  beforeAll(async () => {
    server = await startTestServer();
    // Municipalities, provinces and the factual organisations (idempotent MERGE).
    await loadSeed(server.db, validateSeedDir());
  }, 120_000);

  afterAll(async () => {
    await server.db.write((tx) =>
      tx.run("MATCH (n) WHERE n.id STARTS WITH $prefix DETACH DELETE n", { prefix }),
    );
    await server.stop();
  });

  it("ranks a candidate sharing a rare topic above one sharing a common topic", async () => {
    const [rare, common] = [id("rare"), id("common")];
    await build(server.db, {
      topics: [{ id: rare }, { id: common }],
      organisations: [
        { id: id("r-asker"), topics: [rare, common] },
        { id: id("r-niche"), topics: [rare] },
        { id: id("r-broad"), topics: [common] },
        ...[1, 2, 3, 4, 5, 6].map((i) => ({ id: id(`r-filler${i}`), topics: [common] })),
      ],
    });
    const { list, roundTrips } = await suggest({ org: id("r-asker") });
    expect(rankOf(list, id("r-niche"))).toBeLessThan(rankOf(list, id("r-broad")));
    const niche = list.find((s) => s.organisation.key === id("r-niche"));
    expect(niche?.sharedTopics.map((t) => t.topic.key)).toEqual([rare]);
    expect(niche?.sharedTopics[0]?.organisationCount).toBe(2);
    expect(component(niche, "TOPICS")?.explanation).toContain("zeldzaam onderwerp: 2 organisaties");
    expect(niche?.paths[0]).toMatchObject({
      kind: "TOPIC",
      nodes: [{ key: id("r-asker") }, { key: rare, type: "Topic" }, { key: id("r-niche") }],
      relationships: [
        { type: "WORKS_ON", forward: true },
        { type: "WORKS_ON", forward: false },
      ],
    });
    // The score is the sum of the contributions, and every contribution is weight × value.
    for (const s of list) {
      const sum = s.components.reduce((acc, c) => acc + c.contribution, 0);
      expect(s.score).toBeCloseTo(sum, 3);
      for (const c of s.components) expect(c.contribution).toBeCloseTo(c.weight * c.value, 3);
    }
    // One Cypher round trip for the whole request.
    expect(roundTrips).toBe(1);
  });

  it("ranks the same municipality above the same province above far away", async () => {
    const topic = id("geo");
    await build(server.db, {
      topics: [{ id: topic }],
      organisations: [
        { id: id("g-asker"), scope: "LOCAL", topics: [topic], basedIn: "GM0363", activeIn: ["GM0363"] },
        { id: id("g-same"), scope: "LOCAL", topics: [topic], basedIn: "GM0363", activeIn: ["GM0363"] },
        { id: id("g-province"), scope: "LOCAL", topics: [topic], basedIn: "GM0392", activeIn: ["GM0392"] },
        { id: id("g-far"), scope: "LOCAL", topics: [topic], basedIn: "GM0935", activeIn: ["GM0935"] },
      ],
    });
    const { list } = await suggest({ org: id("g-asker") });
    const same = rankOf(list, id("g-same"));
    const province = rankOf(list, id("g-province"));
    const far = rankOf(list, id("g-far"));
    expect(same).toBeLessThan(province);
    expect(province).toBeLessThan(far);
    const sameSuggestion = list.find((s) => s.organisation.key === id("g-same"));
    expect(component(sameSuggestion, "GEOGRAPHY")?.explanation).toBe("Beide actief in Amsterdam");
    expect(sameSuggestion?.sharedPlaces).toEqual([
      { __typename: "Municipality", code: "GM0363", name: "Amsterdam" },
    ]);
    const provinceSuggestion = list.find((s) => s.organisation.key === id("g-province"));
    expect(component(provinceSuggestion, "GEOGRAPHY")?.explanation).toBe("Beide actief in Noord-Holland");
    expect(provinceSuggestion?.paths.find((p) => p.kind === "PLACE")?.notation).toContain(
      "-[:IN_PROVINCE]->",
    );
    const farSuggestion = list.find((s) => s.organisation.key === id("g-far"));
    expect(component(farSuggestion, "GEOGRAPHY")?.explanation).toMatch(
      /^Op \d+ km van jullie \(Amsterdam – Maastricht\)$/,
    );

    // Restricted to a place: only who works there (national organisations count everywhere).
    const inPlace = await suggest({ org: id("g-asker"), place: { municipality: "Maastricht" } });
    expect(inPlace.list.map((s) => s.organisation.key)).toEqual([id("g-far")]);
    expect(component(inPlace.list[0], "GEOGRAPHY")?.explanation).toBe("Actief in Maastricht");
    expect(inPlace.roundTrips).toBe(2); // the place name, then the scoring
  });

  it("flips the ranking between SIMILAR and COMPLEMENTARY", async () => {
    const topic = id("mode");
    const [stoma, darm] = [id("stoma"), id("darm")];
    await build(server.db, {
      topics: [{ id: topic }],
      conditions: [stoma, darm],
      organisations: [
        { id: id("m-asker"), kind: "patiëntenvereniging", topics: [topic], conditions: [darm] },
        { id: id("m-alike"), kind: "patiëntenvereniging", topics: [topic], conditions: [darm] },
        { id: id("m-other"), kind: "adviesraad", topics: [topic], conditions: [stoma] },
      ],
    });
    const similar = (await suggest({ org: id("m-asker"), mode: "SIMILAR" })).list;
    expect(rankOf(similar, id("m-alike"))).toBeLessThan(rankOf(similar, id("m-other")));
    expect(component(similar[0], "CONDITIONS")?.explanation).toContain(
      `Zelfde aandoening: Aandoening ${darm}`,
    );

    const complementary = (await suggest({ org: id("m-asker"), mode: "COMPLEMENTARY" })).list;
    expect(rankOf(complementary, id("m-other"))).toBeLessThan(rankOf(complementary, id("m-alike")));
    const other = complementary.find((s) => s.organisation.key === id("m-other"));
    expect(component(other, "CONDITIONS")?.explanation).toBe(
      `Werkt voor een andere groep: de aandoening aandoening ${stoma}, naast jullie de aandoening aandoening ${darm}; een ander soort organisatie: een adviesraad, jullie zijn een patiëntenvereniging`,
    );
    // The path that shows the complement: two conditions joined through the shared topic.
    expect(other?.paths.find((p) => p.kind === "CONDITION")?.nodes.map((n) => n.key)).toEqual([
      darm,
      id("m-asker"),
      topic,
      id("m-other"),
      stoma,
    ]);
  });

  it("raises a candidate with a shared partner and leaves existing partners out unless asked", async () => {
    const topic = id("net");
    await build(server.db, {
      topics: [{ id: topic }],
      organisations: [
        { id: id("n-asker"), topics: [topic] },
        { id: id("n-partner"), topics: [topic] },
        { id: id("n-linked"), topics: [topic] },
        { id: id("n-plain"), topics: [topic] },
      ],
      initiatives: [
        { id: id("n-ini1"), members: [id("n-asker"), id("n-partner")] },
        { id: id("n-ini2"), members: [id("n-partner"), id("n-linked")] },
      ],
    });
    const { list } = await suggest({ org: id("n-asker") });
    expect(rankOf(list, id("n-linked"))).toBeLessThan(rankOf(list, id("n-plain")));
    expect(list.map((s) => s.organisation.key)).not.toContain(id("n-partner"));
    const linked = list.find((s) => s.organisation.key === id("n-linked"));
    expect(component(linked, "NETWORK")?.explanation).toBe(
      `Werkt ook samen met jullie partner Org ${"partner"} (jullie: Initiatief ${id("n-ini1")})`,
    );
    expect(linked?.paths.find((p) => p.kind === "PARTNER")?.nodes.map((n) => n.key)).toEqual([
      id("n-asker"),
      id("n-ini1"),
      id("n-partner"),
      id("n-ini2"),
      id("n-linked"),
    ]);

    const withExisting = (await suggest({ org: id("n-asker"), inc: true })).list;
    const partner = withExisting.find((s) => s.organisation.key === id("n-partner"));
    expect(partner?.existingPartner).toBe(true);
    expect(component(partner, "NETWORK")?.explanation).toContain(`Al partners in Initiatief ${id("n-ini1")}`);
    expect(withExisting.find((s) => s.organisation.key === id("n-linked"))?.existingPartner).toBe(false);
  });

  it("raises a candidate met at a shared event, and drops inactive organisations", async () => {
    const topic = id("event");
    await build(server.db, {
      topics: [{ id: topic }],
      organisations: [
        { id: id("e-asker"), topics: [topic] },
        { id: id("e-met"), topics: [topic] },
        { id: id("e-plain"), topics: [topic] },
        { id: id("e-gone"), topics: [topic], status: "INACTIVE" },
      ],
      events: [{ id: id("e-day"), participants: [id("e-asker"), id("e-met"), id("e-gone")] }],
    });
    const { list } = await suggest({ org: id("e-asker") });
    expect(rankOf(list, id("e-met"))).toBeLessThan(rankOf(list, id("e-plain")));
    expect(list.map((s) => s.organisation.key)).not.toContain(id("e-gone"));
    expect(list.find((s) => s.organisation.key === id("e-met"))?.paths.some((p) => p.kind === "EVENT")).toBe(
      true,
    );
  });

  it("restricts shared topics to a topic and its subtopics", async () => {
    const [parent, child, elsewhere] = [id("t-parent"), id("t-child"), id("t-else")];
    await build(server.db, {
      topics: [{ id: parent }, { id: child, broader: parent }, { id: elsewhere }],
      organisations: [
        { id: id("t-asker"), topics: [child, elsewhere] },
        { id: id("t-in"), topics: [child] },
        { id: id("t-out"), topics: [elsewhere] },
        { id: id("t-broader"), topics: [parent] },
      ],
    });
    const all = (await suggest({ org: id("t-asker") })).list.map((s) => s.organisation.key);
    expect(all).toEqual(expect.arrayContaining([id("t-in"), id("t-out"), id("t-broader")]));

    const restricted = (await suggest({ org: id("t-asker"), topic: parent })).list;
    expect(restricted.map((s) => s.organisation.key).sort()).toEqual([id("t-broader"), id("t-in")].sort());
    const broader = restricted.find((s) => s.organisation.key === id("t-broader"));
    expect(broader?.sharedTopics[0]).toMatchObject({ topic: { key: parent }, relatedTo: { key: child } });
  });

  it("uses the caller's weights", async () => {
    const topic = id("w");
    await build(server.db, {
      topics: [{ id: topic }],
      organisations: [
        { id: id("w-asker"), scope: "LOCAL", topics: [topic], basedIn: "GM0363", activeIn: ["GM0363"] },
        { id: id("w-near"), scope: "LOCAL", topics: [topic], basedIn: "GM0363", activeIn: ["GM0363"] },
        { id: id("w-far"), scope: "LOCAL", topics: [topic], basedIn: "GM0935", activeIn: ["GM0935"] },
      ],
    });
    const { list } = await suggest({ org: id("w-asker"), w: { geography: 0, topics: 2 } });
    const near = list.find((s) => s.organisation.key === id("w-near"));
    const far = list.find((s) => s.organisation.key === id("w-far"));
    expect(component(near, "GEOGRAPHY")).toMatchObject({ weight: 0, contribution: 0 });
    expect(component(near, "TOPICS")?.weight).toBe(2);
    expect(component(near, "CONDITIONS")?.weight).toBe(0.75); // the default stays
    expect(near?.score).toBeCloseTo(far?.score ?? -1, 6);
  });

  describe("bad input", () => {
    const errorOf = async (variables: Record<string, unknown>) => {
      const res = await server.gql(QUERY, variables);
      expect(res.data?.partnerSuggestions ?? null).toBeNull();
      return res.errors?.[0]?.extensions?.code;
    };

    it("answers an unknown organisation or topic with NOT_FOUND", async () => {
      expect(await errorOf({ org: id("nobody") })).toBe("NOT_FOUND");
      expect(await errorOf({ org: "crohn-colitis-nl", topic: id("no-topic") })).toBe("NOT_FOUND");
    });

    it("answers malformed ids and ids of another type with BAD_USER_INPUT", async () => {
      expect(await errorOf({ org: "not an id!" })).toBe("BAD_USER_INPUT");
      expect(await errorOf({ org: Buffer.from("Topic:wmo-2015").toString("base64url") })).toBe(
        "BAD_USER_INPUT",
      );
    });

    it("rejects weights out of bounds, all-zero weights and first out of 1..50", async () => {
      expect(await errorOf({ org: "crohn-colitis-nl", w: { topics: 6 } })).toBe("BAD_USER_INPUT");
      expect(await errorOf({ org: "crohn-colitis-nl", w: { network: -0.1 } })).toBe("BAD_USER_INPUT");
      expect(
        await errorOf({
          org: "crohn-colitis-nl",
          w: { topics: 0, geography: 0, conditions: 0, network: 0, proximity: 0 },
        }),
      ).toBe("BAD_USER_INPUT");
      expect(await errorOf({ org: "crohn-colitis-nl", first: 0 })).toBe("BAD_USER_INPUT");
      expect(await errorOf({ org: "crohn-colitis-nl", first: 51 })).toBe("BAD_USER_INPUT");
    });

    it("rejects an unknown place with BAD_USER_INPUT", async () => {
      expect(await errorOf({ org: "crohn-colitis-nl", place: { municipality: "Atlantis" } })).toBe(
        "BAD_USER_INPUT",
      );
    });
  });

  describe("on the factual data", () => {
    const TOILET_PARTNERS_OTHER_CONDITIONS = ["stomavereniging", "kansplus", "kbo-pcob", "zonnebloem"];
    const TOILETALLIANTIE = [
      "mlds",
      "stomavereniging",
      "iederin",
      "kansplus",
      "kbo-pcob",
      "rover",
      "zonnebloem",
      "nvvh",
      "fietsersbond",
    ];

    it("suggests the Toiletalliantie's partners of other conditions to Crohn & Colitis NL (COMPLEMENTARY)", async () => {
      const res = await server.gql<{ partnerSuggestions: Suggestion[] }>(QUERY, {
        org: "crohn-colitis-nl",
        mode: "COMPLEMENTARY",
        first: 10,
        inc: true,
      });
      expect(res.status).toBe(200);
      expect(res.errors).toBeUndefined();
      const list = res.data?.partnerSuggestions ?? [];
      const keys = list.map((s) => s.organisation.key);
      const found = TOILET_PARTNERS_OTHER_CONDITIONS.filter((k) => keys.includes(k));
      expect(found.length).toBeGreaterThanOrEqual(3);
      const stoma = list.find((s) => s.organisation.key === "stomavereniging");
      expect(stoma?.existingPartner).toBe(true);
      expect(component(stoma, "CONDITIONS")?.explanation).toMatch(
        /^Werkt voor een andere groep: de aandoening stoma, naast jullie de aandoening chronische darmontsteking/,
      );
      expect(stoma?.sharedTopics.map((t) => t.topic.key)).toContain("openbare-toiletten");
      expect(stoma?.paths.some((p) => p.kind === "EXISTING" && p.nodes[1]?.key === "toiletalliantie")).toBe(
        true,
      );

      // Without includeExisting the alliance's members are left out, and what remains is explained.
      const fresh = await server.gql<{ partnerSuggestions: Suggestion[] }>(QUERY, {
        org: "crohn-colitis-nl",
        mode: "COMPLEMENTARY",
        first: 10,
      });
      const freshList = fresh.data?.partnerSuggestions ?? [];
      expect(freshList.length).toBeGreaterThan(0);
      expect(freshList.map((s) => s.organisation.key).filter((k) => TOILETALLIANTIE.includes(k))).toEqual([]);
      for (const s of freshList) {
        expect(s.explanation.length).toBeGreaterThan(0);
        expect(s.paths.length).toBeGreaterThan(0);
      }
    });
  });
});
