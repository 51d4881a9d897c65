import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";

/** Writes the evaluation's figures into its own section of bench/RESULTS.md, leaving the rest alone. */

export const SECTION = "## Partner suggestions";

export function machineLine(neo4j: string): string {
  const cpu = os.cpus()[0]?.model.trim() ?? "unknown CPU";
  const ram = Math.round(os.totalmem() / 2 ** 30);
  const load = os.loadavg()[0]?.toFixed(1) ?? "?";
  return `${os.cpus().length} cores (${cpu}), ${ram} GiB RAM, Node ${process.version}, ${neo4j}; 1-minute load average ${load} at the end (above ${os.cpus().length} means other processes competed for the CPU)`;
}

export function timestamp(): string {
  return `${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/**
 * Replaces the subsection `heading` (### …) inside the "## Partner suggestions" section with `body`,
 * creating the section (appended at the end) or the subsection when absent. Other sections stay as they are.
 */
export function writeSubsection(
  file: string,
  intro: string[],
  heading: string,
  body: (previous: string[]) => string[],
): void {
  const text = existsSync(file) ? readFileSync(file, "utf8") : "# Benchmark results\n";
  const lines = text.replace(/\s+$/, "").split("\n");
  let start = lines.findIndex((l) => l.trim() === SECTION);
  if (start < 0) {
    lines.push("", SECTION, "", ...intro);
    start = lines.length - intro.length - 2;
  }
  let end = lines.findIndex((l, i) => i > start && /^#{1,2} /.test(l));
  if (end < 0) end = lines.length;
  const section = lines.slice(start, end);
  const from = section.findIndex((l) => l.trim() === heading);
  let replaced: string[];
  if (from < 0) {
    replaced = [...trimEnd(section), "", heading, "", ...body([])];
  } else {
    let to = section.findIndex((l, i) => i > from && /^### /.test(l));
    if (to < 0) to = section.length;
    const previous = section.slice(from + 1, to);
    replaced = [
      ...section.slice(0, from),
      heading,
      "",
      ...trimEnd(body(previous)),
      ...(to < section.length ? ["", ...section.slice(to)] : []),
    ];
  }
  const out = [
    ...lines.slice(0, start),
    ...trimEnd(replaced),
    ...(end < lines.length ? ["", ...lines.slice(end)] : []),
  ];
  writeFileSync(file, `${out.join("\n")}\n`);
}

function trimEnd(lines: string[]): string[] {
  const out = [...lines];
  while (out.length > 0 && out[out.length - 1]?.trim() === "") out.pop();
  return out;
}

/**
 * The speed table, one row per graph: a new measurement replaces the row of the same graph size and
 * keeps the others.
 */
export function speedBody(previous: string[], header: string[], row: string, key: string): string[] {
  const headerRows = new Set(header.filter((l) => l.startsWith("| ")));
  const kept = previous.filter((l) => l.startsWith("| ") && !headerRows.has(l) && !l.startsWith(`| ${key} `));
  return [...header, ...kept, row].sort((x, y) => rowOrder(x) - rowOrder(y));
}

/** Header lines first, then rows by graph size (the first cell, a number with thousands separators). */
function rowOrder(line: string): number {
  if (!line.startsWith("| ")) return -2;
  const n = Number(line.slice(2).split(" ")[0]?.replace(/,/g, ""));
  return Number.isFinite(n) ? n : -1;
}
