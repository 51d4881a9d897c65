import type { Database } from "../db/database";

/**
 * Runs write steps as batched `UNWIND $rows` statements, one transaction per batch, nodes before
 * relationships (the caller orders the steps). A failing batch rolls back whole; earlier batches stay
 * (every statement MERGEs, so running again completes the load). Counts what was created and what was
 * already there from the query counters.
 */

export type StepKind = "node" | "relationship";

export interface WriteStep {
  kind: StepKind;
  /** Label or relationship type: what the report counts under. */
  name: string;
  /** For progress output, e.g. "Organisation -ACTIVE_IN-> Province". */
  description: string;
  /** A constant statement: `UNWIND $rows AS row ... RETURN count(x) AS matched`. */
  cypher: string;
  rows: Record<string, unknown>[];
  /** How many nodes or relationships a row stands for (default 1). */
  itemsOf?: (row: Record<string, unknown>) => number;
}

export interface StepCount {
  created: number;
  /** Already in the graph (matched by MERGE). */
  present: number;
  /** Relationship rows whose end node does not exist (none after validation). */
  missing: number;
}

export interface WriteReport {
  nodes: Record<string, StepCount>;
  relationships: Record<string, StepCount>;
  rows: number;
  batches: number;
  durationMs: number;
}

export interface ProgressEvent {
  step: string;
  done: number;
  total: number;
}

export interface WriteOptions {
  batchSize?: number;
  log?: (message: string) => void;
  progress?: (event: ProgressEvent) => void;
}

export const DEFAULT_BATCH_SIZE = 1000;
// A batch of 1000 rows takes well under a second; the generous limit covers a busy machine.
const BATCH_TIMEOUT_MS = 120_000;

export function emptyReport(): WriteReport {
  return { nodes: {}, relationships: {}, rows: 0, batches: 0, durationMs: 0 };
}

export async function runSteps(
  db: Database,
  steps: WriteStep[],
  options: WriteOptions = {},
): Promise<WriteReport> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const report = emptyReport();
  const started = Date.now();
  const total = steps.reduce((n, s) => n + s.rows.length, 0);
  let done = 0;
  options.progress?.({ step: "start", done, total });
  for (const step of steps) {
    const bucket = step.kind === "node" ? report.nodes : report.relationships;
    const count = (bucket[step.name] ??= { created: 0, present: 0, missing: 0 });
    for (let offset = 0; offset < step.rows.length; offset += batchSize) {
      const rows = step.rows.slice(offset, offset + batchSize);
      const { matched, created } = await db.write(async (tx) => {
        const result = await tx.run(step.cypher, { rows });
        const updates = result.summary.counters.updates();
        return {
          matched: Number(result.records[0]?.get("matched") ?? 0),
          created: step.kind === "node" ? updates.nodesCreated : updates.relationshipsCreated,
        };
      }, BATCH_TIMEOUT_MS);
      count.created += created;
      count.present += matched - created;
      const items = step.itemsOf ? rows.reduce((n, r) => n + (step.itemsOf?.(r) ?? 1), 0) : rows.length;
      count.missing += items - matched;
      report.batches++;
      done += rows.length;
      options.progress?.({ step: step.description, done, total });
    }
    report.rows += step.rows.length;
  }
  report.durationMs = Date.now() - started;
  return report;
}

/** Adds up reports of several runs (e.g. the organisations and then the rest of a synthetic graph). */
export function mergeReports(a: WriteReport, b: WriteReport): WriteReport {
  const add = (x: Record<string, StepCount>, y: Record<string, StepCount>): Record<string, StepCount> => {
    const out: Record<string, StepCount> = { ...x };
    for (const [k, v] of Object.entries(y)) {
      const prev = out[k] ?? { created: 0, present: 0, missing: 0 };
      out[k] = {
        created: prev.created + v.created,
        present: prev.present + v.present,
        missing: prev.missing + v.missing,
      };
    }
    return out;
  };
  return {
    nodes: add(a.nodes, b.nodes),
    relationships: add(a.relationships, b.relationships),
    rows: a.rows + b.rows,
    batches: a.batches + b.batches,
    durationMs: a.durationMs + b.durationMs,
  };
}

/** "Organisation 60 created, 0 already present" lines for CLIs and logs. */
export function formatReport(report: WriteReport): string[] {
  const line = (name: string, c: StepCount): string =>
    `  ${name.padEnd(16)} ${String(c.created).padStart(7)} created ${String(c.present).padStart(7)} already present${
      c.missing > 0 ? `  ${c.missing} skipped (end node missing)` : ""
    }`;
  return [
    "nodes:",
    ...Object.entries(report.nodes).map(([k, v]) => line(k, v)),
    "relationships:",
    ...Object.entries(report.relationships).map(([k, v]) => line(k, v)),
    `${report.rows} rows in ${report.batches} transactions, ${(report.durationMs / 1000).toFixed(1)} s`,
  ];
}

export function totalCreated(report: WriteReport): { nodes: number; relationships: number } {
  const sum = (r: Record<string, StepCount>): number => Object.values(r).reduce((n, c) => n + c.created, 0);
  return { nodes: sum(report.nodes), relationships: sum(report.relationships) };
}
