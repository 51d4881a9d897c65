import type { Database } from "../db/database";
import { rebuildAggregates } from "../graph/common/aggregates.rebuild";
import { runSteps, totalCreated, type ProgressEvent, type WriteReport } from "./batch.writer";
import { entitySteps, orderSteps, referenceSteps } from "./graph.steps";
import type { SeedData } from "./seed.schema";
import { validateSeedDir } from "./seed.validate";

export type SeedReport = WriteReport;

export interface LoadOptions {
  log?: (message: string) => void;
  progress?: (event: ProgressEvent) => void;
  batchSize?: number;
}

/**
 * Writes the validated seed with batched MERGEs: all nodes, then all relationships. Idempotent:
 * a second run creates nothing and reports everything as already present.
 */
export async function loadSeed(db: Database, data: SeedData, opts: LoadOptions = {}): Promise<SeedReport> {
  const steps = orderSteps(referenceSteps(data), entitySteps(data));
  const report = await runSteps(db, steps, opts);
  const created = totalCreated(report);
  // The seed also writes topics and places, which every aggregate rests on: rebuild them (decision 0048).
  if (created.nodes + created.relationships > 0) {
    await rebuildAggregates(db);
    opts.log?.("aggregates rebuilt");
  }
  opts.log?.(
    `seed loaded: created ${created.nodes} nodes and ${created.relationships} relationships ` +
      `(${report.rows} rows, ${(report.durationMs / 1000).toFixed(1)} s)`,
  );
  return report;
}

/** Validates every file in `dir` first (throws SeedValidationError, writing nothing), then loads. */
export async function seedDirectory(db: Database, dir?: string, opts: LoadOptions = {}): Promise<SeedReport> {
  const data = validateSeedDir(dir);
  return loadSeed(db, data, opts);
}

export async function isGraphEmpty(db: Database): Promise<boolean> {
  const rows = await db.read("MATCH (n) RETURN n IS NOT NULL AS found LIMIT 1");
  return rows.length === 0;
}

/** `npm start`: an empty database gets the factual dataset so that the API answers something real. */
export async function loadDemoDataIfEmpty(
  db: Database,
  log: (message: string) => void,
  seedDir?: string,
): Promise<SeedReport | undefined> {
  if (!(await isGraphEmpty(db))) {
    log("the database holds data: demo data not loaded (npm run seed loads or refreshes it)");
    return undefined;
  }
  log("empty database: loading the factual dataset from seeds/");
  const report = await seedDirectory(db, seedDir, { log });
  const created = totalCreated(report);
  log(
    `demo data loaded: ${created.nodes} nodes, ${created.relationships} relationships in ${(report.durationMs / 1000).toFixed(1)} s`,
  );
  return report;
}
