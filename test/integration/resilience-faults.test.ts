import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Role } from "../../src/auth/auth.user";
import { Database } from "../../src/db/database";
import { type LocalNeo4j, findFreePort, startLocalNeo4j } from "../../src/db/local-neo4j";
import { applyGraphSchema } from "../../src/db/graph-schema";
import { ensureAggregates } from "../../src/graph/common/aggregates.rebuild";
import { loadDemoDataIfEmpty } from "../../src/seed";
import { createLogger } from "../../src/logger";
import { fromGlobalId } from "../../src/graph/common/global-id";
import { type TestServer, startTestServer } from "../support/server";

const QUERY_TIMEOUT_MS = 3_000;
const CREATE = `mutation ($input: CreateOrganisationInput!) {
  createOrganisation(input: $input) { organisation { key } userErrors { code } } }`;
const READ = `{ organisations(first: 5) { edges { node { name } } } }`;

interface Sample {
  at: number;
  ms: number;
  ok: boolean;
  kind: "read" | "write";
  code?: string;
}

/**
 * Neo4j crashes (SIGKILL) or freezes (SIGSTOP) under mixed load: requests fail fast with coded,
 * retryable errors, reads and writes succeed again soon after Neo4j is back, and no write the service
 * acknowledged is lost. Its own Neo4j, so that other test files are not disturbed. Recovery times are
 * printed and reported in bench/RESULTS.md, not asserted (timed targets live in the bench); the freeze's
 * bounds (timeout + 2 s, /readyz within 5 s) are the contract's fail-fast behaviour and are asserted.
 */
