import "reflect-metadata";
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import neo4j, { type Driver } from "neo4j-driver";
import { Database, waitForDatabase } from "../src/db/database";
import { applyGraphSchema } from "../src/db/graph-schema";
import { type LocalNeo4j, findFreePort, startLocalNeo4j } from "../src/db/local-neo4j";
import { projectPath } from "../src/paths";
import { createSchema } from "../src/schema";
import { loadSeed, totalCreated, validateSeedDir } from "../src/seed";
import { generateSynthetic } from "../src/seed/synthetic";
import { loadSyntheticReference, removeSynthetic, writeSynthetic } from "../src/seed/synthetic.store";
import {
  type LatencyStats,
  type LoadOptions,
  type Samples,
  driverLoad,
  httpLoad,
  mergeSamples,
  postOnce,
  summarize,
} from "./bench.load";
import {
  type BenchParams,
  type CypherRequest,
  type GraphQLRequest,
  OPERATIONS,
  type Operation,
} from "./bench.operations";
import { OPTIONAL_FIELDS, derivedOperation } from "./bench.optional";
import { busiestOrganisation, fixedParams, graphSize } from "./bench.params";
import { ProcessProbe, type ServerProcess, readMemory, startServer } from "./bench.processes";
import { Profiler, type RequestProfile } from "./bench.profile";
import {
  type OperationResult,
  type RunResult,
  type SizeInfo,
  type WayResult,
  writeResults,
} from "./bench.report";

/**
 * `npm run bench [-- --quick] [--sizes 1000,10000,50000] [--duration 5] [--rounds 2] [--warmup 2]
 *  [--connections 8] [--ops profile,search] [--no-write]`
 *
 * Starts its own Neo4j on a scratch directory (bench/.runs/), loads the factual seed and the synthetic
 * graph at each size, and measures the headline operations three ways: our service over HTTP (its own
 * process), hand-written Cypher through the driver, and @neo4j/graphql over HTTP. Writes the tables to
 * bench/RESULTS.md and everything measured to bench/.runs/<kind>/results.json.
 */

const HEAP_MIB = 1536;
const PAGE_CACHE_MIB = 512;

interface Settings {
  quick: boolean;
  sizes: number[];
  /** Seconds per measured round and way. */
  durationS: number;
  rounds: number;
  warmupS: number;
  concurrency: number;
  only: string[] | undefined;
  write: boolean;
  /** Only re-render RESULTS.md from this results.json (after a change to the report). */
  render: string | undefined;
  /** Node flags for the service only, e.g. "--max-old-space-size=160" or "--cpu-prof" (experiments). */
  serviceNodeOptions: string | undefined;
}

