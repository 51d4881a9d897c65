import neo4j from "neo4j-driver";
import type { Database } from "../db/database";
import { maintainAggregatesInBatches, type Source } from "../graph/common/aggregates.repository";
import { runSteps, type WriteOptions, type WriteReport } from "./batch.writer";
import { entitySteps, orderSteps } from "./graph.steps";
import { SYNTHETIC_PREFIX, type SyntheticGraph, type SyntheticReference } from "./synthetic";

/** Reading the reference data for, writing and removing synthetic graphs. */

export async function loadSyntheticReference(db: Database): Promise<SyntheticReference> {
  const [provinces, municipalities, topics, conditions] = await Promise.all([
    db.read("MATCH (p:Province) RETURN p.code AS code, p.name AS name ORDER BY code"),
    db.read(
      `MATCH (m:Municipality)-[:IN_PROVINCE]->(p:Province)
       WHERE m.validTo IS NULL AND m.lat IS NOT NULL
       RETURN m.code AS code, m.name AS name, p.code AS provinceCode, m.lat AS lat, m.lon AS lon ORDER BY code`,
    ),
    db.read(
      `MATCH (t:Topic) WHERE NOT t.id STARTS WITH $prefix
       OPTIONAL MATCH (t)-[:SUBTOPIC_OF]->(b:Topic)
       RETURN t.id AS id, t.name AS name, b.id AS broader ORDER BY id`,
      { prefix: SYNTHETIC_PREFIX },
    ),
    db.read("MATCH (c:Condition) RETURN c.id AS id, c.name AS name ORDER BY id"),
  ]);
  return {
    provinces: provinces.map((r) => ({ code: String(r.code), name: String(r.name) })),
    municipalities: municipalities.map((r) => ({
      code: String(r.code),
      name: String(r.name),
      provinceCode: String(r.provinceCode),
      lat: Number(r.lat),
      lon: Number(r.lon),
    })),
    topics: topics.map((r) => ({
      id: String(r.id),
      name: String(r.name),
      broader: r.broader == null ? null : String(r.broader),
    })),
    conditions: conditions.map((r) => ({ id: String(r.id), name: String(r.name) })),
  };
}

/** The sources of the maintained aggregates among the synthetic rows. */
function sourcesOf(graph: SyntheticGraph): Source[] {
  return [
    ...graph.organisations.map((r) => ({ label: "Organisation" as const, id: r.id })),
    ...graph.initiatives.map((r) => ({ label: "Initiative" as const, id: r.id })),
    ...graph.experiences.map((r) => ({ label: "Experience" as const, id: r.id })),
  ];
}

/** Writes the graph, then brings the aggregates its rows contribute to up to date (decision 0048). */
export async function writeSynthetic(
  db: Database,
  graph: SyntheticGraph,
  options: WriteOptions = {},
): Promise<WriteReport> {
  const report = await runSteps(db, orderSteps(entitySteps(graph)), options);
  const started = Date.now();
  // One line per finished step: the row progress bar above counts rows, not these.
  await maintainAggregatesInBatches(db, sourcesOf(graph), (step, done, total) => {
    if (done === total) options.log?.(`aggregates: ${step} ${done}/${total}`);
  });
  options.log?.(`aggregates maintained in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return report;
}

const REMOVABLE = ["Experience", "Event", "Initiative", "Organisation"] as const;
const SOURCE_LABELS = ["Experience", "Initiative", "Organisation"] as const;

/** Deletes every node whose id starts with `prefix` (which must start with "syn-"), in batches. */
export async function removeSynthetic(
  db: Database,
  prefix = SYNTHETIC_PREFIX,
  batchSize = 2000,
): Promise<number> {
  if (!prefix.startsWith(SYNTHETIC_PREFIX))
    throw new Error(`refusing to delete ids that do not start with '${SYNTHETIC_PREFIX}'`);
  const removed: Source[] = [];
  for (const label of SOURCE_LABELS) {
    const rows = await db.read(`MATCH (n:${label}) WHERE n.id STARTS WITH $prefix RETURN n.id AS id`, {
      prefix,
    });
    for (const row of rows) removed.push({ label, id: String(row.id) });
  }
  let deleted = 0;
  for (const label of REMOVABLE) {
    for (;;) {
      const count = await db.write(async (tx) => {
        const result = await tx.run(
          `MATCH (n:${label}) WHERE n.id STARTS WITH $prefix
           WITH n LIMIT $limit
           DETACH DELETE n
           RETURN count(*) AS deleted`,
          { prefix, limit: neo4j.int(batchSize) }, // LIMIT needs an integer, JS numbers travel as floats
        );
        return Number(result.records[0]?.get("deleted") ?? 0);
      }, 120_000);
      deleted += count;
      if (count < batchSize) break;
    }
  }
  await maintainAggregatesInBatches(db, removed);
  return deleted;
}
