import neo4j, { type Driver, type ManagedTransaction, Neo4jError, type Session } from "neo4j-driver";
import { AppError, ErrorCode, queryTimeout, serviceUnavailable } from "../errors";

export type Params = Record<string, unknown>;
export type Row = Record<string, unknown>;

export interface DatabaseOptions {
  uri: string;
  user: string;
  password: string;
  database?: string;
  queryTimeoutMs: number;
  /**
   * The driver records a stack trace for every query result (to decorate later errors). Off in
   * production: it is pure CPU on the hot path, and our errors are translated and logged without it.
   */
  stackTraces?: boolean;
}

/** Counts the driver round trips one GraphQL request makes (reported in `extensions.roundTrips`). */
export class QueryStats {
  roundTrips = 0;
}

/** One round trip as observers see it: the Cypher text (reads) is the statement, never its parameters. */
export interface ObservedQuery {
  access: "read" | "write";
  cypher: string | undefined;
  stats: QueryStats;
}

/**
 * Watches the round trips of requests (metrics, traces). `start` runs as a round trip begins; the function
 * it returns runs when it ends, with the (translated) error when it failed.
 */
export type QueryObserver = (query: ObservedQuery) => (error?: unknown) => void;

/** What repositories run Cypher through: one call is one round trip to Neo4j. */
export interface Queryable {
  read(cypher: string, params?: Params): Promise<Row[]>;
  write<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T>;
}

const UNAVAILABLE_CODES = new Set([
  "ServiceUnavailable",
  "SessionExpired",
  // The driver's word for a connection that broke mid-exchange (seen while Neo4j restarts under load).
  "ProtocolError",
  "Neo.TransientError.General.DatabaseUnavailable",
  "Neo.ClientError.Database.DatabaseNotFound",
]);

/** Time the driver may take beyond the server-side transaction timeout before the client gives up. */
export const CLIENT_DEADLINE_MARGIN_MS = 1_500;

/** Translates driver failures into the API's coded errors; anything else stays an internal error. */
export function translateDriverError(error: unknown, queryTimeoutMs: number): unknown {
  if (error instanceof DeadlineExceeded) return serviceUnavailable(`no answer within ${error.ms} ms`);
  if (!(error instanceof Neo4jError)) return error;
  if (UNAVAILABLE_CODES.has(error.code))
    return serviceUnavailable(error.code === "SessionExpired" ? "session expired" : "no connection");
  // A transaction stopped at its timeout surfaces as a timeout, or as a lock client stopped mid-query.
  if (
    error.code.startsWith("Neo.ClientError.Transaction.TransactionTimedOut") ||
    error.code.endsWith("Transaction.LockClientStopped")
  )
    return queryTimeout(queryTimeoutMs);
  if (error.code === "Neo.TransientError.General.MemoryPoolOutOfMemoryError")
    return new AppError(
      ErrorCode.QUERY_TOO_COMPLEX,
      "The database query needed more memory than one request may use; narrow the request.",
    );
  // Pool exhaustion, deadlocks past the retry window, leader switches: the same request may pass later.
  if (error.message.startsWith("Connection acquisition timed out"))
    return serviceUnavailable("all connections are busy");
  if (error.retryable || error.code.includes("TransientError"))
    return serviceUnavailable("the database is busy (transient error)");
  return error;
}

/** The client-side deadline passed: the database did not answer at all (stalled, partitioned). */
export class DeadlineExceeded extends Error {
  constructor(readonly ms: number) {
    super(`no answer within ${ms} ms`);
  }
}

/**
 * Races the work against a deadline. Neo4j enforces the transaction timeout itself, but a frozen server
 * (GC pause, SIGSTOP, network partition) enforces nothing: the client must stop waiting on its own.
 * The abandoned work finishes or fails later; its connection returns to the pool then.
 */
export async function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineExceeded(ms)), ms);
  });
  work.catch(() => undefined); // a late failure of abandoned work is not unhandled
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** One driver per process; reads are auto-commit READ sessions (secondaries in a cluster), see 0045. */
export class Database implements Queryable {
  readonly driver: Driver;
  private readonly database: string | undefined;
  private readonly queryTimeoutMs: number;
  private readonly stackTraces: boolean;
  private readonly observers = new Set<QueryObserver>();

  constructor(options: DatabaseOptions) {
    this.driver = neo4j.driver(options.uri, neo4j.auth.basic(options.user, options.password), {
      disableLosslessIntegers: true,
      connectionTimeout: 5_000,
      connectionAcquisitionTimeout: 10_000,
      maxTransactionRetryTime: 5_000,
      maxConnectionPoolSize: 50,
      userAgent: "zorgwelzijn-kennisgraaf/0.1",
    });
    this.database = options.database;
    this.queryTimeoutMs = options.queryTimeoutMs;
    this.stackTraces = options.stackTraces ?? true;
  }

