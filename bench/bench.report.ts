import { existsSync, readFileSync, writeFileSync } from "node:fs";
import type { LatencyStats } from "./bench.load";
import type { BenchParams, Growth } from "./bench.operations";
import type { QueryCost } from "./bench.profile";
import { evaluateTargets, ratios } from "./bench.targets";

/** The results of one run and their Markdown form in bench/RESULTS.md. */

export interface WayResult {
  stats?: LatencyStats;
  /** Neo4j queries per request. */
  roundTrips?: number;
  dbHits?: number;
  /** Items the answer describes (total or list length), to check that the ways agree. */
  items?: number;
  /** Response size of one request in bytes (HTTP ways). */
  bytes?: number;
  /** Peak resident memory of the server process during the load, MiB (HTTP ways). */
  peakMiB?: number;
  /** CPU time the server process spent per completed request, ms (HTTP ways). */
  cpuMsPerRequest?: number;
  queries?: QueryCost[];
  /** The sample request failed: not measured. */
  error?: string;
  /** The first failure under load, when some requests failed. */
  firstError?: string;
}

export interface OperationResult {
  size: number;
  name: string;
  title: string;
  growth: Growth;
  nested: boolean;
  /** Shown, but left out of the verdicts (see Operation.reference). */
  reference?: boolean;
  peerNote?: string;
  ours: WayResult;
  raw?: WayResult;
  peer?: WayResult;
}

export interface SizeInfo {
  organisations: number;
  nodes: number;
  relationships: number;
  loadSeconds: number;
  params: BenchParams;
}

export interface RunResult {
  quick: boolean;
  date: string;
  durationMinutes: number;
  machine: { cpus: number; model: string; memoryGiB: number; node: string; neo4j: string };
  /** 1-minute load average at the start and end: other work on the machine skews the figures. */
  loadAverage: { start: number; end: number };
  settings: {
    concurrency: number;
    warmupS: number;
    /** Measured seconds per operation and way, over all rounds. */
    durationS: number;
    rounds: number;
    neo4jHeapMiB: number;
    pageCacheMiB: number;
    /** Node flags the service ran with (as `npm start` gives them); absent in older runs. */
    serviceNodeOptions?: string;
  };
  sizes: SizeInfo[];
  results: OperationResult[];
  /** Idle RSS of the service after start-up, MiB. */
  serviceIdleMiB?: number;
  /** Events during the run (a server that died and was restarted). */
  notes?: string[];
}

const ms = (v: number | undefined): string =>
  v === undefined || Number.isNaN(v) ? "—" : v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2);
const rate = (v: number | undefined): string =>
  v === undefined || Number.isNaN(v) ? "—" : v >= 100 ? v.toFixed(0) : v.toFixed(1);
const ratio = (a: number | undefined, b: number | undefined): number | undefined =>
  a === undefined || b === undefined || !b || Number.isNaN(a) || Number.isNaN(b) ? undefined : a / b;
const times = (v: number | undefined): string => (v === undefined ? "—" : `${v.toFixed(2)}×`);
const int = (v: number | undefined): string => (v === undefined ? "—" : v.toLocaleString("en-US"));
const sizeLabel = (n: number): string => (n >= 1000 && n % 1000 === 0 ? `${n / 1000}k` : String(n));
/** MB as in the target (10^6 bytes) from MiB. */
const mb = (mib: number | undefined): string => (mib === undefined ? "—" : (mib * 1.048576).toFixed(0));

function latency(way: WayResult | undefined): string {
  if (!way) return "n/a";
  if (way.error) return `error: ${way.error.slice(0, 60)}`;
  const s = way.stats;
  if (!s) return "—";
  const failed = s.errors > 0 ? ` (${s.errors} errors)` : "";
  return `${ms(s.p50)} / ${ms(s.p95)} / ${ms(s.p99)}${failed}`;
}

function triple(ours: number | undefined, raw: number | undefined, peer: number | undefined): string {
  return `${int(ours)} / ${int(raw)} / ${int(peer)}`;
}

