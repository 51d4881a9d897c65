import { startTestServer, type TestServer } from "../support/server";
import { uniquePrefix } from "../support/database";

describe("the service over HTTP against the real Neo4j", () => {
  let server: TestServer;
  const prefix = uniquePrefix("http");
  const orgId = `${prefix}-org`;

  beforeAll(async () => {
    server = await startTestServer();
    await server.db.write((tx) =>
      tx.run(
        `CREATE (:Organisation {id: $id, name: $name, nameKey: $key, kind: 'patiëntenvereniging', scope: 'NATIONAL', status: 'ACTIVE'})`,
        { id: orgId, name: "Testvereniging Cliëntenbelang", key: "testvereniging clientenbelang" },
      ),
    );
  });

  afterAll(async () => {
    await server.db.write((tx) =>
      tx.run("MATCH (n) WHERE n.id STARTS WITH $prefix DETACH DELETE n", { prefix }),
    );
    await server.stop();
  });

  it("answers /healthz with 200", async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });

  it("answers /readyz with 200 while Neo4j answers", async () => {
    const res = await fetch(`${server.url}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ready" });
  });

  it("serves an organisation whose data comes from Neo4j", async () => {
    const res = await server.gql<{
      organisation: { name: string; key: string; id: string; scope: string } | null;
    }>(`query ($id: ID!) { organisation(id: $id) { id key name scope } }`, { id: orgId });
    expect(res.status).toBe(200);
    expect(res.errors).toBeUndefined();
    expect(res.data?.organisation).toMatchObject({
      key: orgId,
      name: "Testvereniging Cliëntenbelang",
      scope: "NATIONAL",
    });
    // The global id round-trips through node(id).
    const node = await server.gql<{ node: { __typename: string; name: string } | null }>(
      `query ($id: ID!) { node(id: $id) { __typename ... on Organisation { name } } }`,
      { id: res.data?.organisation?.id },
    );
    expect(node.data?.node).toEqual({ __typename: "Organisation", name: "Testvereniging Cliëntenbelang" });
  });

  it("reports cost and round trips in extensions", async () => {
    const res = await server.gql(`{ organisation(id: "${orgId}") { name } }`);
    expect(res.extensions?.roundTrips).toBe(1);
    expect(typeof res.extensions?.cost?.requestedQueryCost).toBe("number");
    expect(res.extensions?.cost?.actualQueryCost).toBeGreaterThan(0);
  });

  it("tells caches never to store an answer, with data or with errors", async () => {
    for (const query of [`{ organisation(id: "${orgId}") { name } }`, `{ organisation(id: 1) { nope } }`]) {
      const res = await fetch(`${server.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query }),
      });
      expect(res.headers.get("cache-control")).toBe("no-store");
    }
  });

  it("answers malformed JSON with a coded 400, not a stack trace", async () => {
    const res = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{ not json",
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe("BAD_REQUEST");
    expect(JSON.stringify(body)).not.toMatch(/at .*\.js:\d+/);
  });

  it("rejects a GET without CSRF header (Apollo CSRF prevention)", async () => {
    const res = await fetch(`${server.url}/graphql?query=${encodeURIComponent("{ __typename }")}`);
    expect(res.status).toBe(400);
  });
});
