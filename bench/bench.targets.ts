import type { OperationResult, RunResult } from "./bench.report";

/**
 * Issue 13's targets, evaluated on a run's results. Kept apart from the Markdown so that a unit test
 * can check the verdicts on a made-up run.
 */
export const TARGETS = {
  /** p50 of ours at most this many times raw Cypher's, every headline operation at every size. */
  p50VsRaw: 1.3,
  /** Throughput of ours at least this many times @neo4j/graphql's, wherever the peer was measured. */
  rpsVsPeer: 1.5,
  /** Operations answered in one Neo4j round trip. */
  oneRoundTrip: ["profile", "municipality"],
  /** Operations whose p50 must stay below `p50Ms` at `size` organisations. */
  fast: {
    operations: ["whoWorksOn-province", "whoWorksOn-near", "organisations"],
    size: 50_000,
    p50Ms: 100,
  },
  /** Peak RSS of the service during the headline operations, MB (10^6 bytes). */
  rssMB: 200,
} as const;

export type TargetStatus = "met" | "missed" | "not measured";

export interface TargetVerdict {
  target: string;
  status: TargetStatus;
  detail: string;
}

const MB_PER_MIB = 1.048576;

const sizeLabel = (n: number): string => (n >= 1000 && n % 1000 === 0 ? `${n / 1000}k` : String(n));
const times = (v: number): string => `${v.toFixed(2)}×`;
const ratio = (a: number | undefined, b: number | undefined): number | undefined =>
  a === undefined || b === undefined || !b || Number.isNaN(a) || Number.isNaN(b) ? undefined : a / b;
const where = (r: OperationResult): string => `${r.name}@${sizeLabel(r.size)}`;

/** Throughput ratio ours/peer and p50 ratio ours/raw for a result. */
export function ratios(r: OperationResult): { p50VsRaw?: number; rpsVsPeer?: number } {
  return {
    p50VsRaw: ratio(r.ours.stats?.p50, r.raw?.stats?.p50),
    rpsVsPeer: ratio(r.ours.stats?.throughput, r.peer?.stats?.throughput),
  };
}

/** A ratio target over every result that has both sides: met when no result falls on the wrong side. */
function ratioVerdict(
  target: string,
  results: OperationResult[],
  value: (r: OperationResult) => number | undefined,
  misses: (v: number) => boolean,
  word: string,
): TargetVerdict {
  const measured = results.flatMap((r) => {
    const v = value(r);
    return v === undefined ? [] : [{ r, v }];
  });
  if (!measured.length) return { target, status: "not measured", detail: "no result with both sides" };
  const missed = measured.filter((m) => misses(m.v));
  const list = missed.map((m) => `${where(m.r)} ${times(m.v)}`).join(", ") || "none";
  return {
    target,
    status: missed.length ? "missed" : "met",
    detail: `${measured.length - missed.length} of ${measured.length} met; ${word}: ${list}`,
  };
}

function roundTripVerdict(results: OperationResult[]): TargetVerdict {
  const target = `${TARGETS.oneRoundTrip.join(" and ")} in 1 round trip`;
  const relevant = results.filter((r) => (TARGETS.oneRoundTrip as readonly string[]).includes(r.name));
  const counted = relevant.filter((r) => r.ours.roundTrips !== undefined);
  if (!counted.length) return { target, status: "not measured", detail: "no round trips counted" };
  const over = counted.filter((r) => r.ours.roundTrips !== 1);
  const list = counted.map((r) => `${where(r)} ${r.ours.roundTrips}`).join(", ");
  return { target, status: over.length ? "missed" : "met", detail: list };
}

function fastVerdict(run: RunResult, results: OperationResult[]): TargetVerdict {
  const { operations, size, p50Ms } = TARGETS.fast;
  const target = `${operations.join(", ")}: p50 < ${p50Ms} ms at ${sizeLabel(size)} organisations`;
  const atSize = operations.map((name) => ({
    name,
    result: results.find((r) => r.name === name && r.size === size),
  }));
  if (!run.sizes.some((s) => s.organisations === size))
    return { target, status: "not measured", detail: `the run has no ${sizeLabel(size)} size` };
  const missing = atSize.filter((a) => a.result?.ours.stats === undefined).map((a) => a.name);
  const slow = atSize.filter((a) => (a.result?.ours.stats?.p50 ?? 0) >= p50Ms);
  // Growth with the number of matches shows in the p50 per size; the verdict is on the largest.
  const bySize = (name: string): string =>
    results
      .filter((r) => r.name === name && r.ours.stats)
      .sort((a, b) => a.size - b.size)
      .map((r) => `${(r.ours.stats?.p50 ?? 0).toFixed(0)}`)
      .join(" / ");
  const detail = operations.map((name) => `${name} ${bySize(name) || "—"} ms`).join("; ");
  const sizes = run.sizes.map((s) => sizeLabel(s.organisations)).join(" / ");
  return {
    target,
    status: missing.length ? "not measured" : slow.length ? "missed" : "met",
    detail: `p50 at ${sizes}: ${detail}${missing.length ? `; not measured: ${missing.join(", ")}` : ""}`,
  };
}

function memoryVerdict(run: RunResult, results: OperationResult[]): TargetVerdict {
  const target = `service RSS under load < ${TARGETS.rssMB} MB`;
  const peak = (rs: OperationResult[], way: "ours" | "peer"): { mib: number; at: string } =>
    rs.reduce(
      (best, r) => {
        const mib = r[way]?.peakMiB ?? 0;
        return mib > best.mib ? { mib, at: where(r) } : best;
      },
      { mib: 0, at: "—" },
    );
  // The headline operations (those with a raw version) are the load the target speaks of; the
  // optional analytics (network) are reported beside it.
  const headline = peak(
    results.filter((r) => r.raw !== undefined),
    "ours",
  );
  if (!headline.mib) return { target, status: "not measured", detail: "no peak RSS recorded" };
  const all = peak(results, "ours");
  const peer = peak(results, "peer");
  const mb = (mib: number): string => (mib * MB_PER_MIB).toFixed(0);
  const idle = run.serviceIdleMiB ? `; idle after start ${mb(run.serviceIdleMiB)} MB` : "";
  return {
    target,
    status: headline.mib * MB_PER_MIB < TARGETS.rssMB ? "met" : "missed",
    detail: `headline operations peak ${mb(headline.mib)} MB (${headline.at}); all operations ${mb(all.mib)} MB (${all.at}); the peer ${mb(peer.mib)} MB (${peer.at})${idle}`,
  };
}

/** Issue 13's targets on a run: one verdict per target, with the figures that decided it. */
export function evaluateTargets(run: RunResult): TargetVerdict[] {
  // Reference operations (the smallest read) explain the verdicts; they are not part of them.
  const results = run.results.filter((r) => r.ours.stats && !r.reference);
  const headline = results.filter((r) => r.raw !== undefined);
  return [
    ratioVerdict(
      `p50 ≤ ${TARGETS.p50VsRaw}× raw Cypher (every headline operation, every size)`,
      headline,
      (r) => ratios(r).p50VsRaw,
      (v) => v > TARGETS.p50VsRaw,
      "over",
    ),
    ratioVerdict(
      `throughput ≥ ${TARGETS.rpsVsPeer}× @neo4j/graphql`,
      results,
      (r) => ratios(r).rpsVsPeer,
      (v) => v < TARGETS.rpsVsPeer,
      "under",
    ),
    roundTripVerdict(results),
    fastVerdict(run, results),
    memoryVerdict(run, results),
  ];
}
