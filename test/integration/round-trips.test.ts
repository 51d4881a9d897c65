import { execute, parse } from "graphql";
import { Context } from "../../src/context";
import { Database, type Params, type Row } from "../../src/db/database";
import { createSchema } from "../../src/schema";
import { testDatabaseConfig, uniquePrefix } from "../support/database";
import { startTestServer, type TestServer } from "../support/server";

/**
 * No N+1: the number of Neo4j round trips of a nested query depends on the depth of the query, not on
 * the number of results (every relation goes through a per-request DataLoader over one Cypher query, or
 * the planner reads everything below a list's page in one query).
 */
describe("round trips per request", () => {
  let server: TestServer;
  const kind = uniquePrefix("trips");

  beforeAll(async () => {
    server = await startTestServer({ maxCost: 50_000 });
    // 40 organisations of this file's own kind, each with every relation the nested query reads, so
    // that a page of 2 and a page of 40 need the same relations (other files' records play no part).
    await server.db.write((tx) =>
      tx.run(
        `MATCH (t:Topic)-[:SUBTOPIC_OF]->(:Topic) WITH t LIMIT 1
         MATCH (c:Condition) WITH t, c LIMIT 1
         MATCH (m:Municipality)-[:IN_PROVINCE]->(:Province) WITH t, c, m LIMIT 1
         CREATE (i:Initiative {id: $kind + '-initiatief', name: 'Initiatief', sortKey: 'initiatief', kind: 'project', status: 'ACTIVE'})
         WITH t, c, m, i
         UNWIND range(0, 39) AS n
         WITH t, c, m, i, $kind + '-' + toString(100 + n) AS id
         CREATE (o:Organisation {id: id, name: id, nameKey: id, sortKey: id, kind: $kind, scope: 'LOCAL', status: 'ACTIVE'})
         CREATE (x:Experience {id: id + '-ervaring', title: 'Ervaring', sortKey: 'ervaring', kind: 'LESSON'})
         CREATE (o)-[:WORKS_ON]->(t), (o)-[:REPRESENTS]->(c), (o)-[:ACTIVE_IN]->(m),
                (o)-[:PARTICIPATES_IN {role: 'PARTNER'}]->(i), (o)-[:SHARED]->(x), (x)-[:ABOUT]->(t)`,
        { kind },
      ),
    );
  });
  afterAll(async () => {
    await server.db.write((tx) => tx.run("MATCH (n) WHERE n.id STARTS WITH $kind DETACH DELETE n", { kind }));
    await server.stop();
  });

  const nested = (first: number): string => `{
    organisations(first: ${first}, filter: { kinds: ["${kind}"] }) {
      edges { node {
        name
        topics { name broader { name } }
        conditions { name }
        places { ... on Municipality { name province { name } } ... on Province { name } }
        initiatives(first: 5) { edges { role node { name participants(first: 5) { edges { node { name } } } } } }
        experiences(first: 3) { edges { node { title topics { name } } } }
      } }
    }
  }`;

  it("does not grow with the number of results", async () => {
    const small = await server.gql<{ organisations: { edges: unknown[] } }>(nested(2));
    const large = await server.gql<{ organisations: { edges: unknown[] } }>(nested(40));
    expect(small.errors).toBeUndefined();
    expect(large.errors).toBeUndefined();
    expect(small.data!.organisations.edges).toHaveLength(2);
    expect(large.data!.organisations.edges).toHaveLength(40);
    // The list, everything the planner reads below its page, and per-relation batches for what it leaves to
    // resolvers (relations under the Place union): a constant, at most the 10 of one batch per relation.
    expect(large.extensions?.roundTrips).toBe(small.extensions?.roundTrips);
    expect(large.extensions?.roundTrips).toBeLessThanOrEqual(10);
  });

  it("counts totalCount in the page's own query, and only when it is selected", async () => {
    const queries: string[] = [];
    const db = new (class extends Database {
      override read(cypher: string, params?: Params, bookmarks?: readonly string[]): Promise<Row[]> {
        queries.push(cypher);
        return super.read(cypher, params, bookmarks);
      }
    })(testDatabaseConfig());
    try {
      const run = async (query: string) => {
        queries.length = 0;
        const result = await execute({
          schema: await createSchema(),
          document: parse(query),
          contextValue: new Context(db),
        });
        expect(result.errors).toBeUndefined();
        return [...queries];
      };
      const without = await run(`{ organisations(first: 5) { edges { node { name } } } }`);
      const withCount = await run(`{ organisations(first: 5) { totalCount edges { node { name } } } }`);
      expect(without).toHaveLength(1);
      expect(without[0]).not.toMatch(/count\(/);
      expect(withCount).toHaveLength(1);
      expect(withCount[0]).toMatch(/count\(n\) AS total/);
    } finally {
      await db.close();
    }
  });

  it("answers whoWorksOn in a province, by code or name, in one round trip; an unknown one as before", async () => {
    const query = `query ($place: PlaceInput, $deep: Boolean) {
      whoWorksOn(topic: "wonen", place: $place, first: 5, includeSubtopics: $deep) {
        totalCount resolvedPlace { ... on Province { code name } }
        edges { node { key name } evidence { description place { ... on Municipality { name } } } }
      }
    }`;
    type Answer = { whoWorksOn: { totalCount: number; resolvedPlace: { code: string; name: string } } };
    const ask = (province: string, deep: boolean) => server.gql<Answer>(query, { place: { province }, deep });
    for (const deep of [false, true]) {
      const byCode = await ask("pv26", deep);
      const byName = await ask("Utrecht", deep);
      for (const answer of [byCode, byName]) {
        expect(answer.errors).toBeUndefined();
        expect(answer.data!.whoWorksOn.resolvedPlace).toEqual({ code: "PV26", name: "Utrecht" });
        // The province, the page, its topic, evidence and total in one query. Without subtopics the live
        // query answers; with them the stored scores do, and when this file's own writes have left them
        // out of date (they go around the maintenance) the live query adds one.
        expect(answer.extensions!.roundTrips).toBeLessThanOrEqual(deep ? 2 : 1);
      }
      expect(byName.data).toEqual(byCode.data);
    }

    const unknownCode = await server.gql(query, { place: { province: "PV99" } });
    const unknownName = await server.gql(query, { place: { province: "Utreht" } });
    expect(unknownCode.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(unknownCode.errors?.[0]?.message).toBe("place.province: no province has code PV99 (PV20..PV31).");
    expect(unknownName.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(unknownName.errors?.[0]?.message).toBe(
      'place.province: unknown province "Utreht". Did you mean "Utrecht"?',
    );
  });

  it("batches nested totalCounts into one query per relation", async () => {
    const res = await server.gql<{
      topics: { edges: { node: { organisations: { totalCount: number } } }[] };
    }>(
      `{ topics(first: 30) { edges { node { organisations(first: 1) { totalCount edges { node { name } } } } } } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.topics.edges.length).toBeGreaterThan(20);
    // The list, then every topic's organisations page and count in one planned query.
    expect(res.extensions!.roundTrips).toBe(2);
  });
});
