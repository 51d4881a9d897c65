import { startTestServer, type TestServer } from "../support/server";

/** The cost estimate follows what relations can return (fan-out statistics), not only `first`. */
describe("cost that follows reality", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ maxCost: 5000 });
  });
  afterAll(() => server.stop());

  // The profile page of an organisation: 20 initiatives, each with up to 50 participants.
  const PROFILE = `query ($id: ID!) { organisation(id: $id) {
    name
    initiatives(first: 20) { totalCount edges { role node { name kind
      participants(first: 50) { totalCount edges { role node { name kind scope } } } } } } } }`;

  it("prices the natural profile page by the relations' fan-out, so it passes", async () => {
    const res = await server.gql<{
      organisation: { initiatives: { edges: { node: { participants: { edges: unknown[] } } }[] } };
    }>(PROFILE, { id: "iederin" });
    expect(res.errors).toBeUndefined();
    const cost = res.extensions!.cost!;
    // Priced by `first` alone it would cost 1 + 20 × (… + 50 × …) > 12,000.
    expect(cost.requestedQueryCost).toBeLessThanOrEqual(5000);
    // The estimate is an upper bound of what came back.
    expect(cost.actualQueryCost).toBeLessThanOrEqual(cost.requestedQueryCost);
    expect(res.data!.organisation.initiatives.edges.length).toBeGreaterThan(0);
  });

  it("still refuses a bomb through relations with hubs", async () => {
    const bomb = `{ topics(first: 100) { edges { node { organisations(first: 100) { edges { node {
      members(first: 100) { edges { node { name } } } } } } } } } }`;
    const res = await server.gql(bomb);
    expect(res.errors?.[0]?.extensions?.code).toBe("QUERY_TOO_COMPLEX");
  });
});
