import { startTestServer, type TestServer } from "../support/server";

/**
 * One walk of the selection per document, operation and variables (src/planner/planner.walk.ts): the
 * cost analysis prices it and the planner plans from it. Through HTTP: a repeated document with other
 * variables or another operation gets its own walk and plan (a plan of the wrong walk would show as
 * wrong pages or an extra round trip), and a walk too large is refused as too complex, not as a 500.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ maxCost: 100_000 });
});
afterAll(() => server.stop());

interface Profile {
  organisation: {
    name: string;
    topics?: { key: string }[];
    initiatives: { totalCount: number; edges: { node: { key: string } }[] };
  };
}

const PROFILE = `query Profile($id: ID!, $n: Int, $withTopics: Boolean!) {
  organisation(id: $id) {
    name
    topics @include(if: $withTopics) { key }
    initiatives(first: $n) { totalCount edges { node { key } } }
  }
}`;

describe("the planner plans from the request's own walk", () => {
  it("a document repeated with other variables: each answer follows its variables, in one round trip", async () => {
    const all = await server.gql<Profile>(PROFILE, { id: "iederin", n: 100, withTopics: true });
    const keys = all.data!.organisation.initiatives.edges.map((e) => e.node.key);
    expect(keys.length).toBeGreaterThanOrEqual(3);
    for (const round of [1, 2]) {
      for (const [n, withTopics] of [
        [1, false],
        [3, true],
        [2, false],
      ] as const) {
        const res = await server.gql<Profile>(PROFILE, { id: "iederin", n, withTopics });
        expect({ round, n, errors: res.errors }).toEqual({ round, n, errors: undefined });
        const organisation = res.data!.organisation;
        expect(organisation.initiatives.edges.map((e) => e.node.key)).toEqual(keys.slice(0, n));
        expect(organisation.initiatives.totalCount).toBe(all.data!.organisation.initiatives.totalCount);
        expect(organisation.topics).toEqual(withTopics ? all.data!.organisation.topics : undefined);
        expect(res.extensions?.roundTrips).toBe(1);
      }
    }
  });

  it("one document, two operations: each is walked and planned for itself", async () => {
    const source = `query Topics($id: ID!) { organisation(id: $id) { topics { key } } }
      query Members($id: ID!) { organisation(id: $id) { memberOf { key } initiatives(first: 1) { edges { node { key } } } } }`;
    for (const round of [1, 2]) {
      const topics = await post(source, "Topics");
      const members = await post(source, "Members");
      expect({ round, topics: topics.errors, members: members.errors }).toEqual({
        round,
        topics: undefined,
        members: undefined,
      });
      expect(Object.keys(topics.data!.organisation)).toEqual(["topics"]);
      expect(Object.keys(members.data!.organisation)).toEqual(["memberOf", "initiatives"]);
      expect(members.data!.organisation.initiatives?.edges).toHaveLength(1);
      expect([topics.roundTrips, members.roundTrips]).toEqual([1, 1]);
    }
  });
});

async function post(query: string, operationName: string) {
  const response = await fetch(`${server.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query, operationName, variables: { id: "iederin" } }),
  });
  const body = (await response.json()) as {
    data?: { organisation: Record<string, { edges: unknown[] }> };
    errors?: unknown[];
    extensions?: { roundTrips?: number };
  };
  return { data: body.data, errors: body.errors, roundTrips: body.extensions?.roundTrips };
}

describe("limits of the walk", () => {
  it("refuses a fragment bomb (few tokens, more than 10,000 selections) with QUERY_TOO_COMPLEX and 400", async () => {
    const bomb = `{ organisations(first: 1) { edges { node { ...A } } } }
      fragment A on Organisation { ${"...B ".repeat(12)} }
      fragment B on Organisation { ${"...C ".repeat(12)} }
      fragment C on Organisation { ${"name ".repeat(80)} }`;
    const res = await server.gql(bomb);
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.extensions?.code).toBe("QUERY_TOO_COMPLEX");
    expect(res.errors?.[0]?.message).toMatch(/more than 10000 fields/);
    expect(res.data ?? null).toBeNull();
  });

  it("answers a null for a non-null argument (through a variable's default) with BAD_USER_INPUT and 400", async () => {
    const res = await server.gql(`query ($id: ID = "iederin") { organisation(id: $id) { name } }`, {
      id: null,
    });
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(res.errors?.[0]?.message).toMatch(/Argument "id" of non-null type "ID!" must not be null/);
  });
});
