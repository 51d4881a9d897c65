import { startTestServer, type TestServer } from "../support/server";

/**
 * No N+1: the number of Neo4j round trips of a nested query depends on the depth of the query, not on
 * the number of results (every relation goes through a per-request DataLoader over one Cypher query).
 */
describe("round trips per request", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ maxCost: 50_000 });
  });
  afterAll(() => server.stop());

  const nested = (first: number): string => `{
    organisations(first: ${first}) {
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
    const large = await server.gql<{ organisations: { edges: unknown[] } }>(nested(60));
    expect(small.errors).toBeUndefined();
    expect(large.errors).toBeUndefined();
    expect(large.data!.organisations.edges.length).toBeGreaterThan(30);
    // 1 list + topics, broader, conditions, places, province, initiatives, participants, experiences, topics = 10
    expect(large.extensions?.roundTrips).toBe(small.extensions?.roundTrips);
    expect(large.extensions?.roundTrips).toBeLessThanOrEqual(10);
  });

  it("computes totalCount only when it is selected", async () => {
    const without = await server.gql(`{ organisations(first: 5) { edges { node { name } } } }`);
    const withCount = await server.gql(`{ organisations(first: 5) { totalCount edges { node { name } } } }`);
    expect(withCount.extensions!.roundTrips).toBe(without.extensions!.roundTrips! + 1);
  });

  it("batches nested totalCounts into one query per relation", async () => {
    const res = await server.gql<{
      topics: { edges: { node: { organisations: { totalCount: number } } }[] };
    }>(
      `{ topics(first: 30) { edges { node { organisations(first: 1) { totalCount edges { node { name } } } } } } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.topics.edges.length).toBeGreaterThan(20);
    expect(res.extensions!.roundTrips).toBe(3); // list, organisations pages, organisations counts
  });
});
