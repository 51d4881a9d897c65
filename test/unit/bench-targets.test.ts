import { evaluateTargets, type TargetVerdict } from "../../bench/bench.targets";
import type { OperationResult, RunResult, WayResult } from "../../bench/bench.report";

// A made-up run: two sizes, five operations; each test changes one figure and checks the verdict.

const way = (p50: number, throughput: number, extra: Partial<WayResult> = {}): WayResult => ({
  stats: {
    requests: 100,
    errors: 0,
    p50,
    p95: p50 * 2,
    p99: p50 * 3,
    mean: p50,
    throughput,
    completedPerSecond: throughput,
  },
  ...extra,
});

function result(
  name: string,
  size: number,
  ours: WayResult,
  raw?: WayResult,
  peer?: WayResult,
): OperationResult {
  return { size, name, title: name, growth: "growing", nested: false, ours, raw, peer };
}

function run(results: OperationResult[], sizes = [1000, 50_000]): RunResult {
  return {
    quick: false,
    date: "2026-12-05 18:00 UTC",
    durationMinutes: 1,
    machine: { cpus: 2, model: "test", memoryGiB: 8, node: "v20", neo4j: "5.26" },
    loadAverage: { start: 0, end: 0 },
    settings: { concurrency: 8, warmupS: 1, durationS: 1, rounds: 1, neo4jHeapMiB: 512, pageCacheMiB: 256 },
    sizes: sizes.map((organisations) => ({
      organisations,
      nodes: 0,
      relationships: 0,
      loadSeconds: 0,
      params: {
        topic: "t",
        province: "PV28",
        municipality: "GM0363",
        near: { lat: 52, lon: 5, radiusKm: 15 },
        text: "x",
        organisation: "o",
      },
    })),
    results,
  };
}

/** Every target met: ours 1.2× raw's p50, 2× the peer's throughput, fast and lean. */
function goodResults(): OperationResult[] {
  const rss = { peakMiB: 150, roundTrips: 1 };
  return [1000, 50_000].flatMap((size) =>
    ["profile", "municipality", "whoWorksOn-province", "whoWorksOn-near", "organisations"].map((name) =>
      result(name, size, way(60, 200, rss), way(50, 300), way(90, 100, { peakMiB: 300 })),
    ),
  );
}

const verdict = (verdicts: TargetVerdict[], start: string): TargetVerdict => {
  const found = verdicts.find((v) => v.target.startsWith(start));
  if (!found) throw new Error(`no verdict for ${start}`);
  return found;
};

const change = (
  results: OperationResult[],
  name: string,
  size: number,
  edit: (r: OperationResult) => void,
): OperationResult[] => {
  const r = results.find((x) => x.name === name && x.size === size);
  if (!r) throw new Error(`no ${name}@${size}`);
  edit(r);
  return results;
};

describe("bench target evaluation (issue 13)", () => {
  it("meets every target on a run that is within every bound", () => {
    const verdicts = evaluateTargets(run(goodResults()));
    expect(verdicts.map((v) => v.status)).toEqual(["met", "met", "met", "met", "met"]);
    expect(verdict(verdicts, "p50").detail).toContain("10 of 10 met");
  });

  it("misses p50 ≤ 1.3× raw when one cell is 1.4×, and names the cell", () => {
    const results = change(goodResults(), "organisations", 1000, (r) => {
      r.ours = way(70, 200, { peakMiB: 150, roundTrips: 1 });
    });
    const v = verdict(evaluateTargets(run(results)), "p50");
    expect(v.status).toBe("missed");
    expect(v.detail).toContain("9 of 10 met");
    expect(v.detail).toContain("organisations@1k 1.40×");
  });

  it("checks throughput against 1.5× the peer, not 1×", () => {
    const results = change(goodResults(), "profile", 50_000, (r) => {
      r.peer = way(90, 140);
    });
    const v = verdict(evaluateTargets(run(results)), "throughput");
    expect(v.status).toBe("missed");
    expect(v.detail).toContain("profile@50k 1.43×");
  });

  it("leaves a reference operation (the smallest read) out of every verdict", () => {
    const results = goodResults();
    const smallest = result("smallest", 1000, way(4, 2000, { peakMiB: 400 }), way(1, 8000), way(5, 1900));
    smallest.reference = true;
    results.push(smallest);
    const verdicts = evaluateTargets(run(results));
    expect(verdicts.map((v) => v.status)).toEqual(["met", "met", "met", "met", "met"]);
    expect(verdict(verdicts, "p50").detail).toContain("10 of 10 met");
    // The same figures without the flag would miss three targets: the flag is what keeps it out.
    smallest.reference = undefined;
    const counted = evaluateTargets(run(results));
    expect(counted.filter((v) => v.status === "missed").map((v) => v.target.split(" ")[0])).toEqual([
      "p50",
      "throughput",
      "service",
    ]);
  });

  it("misses one round trip when the municipality overview takes two", () => {
    const results = change(goodResults(), "municipality", 1000, (r) => {
      r.ours.roundTrips = 2;
    });
    const v = verdict(evaluateTargets(run(results)), "profile and municipality");
    expect(v.status).toBe("missed");
    expect(v.detail).toContain("municipality@1k 2");
  });

  it("judges the 100 ms bound at 50k only, and says when the run has no 50k size", () => {
    const slowAt1k = change(goodResults(), "organisations", 1000, (r) => {
      r.ours = way(150, 200, { peakMiB: 150, roundTrips: 1 });
    });
    expect(verdict(evaluateTargets(run(slowAt1k)), "whoWorksOn-province").status).toBe("met");
    const slowAt50k = change(goodResults(), "whoWorksOn-near", 50_000, (r) => {
      r.ours = way(100, 200, { peakMiB: 150, roundTrips: 1 });
    });
    const v = verdict(evaluateTargets(run(slowAt50k)), "whoWorksOn-province");
    expect(v.status).toBe("missed");
    expect(v.detail).toContain("whoWorksOn-near 60 / 100 ms");
    const small = goodResults().filter((r) => r.size === 1000);
    expect(verdict(evaluateTargets(run(small, [1000])), "whoWorksOn-province").status).toBe("not measured");
  });

  it("holds the service's RSS under 200 MB on the headline operations, reporting the others", () => {
    const heavy = goodResults();
    heavy.push(result("network", 50_000, way(500, 10, { peakMiB: 230 })));
    const ok = verdict(evaluateTargets(run(heavy)), "service RSS");
    expect(ok.status).toBe("met");
    expect(ok.detail).toContain("all operations 241 MB (network@50k)");
    const fat = change(goodResults(), "profile", 1000, (r) => {
      r.ours.peakMiB = 191; // 200.3 MB
    });
    expect(verdict(evaluateTargets(run(fat)), "service RSS").status).toBe("missed");
  });
});
