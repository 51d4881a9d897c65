import { Role } from "../../src/auth/auth.user";
import { createLogger } from "../../src/logger";
import { Database } from "../../src/db/database";
import { PLANTED } from "../support/fuzz.generator";
import { type TestServer, startTestServer } from "../support/server";

/**
 * Values a user typed (an e-mail address, a BSN-like number, a personal story) travel through every error
 * path of the service; the log, written by the service's own logger configuration, must hold none of them.
 */
describe("logs hold no request values", () => {
  const lines: string[] = [];
  const logger = createLogger("trace", { write: (line: string) => void lines.push(line) });
  const values = [PLANTED.email, PLANTED.bsn, PLANTED.text];
  let server: TestServer;
  let stalled: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ logger, rateLimitCostPerMinute: 300, maxCost: 300 });
    // A database that cannot be reached: the driver's error path.
    stalled = await startTestServer({
      logger,
      database: new Database({
        uri: "bolt://127.0.0.1:9",
        user: "neo4j",
        password: "neo4j",
        queryTimeoutMs: 2_000,
      }),
    });
  });
  afterAll(async () => {
    await server.stop();
    await stalled.stop();
    await stalled.db.close();
  });

  afterEach(() => {
    const log = lines.join("");
    for (const value of values) expect(log).not.toContain(value);
    expect(log).not.toContain("jansen");
  });

  it("variable coercion", async () => {
    const res = await server.gql(`query ($n: Int) { organisations(first: $n) { totalCount } }`, {
      n: PLANTED.email,
    });
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(res.errors?.[0]?.extensions?.variable).toBe("n");
    // The answer names the variable, not the value.
    expect(JSON.stringify(res)).not.toContain(PLANTED.email);
  });

  it("document validation (a literal of the wrong type)", async () => {
    const res = await server.gql(`{ organisations(first: "${PLANTED.bsn}") { totalCount } }`);
    expect(res.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
  });

  it("argument validation", async () => {
    const res = await server.gql(`query ($t: String!) { search(text: $t) { totalCount } }`, {
      t: PLANTED.text.repeat(20),
    });
    expect(res.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("userErrors of a mutation", async () => {
    const token = await server.token({ role: Role.ADMIN });
    const res = await server.gql<{ createOrganisation: { userErrors: { code: string }[] } }>(
      `mutation ($input: CreateOrganisationInput!) { createOrganisation(input: $input) { userErrors { field code message } } }`,
      {
        input: {
          name: PLANTED.text,
          kind: PLANTED.bsn,
          scope: "LOCAL",
          contactEmail: PLANTED.email,
          basedIn: PLANTED.bsn,
        },
      },
      { token },
    );
    expect(res.data?.createOrganisation.userErrors.length).toBeGreaterThan(0);
  });

  it("authentication", async () => {
    const payload = Buffer.from(JSON.stringify({ sub: PLANTED.email, bsn: PLANTED.bsn })).toString(
      "base64url",
    );
    const res = await server.gql(`{ provinces { name } }`, undefined, {
      token: `eyJhbGciOiJIUzI1NiJ9.${payload}.c2lnbmF0dXJl`,
    });
    expect(res.status).toBe(401);
    expect(res.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("rate limit", async () => {
    let status = 200;
    for (let i = 0; i < 40 && status !== 429; i++) {
      const res = await server.gql(`query ($t: String!) { search(text: $t, first: 20) { totalCount } }`, {
        t: PLANTED.email,
      });
      status = res.status;
      if (status === 429) expect(res.errors?.[0]?.extensions?.code).toBe("RATE_LIMITED");
    }
    expect(status).toBe(429);
  });

  it("database error", async () => {
    const res = await stalled.gql(`query ($t: String!) { search(text: $t) { totalCount } }`, {
      t: PLANTED.email,
    });
    expect(["QUERY_TIMEOUT", "SERVICE_UNAVAILABLE"]).toContain(res.errors?.[0]?.extensions?.code);
    expect(lines.some((l) => l.includes('"graphql"') || l.includes("graphql"))).toBe(true);
  });
});
