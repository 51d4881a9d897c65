import net from "node:net";
import { Database } from "../../src/db/database";
import { findFreePort } from "../../src/db/local-neo4j";
import { AppError } from "../../src/errors";

describe("the database layer", () => {
  it("stops a query at the transaction timeout with QUERY_TIMEOUT", async () => {
    const db = new Database({
      uri: process.env.NEO4J_URI!,
      user: "neo4j",
      password: "neo4j",
      queryTimeoutMs: 200,
    });
    try {
      const error = await db
        .read("UNWIND range(1, 500000000) AS x WITH x WHERE x % 7 = 3 RETURN count(x) AS n")
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).extensions.code).toBe("QUERY_TIMEOUT");
    } finally {
      await db.close();
    }
  });

  it("answers SERVICE_UNAVAILABLE when nothing listens", async () => {
    const port = await findFreePort(39000);
    const db = new Database({
      uri: `bolt://127.0.0.1:${port}`,
      user: "neo4j",
      password: "neo4j",
      queryTimeoutMs: 1000,
    });
    try {
      const error = await db.read("RETURN 1").then(
        () => undefined,
        (e: unknown) => e,
      );
      expect((error as AppError).extensions?.code).toBe("SERVICE_UNAVAILABLE");
      await expect(db.ping(1000)).rejects.toThrow();
    } finally {
      await db.close();
    }
  });

  it("picks the next free port when the preferred one is taken", async () => {
    const preferred = await findFreePort(38000);
    const blocker = net.createServer().listen(preferred, "127.0.0.1");
    await new Promise((r) => blocker.once("listening", r));
    try {
      expect(await findFreePort(preferred)).toBeGreaterThan(preferred);
    } finally {
      blocker.close();
    }
  });
});
