import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Role } from "../../src/auth/auth.user";
import { loadConfig } from "../../src/config";
import { TrustedDocuments, documentHash } from "../../src/server/trusted-documents";
import { uniquePrefix } from "../support/database";
import { type TestServer, startTestServer } from "../support/server";

/** Abuse protection through HTTP: production lock-down, CSRF, cost-based rate limit, trusted documents, sizes. */

describe("production lock-down", () => {
  let server: TestServer;
  beforeAll(async () => {
    const config = loadConfig({ NODE_ENV: "production", AUTH_JWT_SECRET: "p".repeat(40) });
    expect(config).toMatchObject({ introspection: false, graphiql: false });
    server = await startTestServer({ introspection: config.introspection, graphiql: config.graphiql });
  });
  afterAll(() => server.stop());

  it.each([
    ["__schema", `{ __schema { types { name } } }`],
    ["__type", `{ __type(name: "Organisation") { fields { name } } }`],
  ])("refuses introspection (%s) with 400", async (_name, query) => {
    const res = await server.gql(query);
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(res.errors?.[0]?.message).toMatch(/introspection/i);
  });

  it("serves no GraphiQL and no landing page, and gives no field suggestions", async () => {
    expect((await fetch(`${server.url}/graphiql`)).status).toBe(404);
    const landing = await fetch(`${server.url}/graphql`, { headers: { accept: "text/html" } });
    expect(await landing.text()).not.toMatch(/<html/i);
    const typo = await server.gql(`{ organisatio(id: "iederin") { name } }`);
    expect(typo.status).toBe(400);
    expect(typo.errors?.[0]?.message).not.toMatch(/Did you mean/);
    expect((await server.gql(`{ __typename }`)).data).toEqual({ __typename: "Query" });
  });
});

describe("introspection outside production", () => {
  it("is on in development", async () => {
    const config = loadConfig({ NODE_ENV: "development" });
    const server = await startTestServer({ introspection: config.introspection, graphiql: config.graphiql });
    try {
      const res = await server.gql<{ __type: { name: string } }>(`{ __type(name: "Organisation") { name } }`);
      expect(res.data!.__type.name).toBe("Organisation");
      expect((await fetch(`${server.url}/graphiql`)).status).toBe(200);
    } finally {
      await server.stop();
    }
  });
});

describe("CSRF prevention", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  it("refuses a GET without a preflight-forcing header, accepts it with one", async () => {
    const url = `${server.url}/graphql?query=${encodeURIComponent("{ __typename }")}`;
    const simple = await fetch(url);
    expect(simple.status).toBe(400);
    expect(await simple.text()).toMatch(/CSRF/);
    const preflighted = await fetch(url, { headers: { "apollo-require-preflight": "true" } });
    expect(preflighted.status).toBe(200);
  });

  it("refuses a simple text/plain POST (what a cross-site form can send)", async () => {
    const res = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: JSON.stringify({
        query: `mutation { deleteOrganisation(id: "iederin", expectedVersion: 1) { deletedId } }`,
      }),
    });
    expect(res.status).toBe(400);
  });

  it("runs no mutation over GET", async () => {
    const query = `mutation { deleteOrganisation(id: "iederin", expectedVersion: 1) { deletedId } }`;
    const res = await fetch(`${server.url}/graphql?query=${encodeURIComponent(query)}`, {
      headers: { "apollo-require-preflight": "true" },
    });
    expect(res.status).toBe(405);
  });

  it("refuses bodies over 100 kB with 413", async () => {
    const res = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: `{ __typename }`, variables: { pad: "x".repeat(110_000) } }),
    });
    expect(res.status).toBe(413);
  });

  it("limits the length of every string input", async () => {
    const admin = await server.token({ role: Role.ADMIN });
    const res = await server.gql<{ createOrganisation: { userErrors: { field: string; code: string }[] } }>(
      `mutation ($input: CreateOrganisationInput!) { createOrganisation(input: $input) { userErrors { field code } } }`,
      {
        input: {
          id: "a".repeat(129),
          name: "n".repeat(201),
          kind: "k",
          scope: "LOCAL",
          description: "d".repeat(4001),
          source: "s".repeat(501),
          website: `https://example.org/${"w".repeat(300)}`,
          topics: ["t".repeat(201)],
        },
      },
      { token: admin },
    );
    expect(res.data!.createOrganisation.userErrors.map((e) => [e.field, e.code])).toEqual(
      expect.arrayContaining([
        ["input.id", "TOO_LONG"],
        ["input.name", "TOO_LONG"],
        ["input.description", "TOO_LONG"],
        ["input.source", "TOO_LONG"],
        ["input.website", "TOO_LONG"],
        ["input.topics", "TOO_LONG"],
      ]),
    );
    const audit = await server.gql(
      `query ($t: ID) { auditLog(target: $t) { totalCount } }`,
      { t: "x".repeat(201) },
      { token: admin },
    );
    expect(audit.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });
});

