import { toGlobalId } from "../../src/graph/common/global-id";
import { startTestServer, type TestServer } from "../support/server";

/** Limits and bad input: coded errors with HTTP 400 where the request is rejected, never a 500. */
describe("guardrails", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ maxDepth: 6, maxCost: 3000 });
  });
  afterAll(() => server.stop());

  it("rejects a query deeper than the maximum with GRAPHQL_VALIDATION_FAILED and 400", async () => {
    const res = await server.gql(
      `{ organisations { edges { node { initiatives { edges { node { participants { edges { node { name } } } } } } } } } }`,
    );
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(res.errors?.[0]?.message).toMatch(/depth/i);
  });

  it("rejects a too costly query before it runs, with QUERY_TOO_COMPLEX and 400", async () => {
    const res = await server.gql(
      // Root lists are priced by `first`: eight pages of 100 organisations with three fields each.
      `{ ${Array.from({ length: 8 }, (_, i) => `o${i}: organisations(first: 100, orderBy: { field: NAME }) { edges { node { name kind scope } } }`).join(" ")} }`,
    );
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.extensions?.code).toBe("QUERY_TOO_COMPLEX");
    expect(res.errors?.[0]?.extensions?.maxCost).toBe(3000);
    expect(res.data ?? null).toBeNull();
  });

  it("reports the cost of an accepted query", async () => {
    const cheap = await server.gql(`{ organisations(first: 1) { edges { node { name } } } }`);
    const dearer = await server.gql(
      `{ organisations(first: 10) { edges { node { name topics { name } } } } }`,
    );
    expect(cheap.extensions?.cost?.requestedQueryCost).toBeGreaterThan(0);
    expect(dearer.extensions!.cost!.requestedQueryCost).toBeGreaterThan(
      cheap.extensions!.cost!.requestedQueryCost,
    );
  });

  it.each([
    [
      "first above 100",
      `{ organisations(first: 101) { edges { cursor } } }`,
      /first must be between 0 and 100/,
    ],
    ["negative first", `{ topics(first: -1) { edges { cursor } } }`, /first/],
    [
      "a malformed cursor",
      `{ organisations(after: "not-a-cursor") { edges { cursor } } }`,
      /not a valid cursor/,
    ],
    ["an invalid id", `{ organisation(id: "no spaces allowed!") { name } }`, /not a valid Organisation id/],
    [
      "a global id of another type",
      `{ organisation(id: "${toGlobalId("Topic", "wonen")}") { name } }`,
      /Topic, not of a Organisation/,
    ],
    ["an invalid CBS code", `{ municipality(code: "Arnhem") { name } }`, /not a CBS municipality/],
    ["an invalid province code", `{ province(code: "PV99x") { name } }`, /not a province/],
    ["a bad node id", `{ node(id: "%%%") { id } }`, /not a valid global id/],
    [
      "an unknown province name",
      `{ organisations(filter: { province: "Zuid-Brabant" }) { edges { cursor } } }`,
      /Did you mean "Noord-Brabant"/,
    ],
    [
      "out-of-range near",
      `{ whoWorksOn(topic: "wonen", place: { near: { lat: 10, lon: 5, radiusKm: 5 } }) { totalCount } }`,
      /^place\.near\.lat: lat must not be less than/,
    ],
  ])("answers %s with BAD_USER_INPUT", async (_name, query, message) => {
    const res = await server.gql(query);
    expect(res.status).toBeLessThan(500);
    expect(res.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(res.errors?.[0]?.message).toMatch(message);
    expect(JSON.stringify(res)).not.toMatch(/stacktrace|at \w+ \(/);
  });

  it("rejects a cursor of another list", async () => {
    const topics = await server.gql<{ topics: { pageInfo: { endCursor: string } } }>(
      `{ topics(first: 2) { pageInfo { endCursor } } }`,
    );
    const res = await server.gql(
      `query ($after: String) { organisations(after: $after) { edges { cursor } } }`,
      { after: topics.data!.topics.pageInfo.endCursor },
    );
    expect(res.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(res.errors?.[0]?.message).toMatch(/another ordering or list/);
  });

  it("answers null for an unknown id", async () => {
    const res = await server.gql(
      `{ organisation(id: "bestaat-niet") { name } node(id: "${toGlobalId("Topic", "bestaat-niet")}") { id } municipality(code: "GM9999") { name } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ organisation: null, node: null, municipality: null });
  });

  it("answers an unknown field with GRAPHQL_VALIDATION_FAILED and 400", async () => {
    const res = await server.gql(`{ organisations { edges { node { doesNotExist } } } }`);
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
  });

  it("rejects a request body above the limit with 413", async () => {
    const res = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: `{ __typename }`, variables: { padding: "x".repeat(200_000) } }),
    });
    expect(res.status).toBe(413);
  });
});
