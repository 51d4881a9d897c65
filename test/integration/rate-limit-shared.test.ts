import { Role } from "../../src/auth/auth.user";
import { createLogger } from "../../src/logger";
import { CostRateLimiter } from "../../src/server/rate-limit";
import { connectRateLimitStore } from "../../src/server/rate-limit.store";
import { type LocalRedis, startRedis } from "../support/redis";
import { type TestServer, startTestServer } from "../support/server";

const QUERY = `{ organisations(first: 20) { edges { node { name } } } }`;
const BUDGET = 600;

/** Two service instances behind one load balancer spend one budget through Redis. */
describe("rate limit shared through Redis", () => {
  let redis: LocalRedis;
  const clients: ReturnType<typeof connectRateLimitStore>[] = [];
  let a: TestServer;
  let b: TestServer;

  const instance = async (byRole?: Partial<Record<Role, number>>): Promise<TestServer> => {
    const store = connectRateLimitStore(redis.url, createLogger("silent"));
    clients.push(store);
    // Until the connection is ready the instance counts in its own memory (the insurance limiter).
    if (store.status !== "ready") await new Promise((resolve) => store.once("ready", resolve));
    return startTestServer({
      maxCost: 300,
      rateLimiter: new CostRateLimiter({ perMinute: BUDGET, byRole }, store),
    });
  };

  beforeAll(async () => {
    redis = await startRedis();
    a = await instance();
    b = await instance();
  });
  // Each test starts with the shared budget unspent: what one test spends never decides another's answer.
  beforeEach(async () => {
    if (clients[0]?.status === "ready") await clients[0].flushdb();
  });
  afterAll(async () => {
    await a.stop();
    await b.stop();
    for (const client of clients) client.disconnect();
    await redis.stop();
  });

  it("refuses on the second instance what the client already spent on the first", async () => {
    let spent = 0;
    let cost = 0;
    while (spent + cost <= BUDGET) {
      const res = await a.gql(QUERY);
      expect(res.status).toBe(200);
      cost = res.extensions!.cost!.requestedQueryCost;
      spent += cost;
      expect(Number(res.headers!.get("ratelimit-remaining"))).toBe(BUDGET - spent);
    }
    const refused = await b.gql(QUERY);
    expect(refused.status).toBe(429);
    expect(refused.errors?.[0]?.extensions?.code).toBe("RATE_LIMITED");
    expect(Number(refused.headers!.get("retry-after"))).toBeGreaterThan(0);
    // The export endpoint spends from the same budget.
    const exported = await fetch(`${b.url}/export/network.csv?projection=shared-initiatives`);
    expect(exported.status).toBe(429);
    expect(exported.headers.get("retry-after")).not.toBeNull();
    expect(exported.headers.get("content-type")).toMatch(/application\/graphql-response\+json/);
  });

  it("keeps budgets per role", async () => {
    const generous = await instance({ [Role.COORDINATOR]: 5_000 });
    try {
      const token = await generous.token({ role: Role.COORDINATOR });
      const res = await generous.gql(QUERY, undefined, { token });
      expect(res.headers!.get("ratelimit-limit")).toBe("5000");
      const anonymous = await generous.gql(`{ provinces { name } }`);
      expect(anonymous.status).toBe(200);
      expect(anonymous.headers!.get("ratelimit-limit")).toBe(String(BUDGET));
    } finally {
      await generous.stop();
    }
  });

  it("falls back to each instance's own budget while Redis is down", async () => {
    await redis.stop();
    const res = await b.gql(`{ provinces { name } }`, undefined, {
      token: await b.token({ role: Role.ADMIN }),
    });
    expect(res.status).toBe(200);
    expect(res.headers!.get("ratelimit-limit")).toBe(String(BUDGET));
  });
});
