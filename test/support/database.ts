import { Database } from "../../src/db/database";

/** How to reach the test run's Neo4j (started in global setup), for a Database or a subclass of it. */
export function testDatabaseConfig(): ConstructorParameters<typeof Database>[0] {
  const uri = process.env.NEO4J_URI;
  if (!uri) throw new Error("NEO4J_URI is not set: the jest global setup did not run");
  return {
    uri,
    user: process.env.NEO4J_USER ?? "neo4j",
    password: process.env.NEO4J_PASSWORD ?? "neo4j",
    database: process.env.NEO4J_DATABASE,
    queryTimeoutMs: 30_000,
  };
}

/** A driver on the test run's Neo4j. Close it in afterAll. */
export function testDatabase(): Database {
  return new Database(testDatabaseConfig());
}

/** A prefix unique to this test file run, for the ids of the records a test creates. */
export function uniquePrefix(label: string): string {
  return `t-${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