  /** Starts an auto-commit query; the driver builds its Result (and the stack it captures) synchronously. */
  private run(session: Session, cypher: string, params: Params) {
    if (this.stackTraces) return session.run(cypher, params, { timeout: this.queryTimeoutMs });
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      return session.run(cypher, params, { timeout: this.queryTimeoutMs });
    } finally {
      Error.stackTraceLimit = limit;
    }
  }

  /**
   * One auto-commit read (RUN + PULL in one write to the socket): no BEGIN/COMMIT and no bookmark
   * manager. `bookmarks` are passed only after a write of the same request (read-your-writes).
   */
  async read(cypher: string, params: Params = {}, bookmarks?: readonly string[]): Promise<Row[]> {
    const session = this.driver.session({
      database: this.database,
      defaultAccessMode: neo4j.session.READ,
      bookmarks: bookmarks && bookmarks.length > 0 ? [...bookmarks] : undefined,
    });
    try {
      const records = await withDeadline(
        (async () => (await this.run(session, cypher, params)).records)(),
        this.queryTimeoutMs + CLIENT_DEADLINE_MARGIN_MS,
      );
      return records.map((r) => r.toObject());
    } catch (error) {
      throw translateDriverError(error, this.queryTimeoutMs);
    } finally {
      // A session abandoned at the deadline closes when its work ends; never wait for that here.
      void session.close().catch(() => undefined);
    }
  }

  /** One managed write transaction (retried on transient errors); `committed` receives its bookmarks. */
  async write<T>(
    work: (tx: ManagedTransaction) => Promise<T>,
    timeoutMs = this.queryTimeoutMs,
    committed?: (bookmarks: string[]) => void,
  ): Promise<T> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.WRITE });
    try {
      const result = await withDeadline(
        session.executeWrite(work, { timeout: timeoutMs }),
        timeoutMs + CLIENT_DEADLINE_MARGIN_MS,
      );
      committed?.(session.lastBookmarks());
      return result;
    } catch (error) {
      throw translateDriverError(error, timeoutMs);
    } finally {
      // A session abandoned at the deadline closes when its work ends; never wait for that here.
      void session.close().catch(() => undefined);
    }
  }

  /** Answers only when Neo4j runs a query within the time limit. */
  async ping(timeoutMs = 2_000): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([
        this.driver.executeQuery(
          "RETURN 1 AS ok",
          {},
          { database: this.database, routing: neo4j.routing.READ },
        ),
        timeout,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Adds an observer of every request's round trips; returns the function that removes it. */
  observe(observer: QueryObserver): () => void {
    this.observers.add(observer);
    return () => this.observers.delete(observer);
  }

  /** A view of the database that counts (and lets observers see) the round trips of one request. */
  forRequest(stats: QueryStats): Queryable {
    const counted = <T>(query: ObservedQuery, run: () => Promise<T>): Promise<T> => {
      stats.roundTrips++;
      if (this.observers.size === 0) return run();
      const ends = [...this.observers].map((observe) => observe(query));
      return run().then(
        (value) => {
          for (const end of ends) end();
          return value;
        },
        (error: unknown) => {
          for (const end of ends) end(error);
          throw error;
        },
      );
    };
    // Reads after a write of this request carry its bookmarks (read-your-writes in a cluster too).
    let bookmarks: string[] = [];
    return {
      read: (cypher, params) =>
        counted({ access: "read", cypher, stats }, () => this.read(cypher, params, bookmarks)),
      write: (work) =>
        counted({ access: "write", cypher: undefined, stats }, () =>
          this.write(work, this.queryTimeoutMs, (b) => {
            bookmarks = b;
          }),
        ),
    };
  }

  close(): Promise<void> {
    return this.driver.close();
  }
}

/**
 * Waits until Neo4j answers, for at most `timeoutMs`. Wrong credentials fail at once (they will not fix
 * themselves); an unreachable server is retried until the deadline.
 */
export async function waitForDatabase(
  db: Database,
  timeoutMs: number,
  log: (m: string) => void,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 1; ; attempt++) {
    try {
      await db.driver.getServerInfo();
      return;
    } catch (error) {
      const code = error instanceof Neo4jError ? error.code : "";
      const message = error instanceof Error ? error.message : String(error);
      if (code.startsWith("Neo.ClientError.Security.")) {
        throw new Error(`Neo4j refused the credentials (${code}). Check NEO4J_USER and NEO4J_PASSWORD.`, {
          cause: error,
        });
      }
      const reason = message.split("\n")[0] ?? message;
      if (Date.now() >= deadline) {
        throw new Error(`Neo4j did not answer within ${timeoutMs / 1000} s: ${reason}`, { cause: error });
      }
      if (attempt === 1) log(`waiting for Neo4j: ${reason}`);
      await new Promise((r) => setTimeout(r, Math.min(1000 * attempt, 3000)));
    }
  }
}
