import http from "node:http";
import type { AddressInfo } from "node:net";
import { SignJWT, UnsecuredJWT, exportJWK, generateKeyPair } from "jose";
import { Role } from "../../src/auth/auth.user";
import { createTokenVerifier } from "../../src/auth/auth.verifier";
import { tokenCommand } from "../../src/auth/token.cli";
import { signToken } from "../../src/auth/token.sign";
import { ConfigError, DEV_JWT_SECRET, loadConfig } from "../../src/config";
import { uniquePrefix } from "../support/database";
import { TEST_AUTH, type TestServer, startTestServer } from "../support/server";
import { auditEvents, createFixture, removeFixture } from "./auth.fixtures";

const VIEWER = `{ viewer { role organisation } }`;

/** Bearer tokens through HTTP: who the API takes the caller to be, and 401 for every bad token. */
describe("authentication", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  async function post(authorization: string): Promise<Response> {
    return fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization },
      body: JSON.stringify({ query: VIEWER }),
    });
  }

  async function expectUnauthenticated(authorization: string, message: RegExp): Promise<void> {
    const res = await post(authorization);
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer error="invalid_(token|request)"/);
    const body = (await res.json()) as {
      data?: unknown;
      errors: { message: string; extensions: { code: string } }[];
    };
    expect(body.data).toBeUndefined();
    expect(body.errors[0]!.extensions.code).toBe("UNAUTHENTICATED");
    expect(body.errors[0]!.message).toMatch(message);
  }

  const secret = new TextEncoder().encode(TEST_AUTH.jwtSecret);
  const claims = (extra: Record<string, unknown> = {}) =>
    new SignJWT({ role: "admin", ...extra })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("someone")
      .setIssuer(TEST_AUTH.issuer!)
      .setAudience(TEST_AUTH.audience!);

  it("takes a request without a token as anonymous", async () => {
    const res = await server.gql(VIEWER);
    expect(res.data).toEqual({ viewer: { role: "ANONYMOUS", organisation: null } });
  });

  it("takes a valid token's role and organisation", async () => {
    const token = await server.token({ role: Role.MEMBER, organisation: "iederin" });
    const res = await server.gql(VIEWER, {}, { token });
    expect(res.data).toEqual({ viewer: { role: "MEMBER", organisation: "iederin" } });
  });

  it("takes the strongest known role a token names", async () => {
    const token = await claims({ role: ["member", "Admin", "unknown"], org: "iederin" })
      .setExpirationTime("5m")
      .sign(secret);
    expect((await server.gql(VIEWER, {}, { token })).data).toEqual({
      viewer: { role: "ADMIN", organisation: "iederin" },
    });
  });

  it("refuses an expired token with 401 UNAUTHENTICATED", async () => {
    const token = await claims()
      .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
      .sign(secret);
    await expectUnauthenticated(`Bearer ${token}`, /expired/);
  });

  it("refuses a token signed with another secret", async () => {
    const token = await claims()
      .setExpirationTime("5m")
      .sign(new TextEncoder().encode("another-secret-another-secret-another"));
    await expectUnauthenticated(`Bearer ${token}`, /invalid/);
  });

  it("refuses a token for another issuer or audience", async () => {
    const issuer = await claims().setIssuer("someone-else").setExpirationTime("5m").sign(secret);
    await expectUnauthenticated(`Bearer ${issuer}`, /"iss"/);
    const audience = await claims().setAudience("another-api").setExpirationTime("5m").sign(secret);
    await expectUnauthenticated(`Bearer ${audience}`, /"aud"/);
  });

  it("refuses an unsigned token (alg none) and one without expiry", async () => {
    const unsigned = new UnsecuredJWT({ role: "admin" })
      .setSubject("x")
      .setIssuer(TEST_AUTH.issuer!)
      .setAudience(TEST_AUTH.audience!)
      .setExpirationTime("5m")
      .encode();
    await expectUnauthenticated(`Bearer ${unsigned}`, /not accepted/);
    const eternal = await claims().sign(secret);
    await expectUnauthenticated(`Bearer ${eternal}`, /"exp"/);
  });

  it("refuses tokens without a known role, and member tokens without an organisation", async () => {
    const noRole = await claims({ role: "superuser" }).setExpirationTime("5m").sign(secret);
    await expectUnauthenticated(`Bearer ${noRole}`, /no known role/);
    const orphan = await claims({ role: "member" }).setExpirationTime("5m").sign(secret);
    await expectUnauthenticated(`Bearer ${orphan}`, /must name its organisation/);
    const badOrg = await claims({ role: "member", org: "x'}) //" }).setExpirationTime("5m").sign(secret);
    await expectUnauthenticated(`Bearer ${badOrg}`, /not an organisation key/);
  });

  it.each([["Basic dXNlcjpwYXNz"], ["Bearer"], ["Bearer not.a.jwt"], ["Bearer a b"]])(
    "refuses the Authorization header %j",
    async (header) => {
      await expectUnauthenticated(header, /Bearer|not a JWT|invalid/);
    },
  );

  it("stores a pseudonym, not an e-mail address, as the actor of a change", async () => {
    const prefix = uniquePrefix("pseudo");
    const f = await createFixture(server.db, prefix);
    try {
      const token = await server.token({
        role: Role.MEMBER,
        organisation: f.own,
        subject: "jan.jansen@example.org",
      });
      const res = await server.gql(
        `mutation ($id: ID!) { updateOrganisation(id: $id, expectedVersion: 1, input: { description: "x" }) { userErrors { code } } }`,
        { id: f.own },
        { token },
      );
      expect(res.errors).toBeUndefined();
      const [event] = await auditEvents(server.db, f.own);
      expect(event!.actorSubject).toMatch(/^pseudonym-[0-9a-f]{32}$/);
      expect(JSON.stringify(event)).not.toMatch(/jansen|example\.org/);
    } finally {
      await removeFixture(server.db, prefix);
    }
  });
});