function settingsFrom(argv: string[]): Settings {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: "boolean", default: false },
      sizes: { type: "string" },
      duration: { type: "string" },
      warmup: { type: "string" },
      rounds: { type: "string" },
      connections: { type: "string" },
      ops: { type: "string" },
      "no-write": { type: "boolean", default: false },
      render: { type: "string" },
      "service-node-options": { type: "string" },
    },
  });
  const quick = values.quick ?? false;
  const number = (value: string | undefined, fallback: number, name: string): number => {
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number, got '${value}'`);
    return n;
  };
  const sizes = (values.sizes ?? (quick ? "1000,5000" : "1000,10000,50000")).split(",").map((s) => {
    const n = Number(s.trim());
    if (!Number.isInteger(n) || n < 1) throw new Error(`--sizes takes whole numbers, got '${s}'`);
    return n;
  });
  return {
    quick,
    sizes: [...sizes].sort((a, b) => a - b),
    durationS: number(values.duration, quick ? 1.5 : 5, "duration"),
    rounds: Math.round(number(values.rounds, quick ? 1 : 2, "rounds")),
    warmupS: number(values.warmup, quick ? 0.5 : 2, "warmup"),
    concurrency: number(values.connections, 8, "connections"),
    only: values.ops?.split(",").map((s) => s.trim()),
    write: !values["no-write"],
    render: values.render,
    serviceNodeOptions: values["service-node-options"] ?? startNodeOptions(),
  };
}

/** The Node flags `npm start` gives the service (its heap cap), so that the bench measures what ships. */
function startNodeOptions(): string | undefined {
  const pkg = JSON.parse(readFileSync(projectPath("package.json"), "utf8")) as { scripts: { start: string } };
  const heap = /--max-old-space-size=\$\{SERVICE_HEAP_MIB:-(\d+)\}/.exec(pkg.scripts.start);
  const mib = process.env.SERVICE_HEAP_MIB ?? heap?.[1];
  return mib ? `--max-old-space-size=${mib}` : undefined;
}

const log = (message: string): void =>
  console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
const fmt = (s: LatencyStats | undefined): string =>
  s
    ? `p50 ${s.p50.toFixed(1)} ms, ${s.throughput.toFixed(1)}/s${s.errors ? `, ${s.errors} errors` : ""}`
    : "—";
const message = (error: unknown): string =>
  (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "";

interface Harness {
  settings: Settings;
  service: ServerProcess;
  peer: ServerProcess;
  driver: Driver;
  profiler: Profiler;
  /** Starts the service or the peer again (after it died). */
  restart(name: "service" | "peer"): Promise<ServerProcess>;
  /** What happened during the run that a reader of the figures should know. */
  notes: string[];
}

/** A server that died (crashed, or killed by something else on the machine) is reported and restarted. */
async function ensureRunning(h: Harness, size: number, op: string): Promise<void> {
  for (const name of ["service", "peer"] as const) {
    const info = h[name].exitInfo();
    if (!info) continue;
    const tail = h[name].tail().split("\n").slice(-3).join(" | ");
    const note = `the ${name} ${info} before ${op} at ${size} organisations${tail ? ` (last output: ${tail.slice(0, 300)})` : ""}; restarted`;
    log(note);
    h.notes.push(note);
    h[name] = await h.restart(name);
  }
}

/** One way of running an operation: its checked sample, then its load runs. */
interface Way {
  result: WayResult;
  run?: (load: LoadOptions) => Promise<Samples>;
  /** The server process whose memory and CPU are measured. */
  pid?: number;
  /** CPU ms that process spent during the measured rounds. */
  cpuMs?: number;
  samples: Samples[];
}

/** An HTTP way: one checked sample request (round trips, size, bytes); failed samples are not loaded. */
async function httpWay(
  server: ServerProcess,
  request: GraphQLRequest,
  items: (data: unknown) => number | undefined,
): Promise<Way> {
  try {
    const sample = await postOnce(server.url, request);
    if (sample.status !== 200 || sample.body.errors?.length) {
      return { result: { error: sample.body.errors?.[0]?.message ?? `HTTP ${sample.status}` }, samples: [] };
    }
    return {
      result: {
        roundTrips: sample.body.extensions?.roundTrips,
        items: items(sample.body.data),
        bytes: sample.bytes,
      },
      run: (load) => httpLoad(server.url, request, load),
      pid: server.pid,
      samples: [],
    };
  } catch (error) {
    return { result: { error: message(error) }, samples: [] };
  }
}

async function rawWay(driver: Driver, request: CypherRequest, op: Operation): Promise<Way> {
  try {
    const sample = await driver.executeQuery(request.cypher, request.params, { routing: neo4j.routing.READ });
    return {
      result: { roundTrips: 1, items: op.size?.raw(sample.records.map((r) => r.toObject())) },
      run: (load) => driverLoad(driver, request, load),
      samples: [],
    };
  } catch (error) {
    return { result: { error: message(error) }, samples: [] };
  }
}

/**
 * Measures one operation at one size: a checked sample each way, a warm-up each way, then `rounds`
 * rounds of ours, raw, peer in turn (interleaved, so that a busy moment on the machine does not fall on
 * one way only), then one PROFILE of the exact queries of a request each way.
 */
async function measure(
  h: Harness,
  op: Operation,
  params: BenchParams,
  size: number,
): Promise<OperationResult> {
  const ours = await httpWay(h.service, op.ours(params), (d) => op.size?.ours(d));
  const raw = op.raw ? await rawWay(h.driver, op.raw(params), op) : undefined;
  const peer = op.peer ? await httpWay(h.peer, op.peer(params), (d) => op.size?.peer(d)) : undefined;
  const ways = [ours, raw, peer].filter((w): w is Way => w?.run !== undefined);
  const { concurrency, warmupS, durationS, rounds } = h.settings;
  for (const way of ways) await way.run?.({ concurrency, durationS: warmupS });
  for (let round = 0; round < rounds; round++) {
    for (const way of ways) {
      const probe = way.pid ? new ProcessProbe(way.pid) : undefined;
      probe?.start();
      const samples = await way.run?.({ concurrency, durationS });
      if (samples) way.samples.push(samples);
      if (probe) {
        const used = probe.stop();
        way.result.peakMiB = Math.max(way.result.peakMiB ?? 0, used.peakMiB);
        if (used.cpuMs !== undefined) way.cpuMs = (way.cpuMs ?? 0) + used.cpuMs;
      }
    }
  }
  for (const way of ways) {
    const merged = mergeSamples(way.samples);
    way.result.stats = summarize(merged, concurrency);
    if (merged.firstError) way.result.firstError = merged.firstError;
    // Requests cut off when a timed window closed cost CPU too: a slight overestimate for slow operations.
    if (way.cpuMs !== undefined && merged.latencies.length > 0) {
      way.result.cpuMsPerRequest = way.cpuMs / merged.latencies.length;
    }
  }

  const result: OperationResult = {
    size,
    name: op.name,
    title: op.title,
    growth: op.growth,
    nested: op.nested,
    reference: op.reference,
    peerNote: op.peerNote,
    ours: ours.result,
    raw: raw?.result,
    peer: peer?.result,
  };
  // Where the time goes: the exact queries of one request each way, PROFILEd.
  const profiles: [WayResult | undefined, () => Promise<RequestProfile>][] = [
    [result.ours, () => h.profiler.oursRequest(op.ours(params))],
  ];
  const { raw: rawRequest, peer: peerRequest } = op;
  if (rawRequest) profiles.push([result.raw, () => h.profiler.raw(rawRequest(params))]);
  if (peerRequest) profiles.push([result.peer, () => h.profiler.peerRequest(peerRequest(params))]);
  for (const [way, run] of profiles) {
    if (!way || way.error) continue;
    try {
      const profile = await run();
      way.dbHits = profile.dbHits;
      way.roundTrips ??= profile.queries;
      way.queries = profile.details;
    } catch (error) {
      log(`  PROFILE of ${op.name} failed: ${message(error)}`);
    }
  }
  log(
    `${size} ${op.name}: ours ${result.ours.error ?? fmt(result.ours.stats)} (${result.ours.roundTrips ?? "?"} round trips, ${result.ours.peakMiB?.toFixed(0) ?? "?"} MiB) | raw ${result.raw?.error ?? fmt(result.raw?.stats)} | peer ${result.peer?.error ?? fmt(result.peer?.stats)}`,
  );
  return result;
}

function operationsFor(settings: Settings, schema: Awaited<ReturnType<typeof createSchema>>): Operation[] {
  const operations = [...OPERATIONS];
  for (const name of OPTIONAL_FIELDS) {
    const derived = derivedOperation(schema, name);
    if (typeof derived === "string") log(`skipping ${derived}`);
    else if (derived) operations.push(derived);
    else log(`${name} is not in the schema yet: not measured`);
  }
  return settings.only ? operations.filter((op) => settings.only?.includes(op.name)) : operations;
}

async function neo4jVersion(db: Database): Promise<string> {
  const rows = await db.read(
    "CALL dbms.components() YIELD versions, edition RETURN versions[0] AS v, edition",
  );
  return `${String(rows[0]?.v ?? "?")} ${String(rows[0]?.edition ?? "")}`.trim();
}

/** `--render bench/.runs/full/results.json`: the tables again from a finished run, without measuring. */
function render(file: string): void {
  const run = JSON.parse(readFileSync(file, "utf8")) as RunResult;
  for (const result of run.results) {
    for (const way of [result.ours, result.raw, result.peer]) {
      const stats = way?.stats;
      // Runs from before completedPerSecond: throughput was completed/elapsed; restate it as concurrency/mean.
      if (stats && stats.completedPerSecond === undefined) {
        stats.completedPerSecond = stats.throughput;
        stats.throughput = stats.requests ? (run.settings.concurrency * 1000) / stats.mean : 0;
      }
    }
  }
  writeResults(projectPath("bench/RESULTS.md"), run);
  log(`re-rendered bench/RESULTS.md from ${file}`);
}

async function main(): Promise<void> {
  const settings = settingsFrom(process.argv.slice(2));
  if (settings.render) return render(settings.render);
  const started = Date.now();
  const loadAtStart = os.loadavg()[0] ?? 0;
  const runDir = projectPath(`bench/.runs/${settings.quick ? "quick" : "full"}`);
  rmSync(runDir, { recursive: true, force: true });
  mkdirSync(runDir, { recursive: true });
  log(
    `sizes ${settings.sizes.join(", ")}; ${settings.concurrency} connections, ${settings.warmupS} s warm-up + ${settings.rounds} × ${settings.durationS} s per way`,
  );

  const servers: ServerProcess[] = [];
  let local: LocalNeo4j | undefined;
  let db: Database | undefined;
  let driver: Driver | undefined;
  let profiler: Profiler | undefined;
  const cleanUp = async (): Promise<void> => {
    for (const server of servers) await server.stop().catch(() => undefined);
    await profiler?.close().catch(() => undefined);
    await driver?.close().catch(() => undefined);
    await db?.close().catch(() => undefined);
    await local?.stop().catch(() => undefined);
  };
  const interrupt = (): void => {
    log("interrupted: stopping the servers and Neo4j");
    void cleanUp().finally(() => process.exit(130));
  };
  process.once("SIGINT", interrupt);
  process.once("SIGTERM", interrupt);

  try {
    local = await startLocalNeo4j({
      dataDir: path.join(runDir, "neo4j"),
      preferredPort: 17800,
      heapMiB: HEAP_MIB,
      pageCacheMiB: PAGE_CACHE_MIB,
      log,
    });
    log(`Neo4j ready at ${local.uri}`);
    db = new Database({ uri: local.uri, user: "neo4j", password: "neo4j", queryTimeoutMs: 300_000 });
    await waitForDatabase(db, 30_000, log);
    await applyGraphSchema(db);
    await loadSeed(db, validateSeedDir());
    const reference = await loadSyntheticReference(db);

    // Production serves /metrics on its own listener (9464 by default), which another service on this
    // machine may hold: a free port keeps the listener (and its cost) without the clash.
    const metricsPort = await findFreePort(19464);
    const env = {
      NEO4J_URI: local.uri,
      METRICS_PORT: String(metricsPort),
      NODE_ENV: "production",
      SEED_DEMO_DATA: "false",
      LOG_LEVEL: "warn",
      // Production refuses to start without a token secret; the bench sends no tokens (anonymous reads).
      AUTH_JWT_SECRET: randomBytes(32).toString("hex"),
      // One client sending thousands of requests a minute is the point here, not abuse.
      RATE_LIMIT_COST_PER_MINUTE: "0",
      // Measure slow operations instead of cutting them off at the production limit (10 s).
      NEO4J_QUERY_TIMEOUT_MS: "120000",
    };
    const servicePort = await findFreePort(14200);
    const peerPort = await findFreePort(servicePort + 1);
    const starters = {
      service: () =>
        startServer(
          "service",
          projectPath("dist/src/main.js"),
          servicePort,
          env,
          settings.serviceNodeOptions?.split(/\s+/).filter(Boolean),
        ),
      peer: () => startServer("peer", projectPath("dist/bench/peer-server.js"), peerPort, env),
    };
    const launched = await Promise.allSettled([starters.service(), starters.peer()]);
    for (const s of launched) if (s.status === "fulfilled") servers.push(s.value);
    const failed = launched.find((s) => s.status === "rejected");
    if (failed) throw failed.reason;
    const [service, peer] = servers as [ServerProcess, ServerProcess];
    const serviceIdleMiB = readMemory(service.pid)?.rssMiB;
    log(`service pid ${service.pid} on ${service.url}; peer pid ${peer.pid} on ${peer.url}`);

    driver = neo4j.driver(local.uri, neo4j.auth.basic("neo4j", "neo4j"), {
      disableLosslessIntegers: true,
      maxConnectionPoolSize: 50,
      userAgent: "bench-raw",
    });
    const schema = await createSchema();
    profiler = new Profiler(driver, local.uri, schema);
    const notes: string[] = [];
    const restart = async (name: "service" | "peer"): Promise<ServerProcess> => {
      const server = await starters[name]();
      servers.push(server);
      return server;
    };
    const harness: Harness = { settings, service, peer, driver, profiler, restart, notes };
    const operations = operationsFor(settings, schema);

    const sizes: SizeInfo[] = [];
    const results: OperationResult[] = [];
    let fixed: Omit<BenchParams, "organisation"> | undefined;
    for (const [index, organisations] of settings.sizes.entries()) {
      if (index > 0) {
        const removed = await removeSynthetic(db);
        log(`removed ${removed} synthetic nodes`);
      }
      const loadStart = Date.now();
      const graph = generateSynthetic(reference, { organisations });
      const report = await writeSynthetic(db, graph, { batchSize: 2000 });
      const created = totalCreated(report);
      const loadSeconds = (Date.now() - loadStart) / 1000;
      log(
        `loaded ${organisations} organisations: ${created.nodes} nodes, ${created.relationships} relationships in ${loadSeconds.toFixed(0)} s`,
      );
      fixed ??= await fixedParams(db);
      const params: BenchParams = { ...fixed, organisation: await busiestOrganisation(db) };
      const counts = await graphSize(db);
      sizes.push({ organisations, ...counts, loadSeconds, params });
      for (const op of operations) {
        await ensureRunning(harness, organisations, op.name);
        results.push(await measure(harness, op, params, organisations));
      }
    }

    const run: RunResult = {
      quick: settings.quick,
      date: new Date().toISOString().slice(0, 16).replace("T", " ") + " UTC",
      durationMinutes: (Date.now() - started) / 60_000,
      machine: {
        cpus: os.cpus().length,
        model: os.cpus()[0]?.model.trim() ?? "unknown",
        memoryGiB: os.totalmem() / 2 ** 30,
        node: process.version,
        neo4j: await neo4jVersion(db),
      },
      settings: {
        concurrency: settings.concurrency,
        warmupS: settings.warmupS,
        durationS: settings.durationS * settings.rounds,
        rounds: settings.rounds,
        neo4jHeapMiB: HEAP_MIB,
        pageCacheMiB: PAGE_CACHE_MIB,
        serviceNodeOptions: settings.serviceNodeOptions,
      },
      loadAverage: { start: loadAtStart, end: os.loadavg()[0] ?? 0 },
      sizes,
      results,
      serviceIdleMiB,
      notes,
    };
    writeFileSync(path.join(runDir, "results.json"), JSON.stringify(run, null, 2));
    if (settings.write) {
      writeResults(projectPath("bench/RESULTS.md"), run);
      log(`wrote bench/RESULTS.md (and ${path.relative(projectPath("."), runDir)}/results.json)`);
    } else {
      log(
        `results in ${path.relative(projectPath("."), runDir)}/results.json (RESULTS.md untouched: --no-write)`,
      );
    }
    log(`done in ${run.durationMinutes.toFixed(1)} min`);
  } finally {
    await cleanUp();
  }
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
