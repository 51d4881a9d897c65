import { createLogger } from "../../src/logger";
import { createSchema } from "../../src/schema";
import { createApp, listen, type RunningApp } from "../../src/server/app";
import { testDatabase } from "../support/database";

describe("CORS", () => {
  const db = testDatabase();
  let app: RunningApp;
  let url: string;

  beforeAll(async () => {
    app = await createApp({
      schema: await createSchema(),
      database: db,
      logger: createLogger("silent"),
      maxDepth: 10,
      maxCost: 5000,
      graphiql: false,
      introspection: false,
      corsOrigins: ["https://app.example.org"],
    });
    url = `http://127.0.0.1:${await listen(app.httpServer, "127.0.0.1", 0)}/graphql`;
  });

  afterAll(async () => {
    await app.stop();
    await db.close();
  });

  const preflight = (origin: string) =>
    fetch(url, {
      method: "OPTIONS",
      headers: {
        origin,
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type,authorization",
      },
    });

  it("allows a configured origin", async () => {
    const res = await preflight("https://app.example.org");
    expect(res.status).toBeLessThan(300);
    expect(res.headers.get("access-control-allow-origin")).toBe("https://app.example.org");
    expect(res.headers.get("access-control-allow-headers")).toMatch(/authorization/);
  });

  it("gives no CORS grant to other origins", async () => {
    const res = await preflight("https://evil.example.com");
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
  });
});
