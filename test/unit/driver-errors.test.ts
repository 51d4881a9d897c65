import { Neo4jError } from "neo4j-driver";
import { GraphQLError } from "graphql";
import { DeadlineExceeded, translateDriverError, withDeadline } from "../../src/db/database";

const codeOf = (error: unknown): unknown => (error instanceof GraphQLError ? error.extensions.code : error);
const retryable = (error: unknown): unknown =>
  error instanceof GraphQLError ? error.extensions.retryable : undefined;

/** The driver's failures as the API's codes: what may pass on retry says so. */
describe("translateDriverError", () => {
  it.each([
    [
      "a deadlock past the retry window",
      "Neo.TransientError.Transaction.DeadlockDetected",
      "SERVICE_UNAVAILABLE",
    ],
    ["a leader switch", "Neo.TransientError.Cluster.NotALeader", "SERVICE_UNAVAILABLE"],
    ["a lost connection", "ServiceUnavailable", "SERVICE_UNAVAILABLE"],
    ["an expired session", "SessionExpired", "SERVICE_UNAVAILABLE"],
    ["a connection broken mid-exchange", "ProtocolError", "SERVICE_UNAVAILABLE"],
  ])("maps %s (%s) to a retryable %s", (_name, code, expected) => {
    const error = translateDriverError(new Neo4jError("x", code, "50N42", "x"), 1000);
    expect(codeOf(error)).toBe(expected);
    expect(retryable(error)).toBe(true);
  });

  it("maps a pool acquisition timeout to a retryable SERVICE_UNAVAILABLE", () => {
    const error = translateDriverError(
      new Neo4jError("Connection acquisition timed out in 10000 ms. Pool status: …", "N/A", "50N42", "x"),
      1000,
    );
    expect(codeOf(error)).toBe("SERVICE_UNAVAILABLE");
    expect(retryable(error)).toBe(true);
  });

  it("maps a transaction timeout to QUERY_TIMEOUT, which a retry does not fix", () => {
    const error = translateDriverError(
      new Neo4jError("x", "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration", "50N42", "x"),
      1000,
    );
    expect(codeOf(error)).toBe("QUERY_TIMEOUT");
    expect(retryable(error)).toBeUndefined();
  });

  it("leaves a syntax error an internal error (a bug, not the client's)", () => {
    const original = new Neo4jError("x", "Neo.ClientError.Statement.SyntaxError", "42001", "x");
    expect(translateDriverError(original, 1000)).toBe(original);
  });
});

describe("withDeadline", () => {
  it("gives up on work that never answers", async () => {
    const never = new Promise<never>(() => undefined);
    const started = Date.now();
    await expect(withDeadline(never, 50)).rejects.toBeInstanceOf(DeadlineExceeded);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(codeOf(translateDriverError(new DeadlineExceeded(50), 1000))).toBe("SERVICE_UNAVAILABLE");
  });

  it("passes the answer of work that finishes in time", async () => {
    await expect(withDeadline(Promise.resolve(7), 1_000)).resolves.toBe(7);
  });
});
