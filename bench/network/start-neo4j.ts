import { mkdirSync } from "node:fs";
import path from "node:path";
import os from "node:os";
import { startLocalNeo4j } from "../../src/db/local-neo4j";

/**
 * Starts the project's local Neo4j on a scratch data directory (never .data/neo4j) for the network
 * benchmark and keeps it running until Ctrl-C. Usage:
 *   node dist/bench/network/start-neo4j.js [dataDir] [heapMiB]
 * then, in another shell: NEO4J_URI=<printed uri> npm run seed:synthetic -- --organisations 10000
 */
async function main(): Promise<void> {
  const dataDir = process.argv[2] ?? path.join(os.tmpdir(), "kennisgraaf-network-bench");
  const heapMiB = Number(process.argv[3] ?? 3072);
  mkdirSync(dataDir, { recursive: true });
  const neo4j = await startLocalNeo4j({
    dataDir,
    preferredPort: 27687,
    heapMiB,
    pageCacheMiB: 1024,
    log: console.log,
  });
  console.log(`NEO4J_URI=${neo4j.uri} (pid ${neo4j.pid}, data in ${dataDir}); Ctrl-C stops it`);
  const stop = (): void => {
    void neo4j.stop().finally(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

void main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
