import { type Database, QueryStats } from "../../src/db/database";
import { firstWrite } from "../../src/server/recovery";
import { testDatabase } from "../support/database";

/**
 * After Neo4j returns, the partner warm-up waits for the first request write that succeeds (issue 11,
 * session 7: run at once, it held the writers back). Against the real Neo4j: a failed write does not
 * release it, a successful one does, and a service that does not write is released after the bound.
 */
describe("the partner warm-up waits for the first successful write", () => {
  let db: Database;
  beforeAll(() => {
    db = testDatabase();
  });
  afterAll(() => db.close());

  /** Whether the promise has settled after the work and a short pause for its callbacks. */
  async function settledAfter(promise: Promise<void>, work: () => Promise<unknown>): Promise<boolean> {
    let settled = false;
    void promise.then(() => {
      settled = true;
    });
    await work().catch(() => undefined);
    await new Promise((r) => setTimeout(r, 100));
    return settled;
  }

  it("is not released by a failed write or a read, and is released by a successful write", async () => {
    const request = db.forRequest(new QueryStats());
    const waiting = firstWrite(db, 60_000);
    expect(await settledAfter(waiting, () => request.write((tx) => tx.run("RETURN 1 / 0 AS boom")))).toBe(
      false,
    );
    expect(await settledAfter(waiting, () => request.read("RETURN 1 AS one"))).toBe(false);
    expect(await settledAfter(waiting, () => request.write((tx) => tx.run("RETURN 1 AS one")))).toBe(true);
  });

  it("is released after its bound when nothing is written", async () => {
    const started = Date.now();
    await firstWrite(db, 300);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });
});
