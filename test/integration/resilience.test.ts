import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Database } from "../../src/db/database";
import { findFreePort, type LocalNeo4j, startLocalNeo4j } from "../../src/db/local-neo4j";
import { startTestServer, type TestServer } from "../support/server";

/**
 * Neo4j stops while the service runs: coded errors, /readyz 503, no crash; and the service recovers
 * by itself when Neo4j is back. Uses its own Neo4j so that other test files are not disturbed.
 */
describe("when Neo4j goes away and comes back", () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "kennisgraaf-resilience-"));
  let neo4j: LocalNeo4j;
  let server: TestServer;
  let port: number;

  beforeAll(async () => {
    port = await findFreePort(27687);
    neo4j = await startLocalNeo4j({ dataDir, preferredPort: port, heapMiB: 384, pageCacheMiB: 32 });
    port = neo4j.port;
    const database = new Database({
      uri: neo4j.uri,
      user: "neo4j",
      password: "neo4j",
      queryTimeoutMs: 5_000,
    });
    server = await startTestServer({ database });
  }, 120_000);

  afterAll(async () => {
    await server.stop();
    await server.db.close();
    await neo4j.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("answers SERVICE_UNAVAILABLE and 503 while down, and recovers when it returns", async () => {
    const query = `{ organisation(id: "does-not-exist") { name } }`;
    const before = await server.gql(query);
    expect(before.errors).toBeUndefined();
    expect(before.data).toEqual({ organisation: null });

    await neo4j.stop();

    const during = await server.gql(query);
    expect(during.data?.organisation ?? null).toBeNull();
    expect(during.errors?.[0]?.extensions?.code).toBe("SERVICE_UNAVAILABLE");
    expect(JSON.stringify(during)).not.toMatch(/stack|\.ts:\d+/);
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { reason: string }).reason).toMatch(/Neo4j/);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);

    neo4j = await startLocalNeo4j({ dataDir, preferredPort: port, heapMiB: 384, pageCacheMiB: 32 });
    expect(neo4j.port).toBe(port);

    let after = await server.gql(query);
    for (let i = 0; i < 10 && after.errors; i++) {
      await new Promise((r) => setTimeout(r, 500));
      after = await server.gql(query);
    }
    expect(after.errors).toBeUndefined();
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
  }, 120_000);
});
