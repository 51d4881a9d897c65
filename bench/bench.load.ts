import { performance } from "node:perf_hooks";
import autocannon from "autocannon";
import neo4j, { type Driver } from "neo4j-driver";
import type { CypherRequest, GraphQLRequest } from "./bench.operations";

/** Load generators: autocannon against an HTTP GraphQL endpoint, and a driver-level loop for raw Cypher. */

export interface LoadOptions {
  /** Concurrent connections (HTTP) or in-flight queries (driver). */
  concurrency: number;
  durationS: number;
}

export interface LatencyStats {
  requests: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  /**
   * Requests per second the way sustains: concurrency / mean latency (Little's law for a closed loop
   * that always has `concurrency` requests in flight). Unlike completed/elapsed it is not skewed by the
   * requests in flight when a timed window closes, which matters for operations taking seconds.
   */
  throughput: number;
  /** Requests completed per second of measuring, edge effects included. */
  completedPerSecond: number;
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
}

/** What one stretch of load produced; stretches of the same way are merged before summarising. */
export interface Samples {
  latencies: number[];
  errors: number;
  elapsedMs: number;
  /** The first error seen, to say what failed. */
  firstError?: string;
}

export function mergeSamples(list: Samples[]): Samples {
  return {
    latencies: list.flatMap((s) => s.latencies),
    errors: list.reduce((n, s) => n + s.errors, 0),
    elapsedMs: list.reduce((n, s) => n + s.elapsedMs, 0),
    firstError: list.find((s) => s.firstError)?.firstError,
  };
}

export function summarize({ latencies, errors, elapsedMs }: Samples, concurrency: number): LatencyStats {
  const sorted = [...latencies].sort((a, b) => a - b);
  const total = sorted.reduce((s, v) => s + v, 0);
  const mean = sorted.length ? total / sorted.length : Number.NaN;
  return {
    requests: sorted.length,
    errors,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    mean,
    throughput: sorted.length ? (concurrency * 1000) / mean : 0,
    completedPerSecond: elapsedMs > 0 ? (sorted.length * 1000) / elapsedMs : 0,
  };
}

/** "CODE: message" of a GraphQL error body. */
function errorOf(body: unknown): string {
  try {
    const parsed = JSON.parse(String(body)) as GraphQLBody;
    const error = parsed.errors?.[0];
    return `${String(error?.extensions?.code ?? "ERROR")}: ${error?.message ?? ""}`.slice(0, 200);
  } catch {
    return String(body).slice(0, 200);
  }
}

function autocannonRun(
  url: string,
  request: GraphQLRequest,
  limit: { connections: number; duration?: number; amount?: number },
): Promise<Samples> {
  const latencies: number[] = [];
  let firstError: string | undefined;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(request),
        ...limit,
        timeout: 60,
        // A GraphQL error still answers 200: look for the top-level `errors` list.
        verifyBody: (body: unknown) => {
          const ok = typeof body === "string" && !body.includes('"errors":[');
          if (!ok) firstError ??= errorOf(body);
          return ok;
        },
      },
      (error: unknown, result: autocannon.Result) => {
        if (error) reject(error instanceof Error ? error : new Error(String(error)));
        else
          resolve({
            latencies,
            errors: result.errors + result.non2xx + result.mismatches,
            elapsedMs: performance.now() - started,
            firstError:
              firstError ??
              (result.errors + result.non2xx > 0
                ? `${result.non2xx} non-2xx, ${result.timeouts} timeouts`
                : undefined),
          });
      },
    );
    instance.on("response", (_client, statusCode: number, _bytes: number, responseTime: number) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
      else firstError ??= `HTTP ${statusCode}`;
    });
    instance.on("reqError", (error: unknown) => {
      firstError ??= error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    });
  });
}

/**
 * POSTs the operation for `durationS` seconds over `concurrency` keep-alive connections. Latencies are
 * taken per response (autocannon's own summary has no p95). Non-2xx responses are errors and not
 * latencies; a 200 with GraphQL `errors` is counted as an error (its latency stays in: a failed run is
 * reported as failed, not as fast). Requests still in flight when the time is up are dropped by
 * autocannon, so a slow operation that completed fewer than one request per connection is run once
 * more by request count (waiting for every answer).
 */
export async function httpLoad(url: string, request: GraphQLRequest, options: LoadOptions): Promise<Samples> {
  const timed = await autocannonRun(url, request, {
    connections: options.concurrency,
    duration: options.durationS,
  });
  if (timed.latencies.length >= options.concurrency) return timed;
  const counted = await autocannonRun(url, request, {
    connections: options.concurrency,
    amount: options.concurrency,
  });
  return mergeSamples([timed, counted]);
}

/**
 * Runs the Cypher in `concurrency` parallel loops for `durationS` seconds through the driver, as the
 * service does (executeQuery, READ routing, records turned into plain objects).
 */
export async function driverLoad(
  driver: Driver,
  request: CypherRequest,
  options: LoadOptions,
): Promise<Samples> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const end = started + options.durationS * 1000;
  const loop = async (): Promise<void> => {
    while (performance.now() < end) {
      const t0 = performance.now();
      try {
        const result = await driver.executeQuery(request.cypher, request.params, {
          routing: neo4j.routing.READ,
        });
        result.records.map((r) => r.toObject());
        latencies.push(performance.now() - t0);
      } catch (error) {
        errors++;
        firstError ??= error instanceof Error ? error.message.split("\n")[0] : String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, loop));
  return { latencies, errors, elapsedMs: performance.now() - started, firstError };
}

/** One POST, for checking an operation before loading it and for reading `extensions`. */
export async function postOnce(
  url: string,
  request: GraphQLRequest,
): Promise<{ status: number; body: GraphQLBody; bytes: number; ms: number }> {
  const t0 = performance.now();
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(request),
  });
  const text = await response.text();
  const ms = performance.now() - t0;
  let body: GraphQLBody;
  try {
    body = JSON.parse(text) as GraphQLBody;
  } catch {
    body = { errors: [{ message: `not JSON: ${text.slice(0, 200)}` }] };
  }
  return { status: response.status, body, bytes: Buffer.byteLength(text), ms };
}

export interface GraphQLBody {
  data?: unknown;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
  extensions?: {
    roundTrips?: number;
    cost?: { requestedQueryCost: number; actualQueryCost: number };
  } & Record<string, unknown>;
}
