import { testDatabase } from "../support/database";

/**
 * The suite's isolation (decision record 0056): this file's NEO4J_URI is its jest worker's own
 * database, distinct from every other worker's, seeded, and the same one the test support connects to.
 */
const shared = process.env.NEO4J_TEST_URI;
const worker = process.env.JEST_WORKER_ID ?? "1";

(shared ? describe.skip : describe)("the worker's own Neo4j", () => {
  it("is the one global setup started for this worker, and no other worker's", () => {
    const uris = Object.entries(process.env)
      .filter(([name]) => /^NEO4J_URI_\d+$/.test(name))
      .map(([, uri]) => uri);
    expect(uris.length).toBeGreaterThanOrEqual(Number(worker));
    expect(new Set(uris).size).toBe(uris.length);
    expect(process.env.NEO4J_URI).toBe(process.env[`NEO4J_URI_${worker}`]);
  });

  it("answers with the factual seed loaded", async () => {
    const db = testDatabase();
    try {
      const rows = await db.read("MATCH (o:Organisation {id: $id}) RETURN o.name AS name", { id: "iederin" });
      expect(rows).toHaveLength(1);
    } finally {
      await db.close();
    }
  });
});