function sizeTables(run: RunResult, size: SizeInfo): string[] {
  const rows = run.results.filter((r) => r.size === size.organisations);
  const out: string[] = [];
  out.push(
    `### ${int(size.organisations)} organisations (${int(size.nodes)} nodes, ${int(size.relationships)} relationships)`,
    "",
    "| operation | ours p50 / p95 / p99 ms | ours req/s | raw p50 / p95 / p99 ms | raw q/s | peer p50 / p95 / p99 ms | peer req/s | p50 ours/raw | req/s ours/peer | peak RSS MB ours (peer) |",
    "| --- | --- | ---: | --- | ---: | --- | ---: | ---: | ---: | ---: |",
  );
  for (const r of rows) {
    const { p50VsRaw, rpsVsPeer } = ratios(r);
    out.push(
      `| ${r.name} | ${latency(r.ours)} | ${rate(r.ours.stats?.throughput)} | ${latency(r.raw)} | ${rate(r.raw?.stats?.throughput)} | ${latency(r.peer)} | ${rate(r.peer?.stats?.throughput)} | ${times(p50VsRaw)} | ${times(rpsVsPeer)} | ${mb(r.ours.peakMiB)} (${mb(r.peer?.peakMiB)}) |`,
    );
  }
  out.push(
    "",
    "| operation | round trips ours / raw / peer | db hits ours / raw / peer | items ours / raw / peer | response bytes ours / peer | server CPU ms per request ours / peer |",
    "| --- | --- | --- | --- | --- | --- |",
  );
  for (const r of rows) {
    out.push(
      `| ${r.name} | ${triple(r.ours.roundTrips, r.raw?.roundTrips, r.peer?.roundTrips)} | ${triple(r.ours.dbHits, r.raw?.dbHits, r.peer?.dbHits)} | ${triple(r.ours.items, r.raw?.items, r.peer?.items)} | ${int(r.ours.bytes)} / ${int(r.peer?.bytes)} | ${ms(r.ours.cpuMsPerRequest)} / ${ms(r.peer?.cpuMsPerRequest)} |`,
    );
  }
  const failures = rows.flatMap((r) =>
    (["ours", "raw", "peer"] as const).flatMap((name) => {
      const way = r[name];
      return way?.firstError
        ? [`- ${r.name}, ${name}: ${way.stats?.errors ?? "?"} failed; first: ${way.firstError}`]
        : [];
    }),
  );
  if (failures.length) out.push("", "Failures under load:", "", ...failures);
  return out;
}

function growthTable(run: RunResult): string[] {
  const sizes = run.sizes.map((s) => s.organisations);
  if (sizes.length < 2) return [];
  const first = sizes[0] as number;
  const last = sizes[sizes.length - 1] as number;
  const names = [...new Set(run.results.map((r) => r.name))];
  const find = (name: string, size: number): OperationResult | undefined =>
    run.results.find((r) => r.name === name && r.size === size);
  const out = [
    `### Growth of p50 latency, ${sizeLabel(first)} → ${sizeLabel(last)} organisations (data × ${(last / first).toFixed(0)})`,
    "",
    `| operation | kind | ${sizes.map((s) => `ours ${sizeLabel(s)}`).join(" | ")} | × ours | × raw | × peer | × db hits ours |`,
    `| --- | --- | ${sizes.map(() => "---:").join(" | ")} | ---: | ---: | ---: | ---: |`,
  ];
  for (const name of names) {
    const a = find(name, first);
    const b = find(name, last);
    const cells = sizes.map((s) => ms(find(name, s)?.ours.stats?.p50));
    out.push(
      `| ${name} | ${a?.reference ? "reference" : (a?.growth ?? "—")} | ${cells.join(" | ")} | ${times(ratio(b?.ours.stats?.p50, a?.ours.stats?.p50))} | ${times(ratio(b?.raw?.stats?.p50, a?.raw?.stats?.p50))} | ${times(ratio(b?.peer?.stats?.p50, a?.peer?.stats?.p50))} | ${times(ratio(b?.ours.dbHits, a?.ours.dbHits))} |`,
    );
  }
  out.push(
    "",
    "_bounded_: the work is bounded by page sizes (an indexed lookup plus traversals with `first`), so latency should stay flat; _growing_: the answer ranks or counts every match (scores, `totalCount`), so the work grows with the number of matches.",
  );
  return out;
}

function targetTable(run: RunResult): string[] {
  const results = run.results.filter((r) => r.ours.stats);
  const sizes = run.sizes.map((s) => s.organisations);
  const first = sizes[0] as number;
  const last = sizes[sizes.length - 1] as number;
  const dataFactor = last / first;
  const bounded = [
    ...new Set(results.filter((r) => r.growth === "bounded" && !r.reference).map((r) => r.name)),
  ];
  const growth = bounded.map((name) => {
    const a = results.find((r) => r.name === name && r.size === first)?.ours.stats?.p50;
    const b = results.find((r) => r.name === name && r.size === last)?.ours.stats?.p50;
    return { name, factor: ratio(b, a) };
  });
  const status = (s: string): string => (s === "missed" ? "**missed**" : s);
  return [
    "| target (issue 13) | status | detail |",
    "| --- | --- | --- |",
    ...evaluateTargets(run).map((v) => `| ${v.target} | ${status(v.status)} | ${v.detail} |`),
    `| sub-linear growth of bounded traversals (${sizeLabel(first)} → ${sizeLabel(last)}, data × ${dataFactor.toFixed(0)}) | ${status(growth.every((g) => g.factor !== undefined && g.factor < dataFactor) ? "met" : "missed")} | ${growth.map((g) => `${g.name} ${times(g.factor)}`).join(", ") || "—"} |`,
  ];
}

