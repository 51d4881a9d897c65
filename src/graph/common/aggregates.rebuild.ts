import type { Database } from "../../db/database";
import { COUNTERS, STATE_ID, freshness } from "./aggregates.fragments";
import { type BulkProgress, type Source, maintainAggregatesInBatches } from "./aggregates.repository";

const AGGREGATE_LABELS = ["WhoWorksOnScore", "MunicipalityTopics", "AggregateFootprint", "AggregateState"];
const SOURCE_LABELS = ["Organisation", "Experience", "Initiative"] as const;

/** Whether the maintained totals equal the count store (no write went around the maintenance). */
export async function aggregatesFresh(db: Database): Promise<boolean> {
  const rows = await db.read(`${freshness("fresh")} RETURN fresh`);
  return rows[0]?.fresh === true;
}

/** The count store's values of COUNTERS. */
async function countStore(db: Database): Promise<number[]> {
  const rows = await db.read(
    `${COUNTERS.map((pattern, i) => `CALL () { MATCH ${pattern} RETURN count(*) AS c${i} }`).join("\n")}
     RETURN [${COUNTERS.map((_, i) => `c${i}`).join(", ")}] AS counts`,
  );
  return (rows[0]?.counts as number[]).map(Number);
}

/**
 * Recomputes every aggregate from the graph (idempotent): deletes them, rebuilds them in batches with
 * the write paths' own steps, and records the totals counted before it began (a write meanwhile leaves
 * them unequal: the readers then answer live until the next rebuild).
 */
export async function rebuildAggregates(
  db: Database,
  progress: BulkProgress = () => undefined,
): Promise<void> {
  const counts = await countStore(db);
  for (const label of AGGREGATE_LABELS) {
    for (;;) {
      const deleted = await db.write(async (tx) => {
        const result = await tx.run(
          `MATCH (n:${label}) WITH n LIMIT 10000 DELETE n RETURN count(*) AS deleted`,
        );
        return Number(result.records[0]?.get("deleted") ?? 0);
      }, 120_000);
      if (deleted < 10000) break;
    }
  }
  const sources: Source[] = [];
  for (const label of SOURCE_LABELS) {
    const rows = await db.read(`MATCH (n:${label}) RETURN n.id AS id`);
    for (const row of rows) sources.push({ label, id: String(row.id) });
  }
  await maintainAggregatesInBatches(db, sources, progress);
  await db.write((tx) =>
    tx.run("CREATE (:AggregateState {id: $id, counts: $counts})", { id: STATE_ID, counts }),
  );
}

/**
 * Start-up check: a database without aggregates (or with writes that went around the maintenance)
 * gets them rebuilt before the service answers.
 */
export async function ensureAggregates(db: Database, log: (message: string) => void): Promise<boolean> {
  if (await aggregatesFresh(db)) return false;
  log("aggregates missing or out of date: rebuilding them (npm run aggregates:rebuild)");
  const started = Date.now();
  let last = "";
  await rebuildAggregates(db, (step, done, total) => {
    const line = `${step} ${Math.floor((100 * done) / Math.max(1, total))}%`;
    if (done === total && line !== last) log(`aggregates: ${step} ${done}/${total}`);
    last = line;
  });
  log(`aggregates rebuilt in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return true;
}
