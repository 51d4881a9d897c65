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
  /** Completed requests per second. */
  throughput: number;
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
}

export function summarize(latenciesMs: number[], errors: number, elapsedMs: number): LatencyStats {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  const total = sorted.reduce((s, v) => s + v, 0);
  return {
    requests: sorted.length,
    errors,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    mean: sorted.length ? total / sorted.length : Number.NaN,
    throughput: elapsedMs > 0 ? (sorted.length * 1000) / elapsedMs : 0,
  };
}

/**
 * POSTs the operation for `durationS` seconds over `concurrency` keep-alive connections. Latencies are
 * taken per response (autocannon's own summary has no p95). Non-2xx responses are errors and not
 * latencies; a 200 with GraphQL `errors` is counted as an error (its latency stays in: a failed run is
 * reported as failed, not as fast).
 */
export function httpLoad(url: string, request: GraphQLRequest, options: LoadOptions): Promise<LatencyStats> {
  const latencies: number[] = [];
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(request),
        connections: options.concurrency,
        duration: options.durationS,
        timeout: 60,
        // A GraphQL error still answers 200: look for the top-level `errors` list.
        verifyBody: (body: unknown) => typeof body === "string" && !body.includes('"errors":['),
      },
      (error: unknown, result: autocannon.Result) => {
        if (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
          return;
        }
        const errors = result.errors + result.non2xx + result.mismatches;
        resolve(summarize(latencies, errors, performance.now() - started));
      },
    );
    instance.on("response", (_client, statusCode: number, _bytes: number, responseTime: number) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
    });
  });
}

/**
 * Runs the Cypher in `concurrency` parallel loops for `durationS` seconds through the driver, as the
 * service does (executeQuery, READ routing, records turned into plain objects).
 */
export async function driverLoad(driver: Driver, request: CypherRequest, options: LoadOptions): Promise<LatencyStats> {
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const end = started + options.durationS * 1000;
  const loop = async (): Promise<void> => {
    while (performance.now() < end) {
      const t0 = performance.now();
      try {
        const result = await driver.executeQuery(request.cypher, request.params, { routing: neo4j.routing.READ });
        result.records.map((r) => r.toObject());
        latencies.push(performance.now() - t0);
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, loop));
  return summarize(latencies, errors, performance.now() - started);
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
  extensions?: { roundTrips?: number; cost?: number } & Record<string, unknown>;
}
