import type { Database } from "../../db/database";
import { COUNTERS, STATE_ID, freshness } from "./aggregates.fragments";
import { type BulkProgress, type Source, maintainAggregatesInBatches } from "./aggregates.repository";

// The state first: readers answer live from the moment a rebuild begins.
const AGGREGATE_LABELS = ["AggregateState", "WhoWorksOnScore", "MunicipalityTopics", "AggregateFootprint"];
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

/** Whether the aggregates were ever built (the state node exists). */
async function aggregatesBuilt(db: Database): Promise<boolean> {
  const rows = await db.read(`MATCH (s:AggregateState {id: $id}) RETURN count(s) AS n`, { id: STATE_ID });
  return Number(rows[0]?.n ?? 0) > 0;
}

/**
 * Start-up check: a database without aggregates (a fresh clone, a database from before them) gets them
 * built before the service answers. Out of date ones (writes around the maintenance) are only reported:
 * the readers answer live meanwhile, and a rebuild of a large graph is an operator's decision.
 */
export async function ensureAggregates(db: Database, log: (message: string) => void): Promise<boolean> {
  if (await aggregatesBuilt(db)) {
    if (!(await aggregatesFresh(db)))
      log(
        "aggregates out of date (a write went around the API): whoWorksOn answers live until `npm run aggregates:rebuild`",
      );
    return false;
  }
  log("no aggregates yet: building them (npm run aggregates:rebuild)");
  const started = Date.now();
  await rebuildAggregates(db, (step, done, total) => {
    if (done === total) log(`aggregates: ${step} ${done}/${total}`);
  });
  log(`aggregates built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return true;
}
