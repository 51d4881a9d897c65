import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { speedBody, writeSubsection } from "../../src/eval/matching.report";

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
