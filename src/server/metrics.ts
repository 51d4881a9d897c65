import type { ApolloServerPlugin } from "@apollo/server";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import { GraphQLError } from "graphql";
import type { Driver } from "neo4j-driver";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { Context } from "../context";
import type { QueryObserver, QueryStats } from "../db/database";
import { BoundedLabels, OTHER, codeLabel, exportFormatOf, methodOf, operationLabel, routeOf } from "./labels";

/** Prefix of the service's own metrics; the default process metrics keep their usual names. */
export const PREFIX = "kennisgraaf_";

/** At most this many operation labels; later new operations count under `_other`. */
const MAX_OPERATIONS = 200;

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const COST = [1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000];
const ROUND_TRIPS = [0, 1, 2, 3, 4, 6, 8, 12, 20, 50];
const BYTES = [1e3, 1e4, 1e5, 1e6, 1e7, 1e8];

const QUERY_OUTCOMES = new Set(["SERVICE_UNAVAILABLE", "QUERY_TIMEOUT", "QUERY_TOO_COMPLEX"]);

export interface MetricsOptions {
  /** The default Node.js process metrics (heap, event-loop lag, GC, CPU); default on. */
  processMetrics?: boolean;
}

/**
 * The service's Prometheus metrics in their own registry (prom-client). One per process in production;
 * tests make their own to read exact counts.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly operations = new BoundedLabels(MAX_OPERATIONS);
  /** Neo4j seconds per request, summed over its round trips (overlapping ones add up). */
  private readonly neo4jSeconds = new WeakMap<QueryStats, number>();
  private readonly drivers = new Set<Driver>();
  private readinessChecks: (() => Promise<boolean>)[] = [];

  readonly httpRequests = new Counter({
    name: `${PREFIX}http_requests_total`,
    help: "HTTP requests by route, method and status.",
    labelNames: ["route", "method", "status"] as const,
    registers: [this.registry],
  });
  readonly httpDuration = new Histogram({
    name: `${PREFIX}http_request_duration_seconds`,
    help: "Time from the request's arrival until its response was sent, by route.",
    labelNames: ["route", "method"] as const,
    buckets: SECONDS,
    registers: [this.registry],
  });
  readonly graphqlRequests = new Counter({
    name: `${PREFIX}graphql_requests_total`,
    help: "GraphQL operations by operation (trusted name or root fields), outcome code (OK or the first error's code) and HTTP status.",
    labelNames: ["operation", "code", "status"] as const,
    registers: [this.registry],
  });
  readonly graphqlDuration = new Histogram({
    name: `${PREFIX}graphql_request_duration_seconds`,
    help: "Duration of GraphQL operations (parse to response), by operation.",
    labelNames: ["operation"] as const,
    buckets: SECONDS,
    registers: [this.registry],
  });
  readonly queryCost = new Histogram({
    name: `${PREFIX}graphql_query_cost`,
    help: "Estimated cost of GraphQL operations (the figure MAX_QUERY_COST and the rate limit use).",
    labelNames: ["operation"] as const,
    buckets: COST,
    registers: [this.registry],
  });
  readonly roundTrips = new Histogram({
    name: `${PREFIX}graphql_neo4j_round_trips`,
    help: "Neo4j round trips per GraphQL operation.",
    labelNames: ["operation"] as const,
    buckets: ROUND_TRIPS,
    registers: [this.registry],
  });
  readonly neo4jPerRequest = new Histogram({
    name: `${PREFIX}graphql_neo4j_seconds`,
    help: "Time spent waiting on Neo4j per GraphQL operation (round trips summed).",
    labelNames: ["operation"] as const,
    buckets: SECONDS,
    registers: [this.registry],
  });
  readonly queryDuration = new Histogram({
    name: `${PREFIX}neo4j_query_duration_seconds`,
    help: "Duration of single Neo4j round trips, by access mode and outcome.",
    labelNames: ["access", "outcome"] as const,
    buckets: SECONDS,
    registers: [this.registry],
  });
  readonly acquisitionTimeouts = new Counter({
    name: `${PREFIX}neo4j_pool_acquisition_timeouts_total`,
    help: "Round trips that failed because no pooled connection became free in time.",
    registers: [this.registry],
  });
  readonly rateLimited = new Counter({
    name: `${PREFIX}rate_limit_rejections_total`,
    help: "Operations refused by the cost rate limit (429), by the caller's role.",
    labelNames: ["role"] as const,
    registers: [this.registry],
  });
  readonly exportDuration = new Histogram({
    name: `${PREFIX}export_duration_seconds`,
    help: "Duration of network exports (query, analytics and streaming), by format and status.",
    labelNames: ["format", "status"] as const,
    buckets: SECONDS,
    registers: [this.registry],
  });
  readonly exportSize = new Histogram({
    name: `${PREFIX}export_size_bytes`,
    help: "Size of successful network exports, by format.",
    labelNames: ["format"] as const,
    buckets: BYTES,
    registers: [this.registry],
  });

  constructor(options: MetricsOptions = {}) {
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: this.registry });
    const pool = (read: (p: PoolInternals) => number) => () => {
      let total = 0;
      for (const driver of this.drivers) {
        const internals = poolOf(driver);
        if (internals) total += read(internals);
      }
      return total;
    };
    const inUse = pool((p) => sum(p._activeResourceCounts));
    const idle = pool((p) => sum(p._pools, (s) => s.length));
    const waiting = pool((p) => sum(p._acquireRequests, (q) => q.length));
    new Gauge({
      name: `${PREFIX}neo4j_pool_connections`,
      help: "Connections of the Neo4j driver's pool, in use and idle.",
      labelNames: ["state"] as const,
      registers: [this.registry],
      collect() {
        this.set({ state: "in_use" }, inUse());
        this.set({ state: "idle" }, idle());
      },
    });
    const checks = () => this.readinessChecks;
    new Gauge({
      name: `${PREFIX}ready`,
      help: "1 while the service can serve (Neo4j answers within 2 s, as /readyz checks), else 0.",
      registers: [this.registry],
      async collect() {
        const results = await Promise.all(checks().map((check) => check()));
        this.set(results.every(Boolean) ? 1 : 0);
      },
    });
    new Gauge({
      name: `${PREFIX}neo4j_pool_acquisitions_waiting`,
      help: "Round trips waiting for a pooled connection right now (pool exhausted).",
      registers: [this.registry],
      collect() {
        this.set(waiting());
      },
    });
  }

  /** `kennisgraaf_ready` is 1 while every check passes at scrape time (Neo4j answers, as /readyz asks). */
  watchReadiness(check: () => Promise<boolean>): void {
    this.readinessChecks.push(check);
  }

  /** The pool gauges read this driver's pool at scrape time. */
  watchPool(driver: Driver): void {
    this.drivers.add(driver);
  }

  /** Times every round trip of requests; register with `database.observe`. */
  readonly queryObserver: QueryObserver = ({ access, stats }) => {
    const started = process.hrtime.bigint();
    return (error) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      this.neo4jSeconds.set(stats, (this.neo4jSeconds.get(stats) ?? 0) + seconds);
      this.queryDuration.observe({ access, outcome: queryOutcome(error) }, seconds);
      if (error instanceof Error && error.message.includes("acquisition timed out"))
        this.acquisitionTimeouts.inc();
    };
  };

  /** Counts and times every HTTP request by route; mount first. */
  readonly httpMiddleware: RequestHandler = (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    res.once("close", () => {
      const route = routeOf(req);
      const method = methodOf(req);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      this.httpRequests.inc({ route, method, status: String(res.statusCode) });
      this.httpDuration.observe({ route, method }, seconds);
    });
    next();
  };

  /** Times network exports and counts their bytes; mount on /export in front of the router. */
  readonly exportMiddleware: RequestHandler = (req: Request, res: Response, next: NextFunction) => {
    const format = exportFormatOf(req);
    if (format === OTHER) return next();
    const started = process.hrtime.bigint();
    const bytes = countBytes(res);
    res.once("close", () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      this.exportDuration.observe({ format, status: String(res.statusCode) }, seconds);
      if (res.statusCode === 200 && res.writableFinished) this.exportSize.observe({ format }, bytes());
    });
    next();
  };

  /** Serves the registry in Prometheus' text format. */
  readonly handler: RequestHandler = (_req: Request, res: Response) => {
    this.registry.metrics().then(
      (text) => res.type(this.registry.contentType).send(text),
      () => res.status(500).type("text/plain").send("metrics unavailable\n"),
    );
  };

  /**
   * Per GraphQL operation: count by operation, outcome code and status; duration, cost, round trips and
   * Neo4j time; rate-limit rejections by role. `trusted`: only trusted documents run, so their operation
   * names may be labels.
   */
  apolloPlugin(trusted: boolean): ApolloServerPlugin<Context> {
    return {
      requestDidStart: async () => {
        const started = process.hrtime.bigint();
        return {
          willSendResponse: async ({ document, operation, response, contextValue }) => {
            const seconds = Number(process.hrtime.bigint() - started) / 1e9;
            const name = this.operations.label(operationLabel(document, operation, trusted));
            const errors = response.body.kind === "single" ? response.body.singleResult.errors : undefined;
            const code = errors?.length ? codeLabel(errors[0]?.extensions?.code) : "OK";
            const status = String(response.http.status ?? 200);
            this.graphqlRequests.inc({ operation: name, code, status });
            this.graphqlDuration.observe({ operation: name }, seconds);
            if (operation) this.queryCost.observe({ operation: name }, contextValue.cost);
            this.roundTrips.observe({ operation: name }, contextValue.stats.roundTrips);
            this.neo4jPerRequest.observe({ operation: name }, this.neo4jSeconds.get(contextValue.stats) ?? 0);
            if (errors?.some((e) => e.extensions?.code === "RATE_LIMITED")) {
              this.rateLimited.inc({ role: contextValue.user.role });
            }
          },
        };
      },
    };
  }
}

