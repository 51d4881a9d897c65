import { uniquePrefix } from "../support/database";
import { startTestServer, type TestServer } from "../support/server";

type Keys = { edges: { node: { key?: string; code?: string } }[]; totalCount: number };

/** The root lists of the other entities, with their filters, on the factual data. */
describe("root lists", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  async function list(query: string): Promise<Keys> {
    const res = await server.gql<Record<string, Keys>>(query);
    expect(res.errors).toBeUndefined();
    return Object.values(res.data!)[0]!;
  }

  it("municipalities: current ones of a province by name, former ones on request", async () => {
    const brabant = await list(
      `{ municipalities(filter: { province: "Noord-Brabant" }, first: 100) { totalCount edges { node { code } } } }`,
    );
    expect(brabant.totalCount).toBe(56);
    expect(brabant.edges.map((e) => e.node.code)).not.toContain("GM1702");
    const withFormer = await list(
      `{ municipalities(filter: { name: "anthonis", includeFormer: true }) { totalCount edges { node { code } } } }`,
    );
    expect(withFormer.edges.map((e) => e.node.code)).toEqual(["GM1702"]);
  });

  it("initiatives: by topic (with subtopics) and by participant", async () => {
    const byTopic = await list(
      `{ initiatives(filter: { topic: "toegankelijkheid" }) { totalCount edges { node { key } } } }`,
    );
    expect(byTopic.edges.map((e) => e.node.key)).toContain("toiletalliantie");
    const byParticipant = await list(
      `{ initiatives(filter: { participant: "mlds" }) { totalCount edges { node { key } } } }`,
    );
    expect(byParticipant.edges.map((e) => e.node.key)).toContain("toiletalliantie");
    expect(byParticipant.edges.map((e) => e.node.key)).not.toContain("kennercadeau");
  });

  it("experiences: by who shared them, newest first", async () => {
    // Own data with known dates (the seed's experiences of one organisation may have none).
    const org = `${uniquePrefix("lists")}-org`.toLowerCase();
    const dates = ["2021-03-01", "2023-06-15", "2022-11-30"];
    await server.db.write((tx) =>
      tx.run(
        `CREATE (o:Organisation {id: $org, name: $org, nameKey: $org, kind: 'fonds', scope: 'LOCAL', status: 'ACTIVE'})
         WITH o UNWIND range(0, size($dates) - 1) AS i
         CREATE (o)-[:SHARED]->(:Experience {id: $org + '-e' + i, title: 'ervaring ' + i, kind: 'STORY', date: $dates[i]})`,
        { org, dates },
      ),
    );
    try {
      const res = await server.gql<{
        experiences: { edges: { node: { key: string; date: string | null } }[] };
      }>(
        `query ($org: String) { experiences(filter: { sharedBy: $org }, first: 50) { edges { node { key date } } } }`,
        {
          org,
        },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.experiences.edges.map((e) => e.node.date)).toEqual([
        "2023-06-15",
        "2022-11-30",
        "2021-03-01",
      ]);
    } finally {
      await server.db.write((tx) =>
        tx.run("MATCH (o:Organisation {id: $org}) OPTIONAL MATCH (o)-[:SHARED]->(e) DETACH DELETE o, e", {
          org,
        }),
      );
    }
  });

  it("events: by municipality name", async () => {
    const arnhem = await list(
      `{ events(filter: { municipality: "Arnhem" }) { totalCount edges { node { key } } } }`,
    );
    expect(arnhem.edges.map((e) => e.node.key)).toContain("je-staat-er-niet-alleen-voor-arnhem");
  });

  it("topics: the top of the taxonomy, and direct subtopics", async () => {
    const roots = await list(
      `{ topics(filter: { rootsOnly: true }, first: 100) { totalCount edges { node { key } } } }`,
    );
    expect(roots.edges.map((e) => e.node.key)).toContain("rechten-en-inclusie");
    expect(roots.edges.map((e) => e.node.key)).not.toContain("openbare-toiletten");
    const under = await list(
      `{ topics(filter: { broader: "toegankelijkheid" }) { totalCount edges { node { key } } } }`,
    );
    expect(under.edges.map((e) => e.node.key)).toContain("openbare-toiletten");
  });

  it("conditions: by group", async () => {
    const res = await server.gql<{ conditions: { edges: { node: { group: string } }[] } }>(
      `{ conditions(filter: { group: "zintuiglijk" }) { edges { node { group } } } }`,
    );
    expect(res.data!.conditions.edges.length).toBeGreaterThan(1);
    expect(res.data!.conditions.edges.every((e) => e.node.group === "zintuiglijk")).toBe(true);
  });
});
