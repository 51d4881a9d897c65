import "reflect-metadata";
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import { Database, waitForDatabase } from "../src/db/database";
import { applyGraphSchema } from "../src/db/graph-schema";
import { type LocalNeo4j, findFreePort, startLocalNeo4j } from "../src/db/local-neo4j";
import { projectPath } from "../src/paths";
import { loadSeed, validateSeedDir } from "../src/seed";
import { type LatencyStats, httpLoad, summarize } from "./bench.load";
import type { GraphQLRequest } from "./bench.operations";
import { ProcessProbe, type ServerProcess, startServer } from "./bench.processes";

/**
 * What metrics and traces cost: the service under the same load three ways (neither, metrics as in
 * production, metrics and traces to a local OTLP sink that drops them), rounds interleaved so that drift
 * of a shared machine spreads over all ways. `npm run bench:metrics`; needs a quiet machine.
 * BENCH_METRICS_DURATION_S (default 20), BENCH_METRICS_ROUNDS (2), BENCH_METRICS_CONCURRENCY (10).
 */

const DURATION_S = Number(process.env.BENCH_METRICS_DURATION_S ?? 20);
const ROUNDS = Number(process.env.BENCH_METRICS_ROUNDS ?? 2);
const CONCURRENCY = Number(process.env.BENCH_METRICS_CONCURRENCY ?? 10);
const WARM_UP_S = 3;

const OPERATIONS: { name: string; request: GraphQLRequest }[] = [
  { name: "province (cheap)", request: { query: `{ province(code: "PV30") { code name } }`, variables: {} } },
  {
    name: "organisations(first: 20) with topics",
    request: {
      query: `{ organisations(first: 20) { edges { node { id name kind topics { id name } } } } }`,
      variables: {},
    },
  },
];

type Way = "off" | "metrics" | "metrics+traces";
const WAYS: Way[] = ["off", "metrics", "metrics+traces"];

interface Measured {
  way: Way;
  operation: string;
  stats: LatencyStats;
  cpuMsPerRequest: number | undefined;
}

const log = (message: string): void => console.log(`[bench:metrics] ${message}`);

/** Accepts OTLP posts and drops them: the exporter does its full work, nothing is kept. */
async function otlpSink(): Promise<{ url: string; close(): void }> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => res.writeHead(200, { "content-type": "application/json" }).end("{}"));
  });
  const port = await findFreePort(14600);
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${port}`, close: () => server.close() };
}

async function measure(server: ServerProcess, way: Way): Promise<Measured[]> {
  const results: Measured[] = [];
  for (const { name, request } of OPERATIONS) {
    await httpLoad(server.url, request, { concurrency: CONCURRENCY, durationS: WARM_UP_S });
    const probe = new ProcessProbe(server.pid);
    probe.start();
    const samples = await httpLoad(server.url, request, { concurrency: CONCURRENCY, durationS: DURATION_S });
    const used = probe.stop();
    const stats = summarize(samples, CONCURRENCY);
    results.push({
      way,
      operation: name,
      stats,
      cpuMsPerRequest: used.cpuMs !== undefined && stats.requests ? used.cpuMs / stats.requests : undefined,
    });
    log(
      `${way.padEnd(15)} ${name}: ${stats.completedPerSecond.toFixed(0)} req/s, p50 ${stats.p50.toFixed(1)} ms`,
    );
  }
  return results;
}

function mean(values: number[]): number {
  return values.reduce((s, v) => s + v, 0) / Math.max(1, values.length);
}

function report(all: Measured[]): string {
  const lines = [
    "# Metrics and tracing overhead",
    "",
    `${new Date().toISOString()}; ${ROUNDS} interleaved rounds of ${DURATION_S} s per way and operation, ` +
      `${CONCURRENCY} connections, production settings (NODE_ENV=production, rate limit off).`,
    "",
    "| operation | way | req/s | vs off | p50 ms | p99 ms | CPU ms/request | errors |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const { name } of OPERATIONS) {
    const of = (way: Way) => all.filter((m) => m.operation === name && m.way === way);
    const baseline = mean(of("off").map((m) => m.stats.completedPerSecond));
    for (const way of WAYS) {
      const runs = of(way);
      const rps = mean(runs.map((m) => m.stats.completedPerSecond));
      const cpu = runs.map((m) => m.cpuMsPerRequest).filter((v): v is number => v !== undefined);
      lines.push(
        `| ${name} | ${way} | ${rps.toFixed(0)} | ${way === "off" ? "" : `${(((rps - baseline) / baseline) * 100).toFixed(1)} %`} | ` +
          `${mean(runs.map((m) => m.stats.p50)).toFixed(2)} | ${mean(runs.map((m) => m.stats.p99)).toFixed(2)} | ` +
          `${cpu.length ? mean(cpu).toFixed(3) : "n/a"} | ${runs.reduce((s, m) => s + m.stats.errors, 0)} |`,
      );
    }
  }
  return `${lines.join("\n")}\n`;
}

async function main(): Promise<void> {
  const runDir = projectPath("bench/.runs/metrics-overhead");
  rmSync(runDir, { recursive: true, force: true });
  mkdirSync(runDir, { recursive: true });
  let local: LocalNeo4j | undefined;
  let uri = process.env.NEO4J_URI;
  const sink = await otlpSink();
  const running: ServerProcess[] = [];
  try {
    if (!uri) {
      local = await startLocalNeo4j({ dataDir: `${runDir}/neo4j`, preferredPort: 17900, log });
      uri = local.uri;
      const db = new Database({ uri, user: "neo4j", password: "neo4j", queryTimeoutMs: 60_000 });
      await waitForDatabase(db, 30_000, log);
      await applyGraphSchema(db);
      await loadSeed(db, validateSeedDir());
      await db.close();
    }
    const base = {
      NEO4J_URI: uri,
      NODE_ENV: "production",
      SEED_DEMO_DATA: "false",
      LOG_LEVEL: "warn",
      AUTH_JWT_SECRET: randomBytes(32).toString("hex"),
      RATE_LIMIT_COST_PER_MINUTE: "0",
    };
    const env: Record<Way, Record<string, string>> = {
      off: { ...base, METRICS_ENABLED: "false" },
      metrics: { ...base, METRICS_PORT: String(await findFreePort(14700)) },
      "metrics+traces": {
        ...base,
        METRICS_PORT: String(await findFreePort(14750)),
        OTEL_EXPORTER_OTLP_ENDPOINT: sink.url,
      },
    };
    const all: Measured[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      for (const way of WAYS) {
        const port = await findFreePort(14400);
        const server = await startServer(way, projectPath("dist/src/main.js"), port, env[way]);
        running.push(server);
        log(`round ${round}/${ROUNDS}: ${way} (pid ${server.pid})`);
        all.push(...(await measure(server, way)));
        await server.stop();
        running.splice(running.indexOf(server), 1);
      }
    }
    const text = report(all);
    const file = projectPath("bench/metrics-overhead.results.md");
    writeFileSync(file, text);
    console.log(`\n${text}\nwritten to ${file}`);
  } finally {
    for (const server of running) await server.stop().catch(() => undefined);
    sink.close();
    await local?.stop().catch(() => undefined);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