describe("rate limit by query cost", () => {
  const QUERY = `{ organisations(first: 10) { edges { node { name } } } }`;
  let cost: number;
  let limit: number;

  /** A server with a limiter of its own: each test spends a fresh budget, never one spent before it. */
  async function withBudget(test: (server: TestServer) => Promise<void>): Promise<void> {
    const server = await startTestServer({ rateLimitCostPerMinute: limit });
    try {
      await test(server);
    } finally {
      await server.stop();
    }
  }

  beforeAll(async () => {
    const probe = await startTestServer();
    cost = (await probe.gql(QUERY)).extensions!.cost!.requestedQueryCost;
    await probe.stop();
    limit = 3 * cost + 1;
  });

  it("counts each client's cost per minute and answers 429 with Retry-After, RateLimit headers and RATE_LIMITED", () =>
    withBudget(async (server) => {
      const responses = [];
      for (let i = 0; i < 4; i++) responses.push(await server.gql(QUERY));
      const [first, , third, refused] = responses;
      expect(first!.status).toBe(200);
      expect(first!.headers!.get("ratelimit-limit")).toBe(String(limit));
      expect(Number(first!.headers!.get("ratelimit-remaining"))).toBe(limit - cost);
      expect(Number(first!.headers!.get("ratelimit-reset"))).toBeGreaterThan(0);
      expect(first!.headers!.get("ratelimit-policy")).toBe(`${limit};w=60`);
      expect(Number(third!.headers!.get("ratelimit-remaining"))).toBeLessThan(cost);

      expect(refused!.status).toBe(429);
      expect(refused!.data ?? null).toBeNull();
      expect(refused!.errors?.[0]?.extensions).toMatchObject({ code: "RATE_LIMITED", cost });
      const retryAfter = Number(refused!.headers!.get("retry-after"));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(refused!.headers!.get("ratelimit-limit")).toBe(String(limit));
      expect(Number(refused!.headers!.get("ratelimit-remaining"))).toBeLessThan(cost);
    }));

  it("counts a token's subject apart from the IP address and from other subjects", () =>
    withBudget(async (server) => {
      const alice = await server.token({ role: Role.COORDINATOR, subject: "alice" });
      const bob = await server.token({ role: Role.COORDINATOR, subject: "bob" });
      // This test spends the anonymous IP budget itself; alice's and bob's are their own.
      for (let i = 0; i < 3; i++) expect((await server.gql(QUERY)).status).toBe(200);
      expect((await server.gql(QUERY)).status).toBe(429);
      for (let i = 0; i < 3; i++) expect((await server.gql(QUERY, {}, { token: alice })).status).toBe(200);
      expect((await server.gql(QUERY, {}, { token: alice })).status).toBe(429);
      expect((await server.gql(QUERY, {}, { token: bob })).status).toBe(200);
    }));

  it("charges nothing for operations refused as too costly", async () => {
    const costly = await startTestServer({ rateLimitCostPerMinute: 5000, maxCost: 100 });
    try {
      const huge = `{ organisations(first: 100) { edges { node { name topics { name } } } } }`;
      const refused = await costly.gql(huge);
      expect(refused.errors?.[0]?.extensions?.code).toBe("QUERY_TOO_COMPLEX");
      const next = await costly.gql(`{ __typename }`);
      expect(Number(next.headers!.get("ratelimit-remaining"))).toBe(
        5000 - next.extensions!.cost!.requestedQueryCost,
      );
      // Shopify's shape: the budget as the answer left it, refilled per second over the one-minute window.
      expect(next.extensions!.cost!.throttleStatus).toEqual({
        maximumAvailable: 5000,
        currentlyAvailable: Number(next.headers!.get("ratelimit-remaining")),
        restoreRate: 83.33,
      });
    } finally {
      await costly.stop();
    }
  });
});

