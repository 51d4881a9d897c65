import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { metrics } from "../../src/eval/matching.leave-one-out";
import { speedBody, writeSubsection } from "../../src/eval/matching.report";
import { MatchMode } from "../../src/features/partners/partners.scoring";

const trial = (rank: number | null) => ({
  initiative: "i",
  label: undefined,
  hidden: "h",
  asker: "a",
  mode: MatchMode.SIMILAR,
  rank,
});

describe("matching evaluation metrics", () => {
  it("computes recall@10 and mean reciprocal rank", () => {
    const m = metrics([trial(1), trial(4), trial(11), trial(null)]);
    expect(m.trials).toBe(4);
    expect(m.recallAt10).toBeCloseTo(0.5);
    expect(m.mrr).toBeCloseTo((1 + 1 / 4 + 1 / 11) / 4);
    expect(metrics([])).toEqual({ trials: 0, recallAt10: 0, mrr: 0 });
  });
});

describe("bench/RESULTS.md section", () => {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), "partners-report-")), "RESULTS.md");
  const others = "# Benchmark results\n\n## Smoke run\n\nTheir table.\n\n## Later section\n\nAlso theirs.\n";

  it("appends its own section and leaves the others as they are", () => {
    writeFileSync(file, others);
    writeSubsection(file, ["Intro."], "### Leave-one-out", () => ["first run"]);
    const text = readFileSync(file, "utf8");
    expect(text.startsWith(others.trimEnd())).toBe(true);
    expect(text).toContain("## Partner suggestions\n\nIntro.\n\n### Leave-one-out\n\nfirst run\n");
  });

  it("replaces only its subsection on the next run and keeps the other subsection", () => {
    writeSubsection(file, ["Intro."], "### Speed", () => ["speed table"]);
    writeSubsection(file, ["Intro."], "### Leave-one-out", () => ["second run"]);
    const text = readFileSync(file, "utf8");
    expect(text).not.toContain("first run");
    expect(text).toContain("### Leave-one-out\n\nsecond run\n\n### Speed\n\nspeed table");
    expect(text.match(/## Partner suggestions/g)).toHaveLength(1);
    expect(text).toContain("## Later section\n\nAlso theirs.");
  });

  it("keeps one speed row per graph size, ordered by size", () => {
    const header = ["Text.", "", "| graph (organisations) | p95 |", "| ---: | ---: |"];
    let body = speedBody([], header, "| 50,068 | 40 |", "50,068");
    body = speedBody(body, header, "| 10,068 | 20 |", "10,068");
    body = speedBody(body, header, "| 50,068 | 35 |", "50,068");
    expect(body).toEqual([...header, "| 10,068 | 20 |", "| 50,068 | 35 |"]);
  });
});
