import { Neo4jError } from "neo4j-driver";
import { ColdWrites } from "../../src/db/cold-writes";
import { DeadlineExceeded, lostConnection } from "../../src/db/database";

/** A write that finishes (or fails) when the test says so, and records when it started. */
function controlled<T>(log: string[], name: string) {
  let finish: (value: T) => void = () => undefined;
  let fail: (error: unknown) => void = () => undefined;
  const write = (): Promise<T> => {
    log.push(`start ${name}`);
    return new Promise<T>((resolve, reject) => {
      finish = resolve;
      fail = reject;
    });
  };
  return { write, finish: (v: T) => finish(v), fail: (e: unknown) => fail(e) };
}

const tick = () => new Promise((r) => setImmediate(r));
class Refused extends Error {}
const options = (maxWaitMs: number, answered = (e: unknown) => !(e instanceof Refused)) => ({
  maxWaitMs,
  answered,
  refused: () => new Refused("refused"),
});

/** After a lost connection one write runs alone until Neo4j answers one; then all run at once. */
describe("ColdWrites", () => {
  it("runs writes at once while warm", async () => {
    const gate = new ColdWrites(false);
    const log: string[] = [];
    const a = controlled<number>(log, "a");
    const b = controlled<number>(log, "b");
    const pa = gate.run(a.write, options(1_000));
    const pb = gate.run(b.write, options(1_000));
    await tick();
    expect(log).toEqual(["start a", "start b"]);
    a.finish(1);
    b.finish(2);
    await expect(Promise.all([pa, pb])).resolves.toEqual([1, 2]);
  });

  it("while cold, lets one write run and the others start only once it succeeded", async () => {
    const gate = new ColdWrites(true);
    const log: string[] = [];
    const first = controlled<string>(log, "first");
    const second = controlled<string>(log, "second");
    const third = controlled<string>(log, "third");
    const p1 = gate.run(first.write, options(5_000));
    const p2 = gate.run(second.write, options(5_000));
    const p3 = gate.run(third.write, options(5_000));
    await tick();
    expect(log).toEqual(["start first"]);
    first.finish("one");
    await expect(p1).resolves.toBe("one");
    await tick();
    expect(log).toEqual(["start first", "start second", "start third"]);
    expect(gate.isCold).toBe(false);
    second.finish("two");
    third.finish("three");
    await expect(Promise.all([p2, p3])).resolves.toEqual(["two", "three"]);
  });

  it("keeps the gate closed when the first write did not reach Neo4j, and lets the next one try alone", async () => {
    const gate = new ColdWrites(true);
    const log: string[] = [];
    const first = controlled<string>(log, "first");
    const second = controlled<string>(log, "second");
    const third = controlled<string>(log, "third");
    const unreachable = new Error("no connection");
    const answered = (e: unknown) => e !== unreachable;
    const p1 = gate.run(first.write, options(5_000, answered));
    const p2 = gate.run(second.write, options(5_000, answered));
    const p3 = gate.run(third.write, options(5_000, answered));
    await tick();
    first.fail(unreachable);
    await expect(p1).rejects.toBe(unreachable);
    await tick();
    expect(log).toEqual(["start first", "start second"]);
    expect(gate.isCold).toBe(true);
    second.finish("two");
    await expect(p2).resolves.toBe("two");
    await tick();
    expect(log).toEqual(["start first", "start second", "start third"]);
    third.finish("three");
    await expect(p3).resolves.toBe("three");
  });

  it("opens the gate when Neo4j answered the first write with an error of the write itself", async () => {
    const gate = new ColdWrites(true);
    const log: string[] = [];
    const first = controlled<string>(log, "first");
    const second = controlled<string>(log, "second");
    const p1 = gate.run(first.write, options(5_000));
    const p2 = gate.run(second.write, options(5_000));
    await tick();
    const userError = new Error("ALREADY_EXISTS");
    first.fail(userError);
    await expect(p1).rejects.toBe(userError);
    await tick();
    expect(log).toEqual(["start first", "start second"]);
    expect(gate.isCold).toBe(false);
    second.finish("two");
    await expect(p2).resolves.toBe("two");
  });

  it("refuses a waiting write after its maximum wait, without running it", async () => {
    const gate = new ColdWrites(true);
    const log: string[] = [];
    const stuck = controlled<string>(log, "stuck");
    const waiting = controlled<string>(log, "waiting");
    void gate.run(stuck.write, options(5_000)).catch(() => undefined);
    const started = Date.now();
    await expect(gate.run(waiting.write, options(100))).rejects.toBeInstanceOf(Refused);
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
    expect(log).toEqual(["start stuck"]);
    stuck.finish("late");
  });

  it("goes cold again when marked so (a later lost connection)", async () => {
    const gate = new ColdWrites(false);
    gate.markCold();
    expect(gate.isCold).toBe(true);
  });
});

/** Which driver failures make the writes cold: a lost connection, never a stall or a busy pool. */
describe("lostConnection", () => {
  it.each([
    "ServiceUnavailable",
    "SessionExpired",
    "ProtocolError",
    "Neo.TransientError.General.DatabaseUnavailable",
  ])("%s is a lost connection", (code) =>
    expect(lostConnection(new Neo4jError("x", code, "50N42", "x"))).toBe(true),
  );
  it("a deadline (Neo4j stalled), a busy pool or a deadlock is not", () => {
    expect(lostConnection(new DeadlineExceeded(4_500))).toBe(false);
    expect(lostConnection(new Neo4jError("Connection acquisition timed out", "N/A", "50N42", "x"))).toBe(
      false,
    );
    expect(
      lostConnection(new Neo4jError("x", "Neo.TransientError.Transaction.DeadlockDetected", "50N42", "x")),
    ).toBe(false);
  });
});