function operationList(run: RunResult): string[] {
  const seen = new Map<string, OperationResult>();
  for (const r of run.results) if (!seen.has(r.name)) seen.set(r.name, r);
  const params = run.sizes[run.sizes.length - 1]?.params;
  const out = ["| operation | what | @neo4j/graphql equivalent |", "| --- | --- | --- |"];
  for (const r of seen.values())
    out.push(`| ${r.name} | ${r.title} | ${r.peer ? (r.peerNote ?? "same query") : "n/a"} |`);
  if (params) {
    out.push(
      "",
      `Parameters: topic \`${params.topic}\`, province \`${params.province}\`, municipality \`${params.municipality}\`, near ${params.near.lat.toFixed(3)}, ${params.near.lon.toFixed(3)} within ${params.near.radiusKm} km, search \`${params.text}\`; the profiled organisation is the synthetic one with the most initiatives at each size (${run.sizes.map((s) => `\`${s.params.organisation}\``).join(", ")}).`,
    );
  }
  return out;
}

export function renderRun(run: RunResult): string {
  const s = run.settings;
  const m = run.machine;
  const lines = [
    `## ${run.quick ? "Smoke run (`npm run bench -- --quick`)" : "Full run (`npm run bench`)"}: ${run.date}`,
    "",
    `Machine: ${m.cpus} cores (${m.model}), ${m.memoryGiB.toFixed(0)} GiB RAM, Node ${m.node}, Neo4j ${m.neo4j} (heap ${s.neo4jHeapMiB} MiB, page cache ${s.pageCacheMiB} MiB). ` +
      `Everything on this one machine over loopback: Neo4j, the server under test (its own process${s.serviceNodeOptions ? `, started with \`${s.serviceNodeOptions}\`` : ""}), and the load generator. ` +
      `Load: ${s.concurrency} concurrent connections (raw: ${s.concurrency} queries in flight), ${s.warmupS} s warm-up, then ${s.durationS} s measured per operation and way in ${s.rounds} interleaved round(s) (ours, raw, peer, ours, …). Run took ${run.durationMinutes.toFixed(1)} min; 1-minute load average ${run.loadAverage.start.toFixed(1)} at the start, ${run.loadAverage.end.toFixed(1)} at the end (above ${m.cpus} means other processes competed for the CPU).`,
    "",
    ...(run.notes?.length ? [...run.notes.map((n) => `Note: ${n}.`), ""] : []),
    "**ours** = this service over HTTP; **raw** = one hand-written Cypher query per operation through neo4j-driver (no HTTP, no GraphQL); **peer** = @neo4j/graphql 7.6.3 over HTTP with the same Apollo Server. Latencies in ms; round trips = Neo4j queries per request; db hits from PROFILE of exactly those queries; items = the total (or list length) each answer reports, which must agree.",
    "",
    "### Targets",
    "",
    ...targetTable(run),
    "",
    ...growthTable(run),
    "",
    ...run.sizes.flatMap((size) => [...sizeTables(run, size), ""]),
    "### Operations",
    "",
    ...operationList(run),
  ];
  return lines.join("\n");
}

const TITLE = "# Benchmark results";

function markers(quick: boolean): { begin: string; end: string } {
  const kind = quick ? "quick" : "full";
  return {
    begin: `<!-- bench:${kind}:begin (written by npm run bench${quick ? " -- --quick" : ""}; edits inside are overwritten) -->`,
    end: `<!-- bench:${kind}:end -->`,
  };
}

/**
 * Replaces this kind of run's block in RESULTS.md and keeps everything else (the analysis, the other
 * kind of run, sections colleagues append). A new block goes after the full run's block, or first.
 */
export function writeResults(file: string, run: RunResult): void {
  const block = renderRun(run);
  const { begin, end } = markers(run.quick);
  const text = existsSync(file) ? readFileSync(file, "utf8") : `${TITLE}\n`;
  const beginAt = text.indexOf(begin.slice(0, begin.indexOf(" (")));
  const endAt = text.indexOf(end);
  let next: string;
  if (beginAt >= 0 && endAt > beginAt) {
    next = `${text.slice(0, beginAt)}${begin}\n${block}\n${text.slice(endAt)}`;
  } else {
    const insert = `${begin}\n${block}\n${end}\n\n`;
    const full = markers(false).end;
    if (run.quick && text.includes(full)) {
      const at = text.indexOf(full) + full.length;
      next = `${text.slice(0, at)}\n\n${insert}${text.slice(at).replace(/^\n+/, "")}`;
    } else if (text.startsWith(`${TITLE}\n`)) {
      next = `${TITLE}\n\n${insert}${text.slice(TITLE.length).replace(/^\n+/, "")}`;
    } else {
      next = `${TITLE}\n\n${insert}${text}`;
    }
  }
  writeFileSync(file, next);
}
