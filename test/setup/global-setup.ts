import "reflect-metadata";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Database, waitForDatabase } from "../../src/db/database";
import { applyGraphSchema } from "../../src/db/graph-schema";
import { type LocalNeo4j, startLocalNeo4j } from "../../src/db/local-neo4j";
import { loadSeed, validateSeedDir } from "../../src/seed";
import { type LocalTestNeo4j, setLocalTestNeo4js, workerUriVariable } from "./test-databases";

/** What globalSetup reads of jest's global config (its first argument). */
interface JestGlobalConfig {
  maxWorkers: number;
  runInBand?: boolean;
  nonFlagArgs?: string[];
  findRelatedTests?: boolean;
  onlyChanged?: boolean;
}

/**
 * As many databases as jest can have workers: one in band; when the command names test files only
 * (the usual `npx jest test/integration/x.test.ts`), no more than the files, since one file runs in
 * band and each named path matches only itself.
 */
function databaseCount(config: JestGlobalConfig | undefined): number {
  if (!config || config.runInBand) return 1;
  const workers = Math.max(1, config.maxWorkers);
  const files = config.nonFlagArgs ?? [];
  const namedFilesOnly =
    !config.findRelatedTests &&
    !config.onlyChanged &&
    files.length > 0 &&
    files.every((f) => f.endsWith(".test.ts") && existsSync(f));
  return namedFilesOnly ? Math.min(workers, files.length) : workers;
}

/**
 * One real Neo4j per jest worker (decision record 0056): the files of one worker run one after the
 * other, so no two test files ever use a database at the same time. Each is the project's local Neo4j
 * in a fresh temporary directory on a free port, with the graph schema and the factual seed loaded;
 * worker N finds its own through NEO4J_URI_N (test/setup/worker-database.ts turns that into
 * NEO4J_URI). With NEO4J_TEST_URI every worker shares that database: run such suites with --runInBand.
 */
export default async function globalSetup(globalConfig?: JestGlobalConfig): Promise<void> {
  // The integration and e2e projects run in the same workers: one set of databases per run.
  const state = globalThis as { __TEST_NEO4J_READY__?: boolean };
  if (state.__TEST_NEO4J_READY__) return;
  process.env.NEO4J_USER ??= process.env.NEO4J_TEST_USER ?? "neo4j";
  process.env.NEO4J_PASSWORD ??= process.env.NEO4J_TEST_PASSWORD ?? "neo4j";
  if (process.env.NEO4J_TEST_DATABASE) process.env.NEO4J_DATABASE = process.env.NEO4J_TEST_DATABASE;

  const shared = process.env.NEO4J_TEST_URI;
  if (shared) {
    process.env.NEO4J_URI = shared;
    await prepare(shared);
  } else {
    // A URI from the developer's shell must not reach a worker: each one gets its own below.
    delete process.env.NEO4J_URI;
    const count = databaseCount(globalConfig);
    const started = Date.now();
    const instances = await startAll(count);
    instances.forEach((instance, i) => (process.env[workerUriVariable(i + 1)] = instance.uri));
    console.log(
      `\n${count} Neo4j for tests (one per jest worker) at ${instances.map((i) => i.uri).join(", ")}: ` +
        `started and seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  }
  state.__TEST_NEO4J_READY__ = true;
}

/** Starts and seeds `count` databases in parallel; stops the ones that started when any fails. */
async function startAll(count: number): Promise<LocalTestNeo4j[]> {
  const results = await Promise.allSettled(Array.from({ length: count }, (_, i) => startOne(i)));
  const instances = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
  setLocalTestNeo4js(instances);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed) {
    await Promise.all(instances.map((i) => i.stop()));
    setLocalTestNeo4js([]);
    throw failed.reason;
  }
  return instances;
}

async function startOne(index: number): Promise<LocalTestNeo4j> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "kennisgraaf-test-neo4j-"));
  let local: LocalNeo4j | undefined;
  try {
    // Ports 10 apart, so that parallel starts rarely probe the same one (a taken port is retried anyway).
    local = await startLocalNeo4j({
      dataDir,
      preferredPort: 17687 + 10 * index,
      heapMiB: 768,
      pageCacheMiB: 128,
    });
    await prepare(local.uri);
  } catch (error) {
    await local?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const stop = local.stop;
  return {
    uri: local.uri,
    async stop() {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The graph schema and the factual seed, the reference data every suite reads (idempotent MERGE). */
async function prepare(uri: string): Promise<void> {
  const db = new Database({
    uri,
    user: process.env.NEO4J_USER ?? "neo4j",
    password: process.env.NEO4J_PASSWORD ?? "neo4j",
    database: process.env.NEO4J_DATABASE,
    queryTimeoutMs: 60_000,
  });
  try {
    await waitForDatabase(db, 30_000, () => undefined);
    await applyGraphSchema(db);
    await loadSeed(db, validateSeedDir());
  } finally {
    await db.close();
  }
}
