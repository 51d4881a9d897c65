import type { Database } from "../../db/database";
import { NODE_TYPE_REGISTRY, sortKey } from "../../domain";

const BATCH = 2000;
const LABELS = [...new Set(Object.values(NODE_TYPE_REGISTRY).map((t) => t.label))];

/**
 * Gives every named node written before sort keys existed its `sortKey` (Cypher cannot strip accents,
 * so the key is computed here, as every write path does). Runs at start-up; a graph without such
 * nodes costs one indexed read per label.
 */
export async function backfillSortKeys(db: Database): Promise<number> {
  let total = 0;
  for (const label of LABELS) {
    for (;;) {
      const rows = await db.read(
        `MATCH (n:${label}) WHERE n.sortKey IS NULL AND coalesce(n.name, n.title) IS NOT NULL
         RETURN elementId(n) AS id, coalesce(n.name, n.title) AS name LIMIT toInteger($batch)`,
        { batch: BATCH },
      );
      if (rows.length === 0) break;
      const keys = rows.map((r) => ({ id: r.id as string, sortKey: sortKey(String(r.name)) }));
      await db.write((tx) =>
        tx.run(`UNWIND $keys AS k MATCH (n:${label}) WHERE elementId(n) = k.id SET n.sortKey = k.sortKey`, {
          keys,
        }),
      );
      total += rows.length;
      if (rows.length < BATCH) break;
    }
  }
  return total;
}