describe("tokens from a JWKS URL", () => {
  let jwks: http.Server;
  let jwksUrl: string;
  let server: TestServer;
  let privateKey: CryptoKey;

  beforeAll(async () => {
    const pair = await generateKeyPair("RS256");
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: "k1", alg: "RS256", use: "sig" };
    jwks = http.createServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, "127.0.0.1", resolve));
    jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`;
    server = await startTestServer({
      auth: {
        ...TEST_AUTH,
        jwtSecret: undefined,
        jwksUrl,
        issuer: "https://idp.example",
        audience: "kennisgraaf",
      },
    });
  });
  afterAll(async () => {
    await server.stop();
    jwks.close();
  });

  const rs256 = (claims: Record<string, unknown>) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: "RS256", kid: "k1" })
      .setSubject("idp|123")
      .setIssuer("https://idp.example")
      .setAudience("kennisgraaf")
      .setExpirationTime("5m");

  it("accepts a token signed by a key of the JWKS", async () => {
    const token = await rs256({ role: "coordinator" }).sign(privateKey);
    expect((await server.gql(VIEWER, {}, { token })).data).toEqual({
      viewer: { role: "COORDINATOR", organisation: null },
    });
  });

  it("refuses HS256 tokens when no shared secret is configured", async () => {
    const token = await signToken({ ...TEST_AUTH }, { role: Role.ADMIN });
    const res = await server.gql(VIEWER, {}, { token });
    expect(res.status).toBe(401);
    expect(res.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("answers 503 when the JWKS URL cannot be reached (not the caller's fault)", async () => {
    const unreachable = await startTestServer({
      auth: {
        ...TEST_AUTH,
        jwtSecret: undefined,
        jwksUrl: "http://127.0.0.1:9/jwks",
        issuer: "https://idp.example",
      },
    });
    try {
      const token = await rs256({ role: "admin" }).sign(privateKey);
      const res = await unreachable.gql(VIEWER, {}, { token });
      expect(res.status).toBe(503);
      expect(res.errors?.[0]?.extensions?.code).toBe("SERVICE_UNAVAILABLE");
    } finally {
      await unreachable.stop();
    }
  });
});

describe("authentication configuration", () => {
  it("uses the development secret outside production only", () => {
    expect(loadConfig({}).auth.jwtSecret).toBe(DEV_JWT_SECRET);
    expect(loadConfig({ AUTH_JWKS_URL: "https://idp.example/jwks" }).auth.jwtSecret).toBeUndefined();
    expect(() => loadConfig({ NODE_ENV: "production" })).toThrow(/AUTH_JWT_SECRET or AUTH_JWKS_URL/);
    expect(() => loadConfig({ NODE_ENV: "production", AUTH_JWT_SECRET: DEV_JWT_SECRET })).toThrow(
      ConfigError,
    );
    const production = loadConfig({
      NODE_ENV: "production",
      AUTH_JWKS_URL: "https://idp.example/jwks",
      AUTH_ISSUER: "https://idp.example",
    });
    expect(production.auth).toMatchObject({
      jwtSecret: undefined,
      jwksUrl: "https://idp.example/jwks",
      issuer: "https://idp.example",
    });
    expect(production.introspection).toBe(false);
  });

  it("names invalid auth and limit settings", () => {
    expect(() => loadConfig({ AUTH_JWT_SECRET: "short" })).toThrow(/AUTH_JWT_SECRET: must be at least 32/);
    expect(() => loadConfig({ AUTH_JWKS_URL: "ftp://x" })).toThrow(/AUTH_JWKS_URL/);
    expect(() => loadConfig({ RATE_LIMIT_COST_PER_MINUTE: "100" })).toThrow(/RATE_LIMIT_COST_PER_MINUTE/);
    expect(loadConfig({ RATE_LIMIT_COST_PER_MINUTE: "0" }).rateLimitCostPerMinute).toBe(0);
    expect(loadConfig({}).rateLimitCostPerMinute).toBe(20000);
  });

  it("npm run token prints a development token the service accepts", async () => {
    const { token } = await tokenCommand(["--role", "member", "--org", "iederin", "--expires", "1h"], {});
    const user = await createTokenVerifier(loadConfig({}).auth).verify(token!);
    expect(user).toEqual({ subject: "dev-member-iederin", role: Role.MEMBER, organisation: "iederin" });
    await expect(tokenCommand(["--role", "member"], {})).rejects.toThrow(/--org/);
    await expect(tokenCommand(["--role", "root"], {})).rejects.toThrow(/--role/);
    await expect(tokenCommand(["--role", "admin"], { NODE_ENV: "production" })).rejects.toThrow(
      /AUTH_JWT_SECRET/,
    );
  });
});