describe("Neo4j faults under load", () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "kennisgraaf-faults-"));
  let neo4j: LocalNeo4j;
  let server: TestServer;
  let port: number;
  let token: string;
  const acknowledged: string[] = [];
  /** The service's error log (codes and error types, never request values): printed with the figures. */
  const errorLines: string[] = [];
  let counter = 0;

  const start = () => startLocalNeo4j({ dataDir, preferredPort: port, heapMiB: 384, pageCacheMiB: 32 });

  beforeAll(async () => {
    port = await findFreePort(28687);
    neo4j = await start();
    port = neo4j.port;
    const database = new Database({
      uri: neo4j.uri,
      user: "neo4j",
      password: "neo4j",
      queryTimeoutMs: QUERY_TIMEOUT_MS,
    });
    await applyGraphSchema(database);
    // The service's own warm-ups run as `npm start` has them. Their partner warm-up has work to do only in
    // a graph with organisations: FAULT_DEMO_DATA=1 loads the demo data first, for the figures in
    // bench/RESULTS.md (its restarts replay the whole load from the log, so they take longer and vary more).
    if (process.env.FAULT_DEMO_DATA === "1") {
      await loadDemoDataIfEmpty(database, () => undefined);
      await ensureAggregates(database, () => undefined);
    }
    const logger = createLogger("error", { write: (line: string) => void errorLines.push(line) });
    server = await startTestServer({
      database,
      logger,
      recovery: { uri: neo4j.uri, user: "neo4j", password: "neo4j", queryTimeoutMs: QUERY_TIMEOUT_MS },
    });
    token = await server.token({ role: Role.ADMIN });
  }, 180_000);

  afterAll(async () => {
    // Whatever beforeAll got to start (under load Neo4j may not have become ready in time).
    await server?.stop();
    await server?.db.close();
    await neo4j?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function one(kind: "read" | "write"): Promise<Sample> {
    const started = Date.now();
    try {
      if (kind === "read") {
        const res = await server.gql(READ);
        return {
          at: started,
          ms: Date.now() - started,
          ok: !res.errors,
          kind,
          code: res.errors?.[0]?.extensions?.code,
        };
      }
      const id = `fault-${process.pid}-${++counter}`;
      const res = await server.gql<{ createOrganisation: { organisation: { key: string } | null } }>(
        CREATE,
        { input: { id, name: `Storingstest ${counter}`, kind: "patiëntenvereniging", scope: "LOCAL" } },
        { token },
      );
      const created = res.data?.createOrganisation?.organisation?.key;
      if (created) acknowledged.push(created);
      return {
        at: started,
        ms: Date.now() - started,
        ok: Boolean(created),
        kind,
        code: res.errors?.[0]?.extensions?.code,
      };
    } catch {
      return { at: started, ms: Date.now() - started, ok: false, kind, code: "<transport>" };
    }
  }

  /** What the internal errors were (type and driver code), to tell a bug from a fault. */
  function internalErrors(): string[] {
    const kinds = errorLines.flatMap((line) => {
      const entry = JSON.parse(line) as { err?: { type?: string; code?: string } };
      return entry.err ? [`${entry.err.type ?? "?"}:${entry.err.code ?? "?"}`] : [];
    });
    return [...new Set(kinds)];
  }

  /** 12 writers and 4 readers, each sending its next request when the previous one is answered. */
  function load(): { stop(): Promise<Sample[]> } {
    const samples: Sample[] = [];
    let running = true;
    const loop = async (kind: "read" | "write"): Promise<void> => {
      while (running) {
        samples.push(await one(kind));
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    const loops = [
      ...Array.from({ length: 12 }, () => loop("write")),
      ...Array.from({ length: 4 }, () => loop("read")),
    ];
    return {
      async stop() {
        running = false;
        await Promise.all(loops);
        return samples;
      },
    };
  }

  it("recovers reads and writes after a SIGKILL, coded errors meanwhile, losing no acknowledged write", async () => {
    const traffic = load();
    // Under load means in a steady state: writes are being acknowledged (the first plans on a fresh
    // Neo4j take seconds), then two more seconds of it before the crash.
    const steady = Date.now() + 60_000;
    while (acknowledged.length < 12 && Date.now() < steady) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 2_000));
    const acknowledgedBeforeCrash = acknowledged.length;
    process.kill(neo4j.pid, "SIGKILL");
    await new Promise((r) => setTimeout(r, 2_000));
    const restarting = Date.now();
    try {
      neo4j = await start();
    } catch (error) {
      await traffic.stop(); // a restart that fails must not leave the load running
      throw error;
    }
    const ready = Date.now();
    // Wait for the first successful read and write that started after the ready line (watched for 90 s).
    const deadline = ready + 90_000;
    let recovered: { read?: number; write?: number } = {};
    while (Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      const read = await one("read");
      const write = await one("write");
      recovered = {
        read: recovered.read ?? (read.ok ? read.at + read.ms - ready : undefined),
        write: recovered.write ?? (write.ok ? write.at + write.ms - ready : undefined),
      };
      if (recovered.read !== undefined && recovered.write !== undefined) break;
    }
    await new Promise((r) => setTimeout(r, 3_000));
    const samples = await traffic.stop();
    const after = samples.filter((s) => s.at > ready + 10_000);
    // Writes answered in the 10 s after the ready line: how fast creates are back under load.
    const early = samples.filter((s) => s.kind === "write" && s.ok && s.at >= ready && s.at < ready + 10_000);
    console.log(
      JSON.stringify({
        fault: "SIGKILL",
        acknowledgedBeforeCrash,
        neo4jRestartMs: ready - restarting,
        readRecoveredMsAfterReady: recovered.read,
        writeRecoveredMsAfterReady: recovered.write,
        writesOkInFirst10s: early.length,
        requests: samples.length,
        failedAfterRecovery: after.filter((s) => !s.ok).length,
        codes: [...new Set(samples.filter((s) => !s.ok).map((s) => s.code))],
        internalErrors: internalErrors(),
      }),
    );
    // Both come back within the 90 s watched after the ready line. How fast is a figure for bench/RESULTS.md
    // (target 10 s), not a timed assertion: on a shared 2-core machine it follows the load more than the code.
    expect(recovered.read).toBeDefined();
    expect(recovered.write).toBeDefined();
    // Every failure was coded (never an internal error).
    expect(samples.filter((s) => !s.ok && s.code === "INTERNAL_SERVER_ERROR")).toEqual([]);
    // No acknowledged write is lost.
    const stored = await server.db.read(`MATCH (o:Organisation) WHERE o.id IN $ids RETURN count(o) AS n`, {
      // The payload's id is the global id; the graph stores the key.
      ids: acknowledged.map((id) => fromGlobalId(id)?.key ?? id),
    });
    expect(stored[0]?.n).toBe(acknowledged.length);
    expect(acknowledged.length).toBeGreaterThan(12);
  }, 240_000);

  it(`answers within NEO4J_QUERY_TIMEOUT_MS + 2 s while Neo4j is frozen (SIGSTOP 30 s), /readyz 503 within 5 s`, async () => {
    const traffic = load();
    await new Promise((r) => setTimeout(r, 1_000));
    process.kill(neo4j.pid, "SIGSTOP");
    const frozen = Date.now();
    let readyzMs: number | undefined;
    try {
      const readyz = await fetch(`${server.url}/readyz`, { signal: AbortSignal.timeout(10_000) });
      readyzMs = Date.now() - frozen;
      expect(readyz.status).toBe(503);
      await new Promise((r) => setTimeout(r, 30_000 - (Date.now() - frozen)));
    } finally {
      process.kill(neo4j.pid, "SIGCONT");
    }
    const thawed = Date.now();
    await new Promise((r) => setTimeout(r, 5_000));
    const samples = await traffic.stop();
    const during = samples.filter((s) => s.at >= frozen && s.at < thawed);
    const slowest = Math.max(...during.map((s) => s.ms));
    console.log(
      JSON.stringify({
        fault: "SIGSTOP 30 s",
        readyzMs,
        requestsDuringFreeze: during.length,
        slowestMs: slowest,
        codes: [...new Set(during.filter((s) => !s.ok).map((s) => s.code))],
        okAfterThaw: samples.filter((s) => s.at > thawed + 2_000 && s.ok).length,
      }),
    );
    expect(readyzMs).toBeLessThan(5_000);
    expect(during.length).toBeGreaterThan(16);
    expect(slowest).toBeLessThan(QUERY_TIMEOUT_MS + 2_000);
    expect(
      during
        .filter((s) => !s.ok)
        .every((s) => ["SERVICE_UNAVAILABLE", "QUERY_TIMEOUT"].includes(s.code ?? "")),
    ).toBe(true);
    expect(samples.filter((s) => s.at > thawed + 2_000 && s.ok).length).toBeGreaterThan(0);
  }, 120_000);
});