describe("trusted documents", () => {
  const ALLOWED = `query Allowed { viewer { role } }`;
  const ALSO = `query Provinces { provinces { code } }`;
  let server: TestServer;

  beforeAll(async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "trusted-"));
    const file = path.join(dir, "persisted-documents.json");
    writeFileSync(
      file,
      JSON.stringify({ [documentHash(ALLOWED)]: ALLOWED, [`sha256:${documentHash(ALSO)}`]: ALSO }),
    );
    server = await startTestServer({ trustedDocuments: TrustedDocuments.fromFile(file) });
  });
  afterAll(() => server.stop());

  async function post(
    body: unknown,
  ): Promise<{ status: number; body: { data?: unknown; errors?: { extensions: { code: string } }[] } }> {
    const res = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as never };
  }

  it("runs a listed document", async () => {
    expect(await post({ query: ALLOWED })).toEqual({
      status: 200,
      body: { data: { viewer: { role: "ANONYMOUS" } }, extensions: expect.anything() },
    });
  });

  it("runs a listed document named by its hash only", async () => {
    const byId = await post({ documentId: `sha256:${documentHash(ALSO)}` });
    expect(byId.status).toBe(200);
    expect(byId.body.data).toMatchObject({ provinces: expect.arrayContaining([{ code: "PV30" }]) });
    const apq = await post({
      extensions: { persistedQuery: { version: 1, sha256Hash: documentHash(ALLOWED) } },
    });
    expect(apq.body.data).toEqual({ viewer: { role: "ANONYMOUS" } });
  });

  it.each([
    ["an unknown operation", { query: `{ organisations { edges { node { name } } } }` }],
    ["a listed operation with different whitespace", { query: `${ALLOWED} ` }],
    ["introspection", { query: `{ __schema { types { name } } }` }],
    ["an unknown hash", { documentId: "0".repeat(64) }],
    ["a batch", [{ query: ALLOWED }]],
  ])("refuses %s with 400 PERSISTED_QUERY_NOT_IN_LIST", async (_name, body) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]?.extensions.code).toBe("PERSISTED_QUERY_NOT_IN_LIST");
    expect(res.body.data).toBeUndefined();
  });

  it("refuses an allow-list whose documents do not match their hashes", () => {
    expect(() => TrustedDocuments.from({ [documentHash(ALLOWED)]: ALSO })).toThrow(/another sha256 hash/);
    expect(() => TrustedDocuments.from(["not-a-hash"])).toThrow(/not a sha256/);
    expect(
      TrustedDocuments.from({
        format: "apollo-persisted-query-manifest",
        version: 1,
        operations: [{ id: documentHash(ALSO), body: ALSO, name: "Provinces", type: "query" }],
      }).has(documentHash(ALSO)),
    ).toBe(true);
  });

  it("reports the cost asked for and the cost of what came back", async () => {
    const server = await startTestServer({ rateLimitCostPerMinute: 5000 });
    // One organisation of this test's own, so that other files' records cannot join the page.
    const id = uniquePrefix("cost");
    await server.db.write((tx) =>
      tx.run(
        `CREATE (:Organisation {id: $id, name: $id, nameKey: $id, sortKey: $id, kind: 'fonds', scope: 'LOCAL', status: 'ACTIVE'})`,
        { id },
      ),
    );
    try {
      // A page asked large that returns few rows costs what came back.
      const few = await server.gql(
        `query ($name: String!) { organisations(first: 100, filter: { name: $name }) { edges { node { name } } } }`,
        { name: id },
      );
      const { requestedQueryCost, actualQueryCost } = few.extensions!.cost!;
      expect(requestedQueryCost).toBeGreaterThanOrEqual(100);
      expect(actualQueryCost).toBeLessThan(10);
      expect(actualQueryCost).toBeGreaterThan(0);
    } finally {
      await server.db.write((tx) => tx.run("MATCH (o:Organisation {id: $id}) DETACH DELETE o", { id }));
      await server.stop();
    }
  });
});
