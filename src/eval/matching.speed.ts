import type { Database } from "../db/database";
import { createLogger } from "../logger";
import { createSchema } from "../schema";
import { createApp, listen } from "../server/app";

/**
 * Latency of partnerSuggestions through the real HTTP server (in this process, on a free port):
 * a simple sequential loop of requests for organisations spread over the graph, after a warm-up.
 */

export interface SpeedResult {
  requests: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  roundTrips: number;
  errors: number;
}

const QUERY = `query ($org: ID!, $mode: MatchMode) {
  partnerSuggestions(organisation: $org, mode: $mode, first: 10) {
    rank score explanation organisation { key name }
    components { name weight value contribution explanation }
    sharedTopics { topic { key name } organisationCount }
    paths { kind notation explanation }
  }
}`;

export async function measureSpeed(
  db: Database,
  organisations: string[],
  options: { requests: number; warmup: number },
): Promise<SpeedResult> {
  const app = await createApp({
    schema: await createSchema(),
    database: db,
    logger: createLogger("silent"),
    maxDepth: 10,
    maxCost: 5000,
    graphiql: false,
    introspection: false,
  });
  const port = await listen(app.httpServer, "127.0.0.1", 0);
  const url = `http://127.0.0.1:${port}/graphql`;
  const times: number[] = [];
  let roundTrips = 0;
  let errors = 0;
  try {
    for (let i = 0; i < options.warmup + options.requests; i++) {
      const org = organisations[(i * 7919) % organisations.length] as string;
      const started = process.hrtime.bigint();
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: QUERY, variables: { org, mode: i % 2 ? "SIMILAR" : "COMPLEMENTARY" } }),
      });
      const body = (await response.json()) as { errors?: unknown[]; extensions?: { roundTrips?: number } };
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (i < options.warmup) continue;
      times.push(ms);
      if (body.errors) errors++;
      roundTrips = Math.max(roundTrips, body.extensions?.roundTrips ?? 0);
    }
  } finally {
    await app.stop();
  }
  times.sort((a, b) => a - b);
  const q = (p: number): number => times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? 0;
  return { requests: times.length, p50: q(0.5), p95: q(0.95), p99: q(0.99), max: q(1), roundTrips, errors };
}