function queryOutcome(error: unknown): string {
  if (error === undefined) return "ok";
  const code = error instanceof GraphQLError ? String(error.extensions.code ?? "") : "";
  return QUERY_OUTCOMES.has(code) ? code : "error";
}

/** Counts the bytes a response writes (exports stream without a Content-Length). */
function countBytes(res: Response): () => number {
  let bytes = 0;
  const add = (chunk: unknown): void => {
    if (typeof chunk === "string") bytes += Buffer.byteLength(chunk);
    else if (chunk instanceof Uint8Array) bytes += chunk.byteLength;
  };
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => Response;
  res.write = ((...args: unknown[]) => {
    add(args[0]);
    return write(...args);
  }) as Response["write"];
  res.end = ((...args: unknown[]) => {
    if (typeof args[0] !== "function") add(args[0]);
    return end(...args);
  }) as Response["end"];
  return () => bytes;
}

/**
 * neo4j-driver 6 has no public pool statistics; its pool keeps them in these fields. Read at scrape time
 * only and checked for shape, so a driver that changes them yields zeros, never an error (see ADR 0031;
 * a test fails on the pinned version if they move).
 */
interface PoolInternals {
  _activeResourceCounts: Record<string, number>;
  _pools: Record<string, { length: number }>;
  _acquireRequests: Record<string, unknown[]>;
}

export function poolOf(driver: Driver): PoolInternals | undefined {
  const provider = (driver as unknown as { _connectionProvider?: { _connectionPool?: unknown } | null })
    ._connectionProvider;
  const pool = provider?._connectionPool as Partial<PoolInternals> | undefined;
  if (
    !pool ||
    typeof pool._activeResourceCounts !== "object" ||
    typeof pool._pools !== "object" ||
    typeof pool._acquireRequests !== "object"
  )
    return undefined;
  return pool as PoolInternals;
}

function sum<T>(record: Record<string, T>, value: (t: T) => number = (t) => Number(t)): number {
  let total = 0;
  for (const item of Object.values(record)) total += value(item) || 0;
  return total;
}
