import type { Database } from "../../db/database";
import type { RelationSpec } from "./node.repository";

/**
 * The largest number of related nodes any parent has, per relation: what a connection of that relation
 * can return at most, whatever its `first`. The cost estimate reads it (`relationComplexity`), so a
 * screen asking `first: 50` participants of initiatives that have at most 13 is priced by 13, while a
 * relation with hubs (a topic's organisations) stays priced by `first`.
 */
const MAX_FANOUT = new Map<string, number>();

export function maxFanout(relation: string): number | undefined {
  return MAX_FANOUT.get(relation);
}

/** Reads the statistics (one aggregate query per relation); the previous figures stay on failure. */
export async function refreshFanout(
  db: Database,
  relations: readonly (RelationSpec & { name: string })[],
): Promise<void> {
  for (const relation of relations) {
    const [label] = relation.from;
    const rows = await db.read(
      `MATCH (p:${label})
       CALL (p) { MATCH ${relation.pattern} WHERE ${relation.where ?? "true"} RETURN count(DISTINCT n) AS c }
       RETURN max(c) AS max`,
    );
    const max = Number(rows[0]?.max ?? 0);
    MAX_FANOUT.set(relation.name, Number.isFinite(max) ? max : 0);
  }
}
