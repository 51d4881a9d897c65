import "reflect-metadata";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Database, waitForDatabase } from "../../src/db/database";
import { applyGraphSchema } from "../../src/db/graph-schema";
import { startLocalNeo4j } from "../../src/db/local-neo4j";
import { loadSeed, validateSeedDir } from "../../src/seed";

/**
 * One real Neo4j per test run: NEO4J_TEST_URI when given, else the project's local Neo4j in a fresh
 * temporary directory on a free port, with the graph schema and the factual seed loaded. Workers find
 * it through process.env.NEO4J_URI.
 */
export default async function globalSetup(): Promise<void> {
  // The integration and e2e projects share one database per run.
  const state = globalThis as { __TEST_NEO4J_READY__?: boolean };
  if (state.__TEST_NEO4J_READY__) return;
  let uri = process.env.NEO4J_TEST_URI;
  if (!uri) {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "kennisgraaf-test-neo4j-"));
    const started = Date.now();
    const local = await startLocalNeo4j({ dataDir, preferredPort: 17687, heapMiB: 768, pageCacheMiB: 128 });
    uri = local.uri;
    (globalThis as { __LOCAL_NEO4J__?: unknown }).__LOCAL_NEO4J__ = { stop: local.stop, dataDir };
    console.log(
      `\nNeo4j for tests at ${uri} (${((Date.now() - started) / 1000).toFixed(1)} s, data in ${dataDir})`,
    );
  }
  process.env.NEO4J_URI = uri;
  process.env.NEO4J_USER ??= process.env.NEO4J_TEST_USER ?? "neo4j";
  process.env.NEO4J_PASSWORD ??= process.env.NEO4J_TEST_PASSWORD ?? "neo4j";
  if (process.env.NEO4J_TEST_DATABASE) process.env.NEO4J_DATABASE = process.env.NEO4J_TEST_DATABASE;

  const db = new Database({
    uri,
    user: process.env.NEO4J_USER,
    password: process.env.NEO4J_PASSWORD,
    database: process.env.NEO4J_DATABASE,
    queryTimeoutMs: 60_000,
  });
  try {
    await waitForDatabase(db, 30_000, () => undefined);
    await applyGraphSchema(db);
    // The factual dataset is reference data every suite reads (idempotent MERGE; tests never change it).
    await loadSeed(db, validateSeedDir());
  } finally {
    await db.close();
  }
  state.__TEST_NEO4J_READY__ = true;
}
