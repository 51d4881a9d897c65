import type { ManagedTransaction } from "neo4j-driver";
import type { Database } from "../../db/database";
import { EVIDENCE_WEIGHTS, evidencePieces, evidenceScoreOf, pieceWeights } from "../../domain";
import { Scope } from "./enums";
import {
  COUNTERS,
  PROVINCE_ONLY_SUFFIX,
  SOURCE_COUNTS,
  STATE_ID,
  municipalityTopicRows,
  rankOf,
  scoreKey,
} from "./aggregates.fragments";
import { tieBreaker } from "./node.repository";

/**
 * Maintenance of the aggregates (decision 0048, fragments in aggregates.fragments.ts): one entry point
 * for the write paths, `maintainAggregates(tx, sources)`, in the writer's transaction; the bulk paths
 * and the rebuild use the same steps in batches.
 */

export type SourceLabel = "Organisation" | "Experience" | "Initiative";
export interface Source {
  label: SourceLabel;
  id: string;
}

const SOURCE_LABELS = new Set<string>(["Organisation", "Experience", "Initiative"]);
export const isSourceLabel = (label: string): label is SourceLabel => SOURCE_LABELS.has(label);

const sourceKey = (s: Source): string => `${s.label}:${s.id}`;
const ZERO = COUNTERS.map(() => 0);

/** Opens every maintenance statement, so that a reader of the query log (or a test) can tell them apart. */
export const AGGREGATES_TAG = "/* aggregates */";

async function run(tx: ManagedTransaction, cypher: string, params: Record<string, unknown>) {
  const result = await tx.run(`${AGGREGATES_TAG}${cypher}`, params);
  return result.records.map((r) => r.toObject() as Record<string, unknown>);
}

/**
 * What each source contributes now (a map, or null once it is gone), per label: the organisations it
 * scores, its items (an organisation's experiences and initiatives), the municipalities it counts in,
 * and its counts (aligned with COUNTERS). One statement per label: each plans in a fraction of the
 * time one statement for every label took (issue 11, plans after a restart).
 */
const NOW: Record<SourceLabel, string> = {
  Organisation: `OPTIONAL MATCH (o:Organisation {id: id})
  WITH f, CASE WHEN o IS NULL THEN null ELSE {orgs: [o.id],
          items: COLLECT { MATCH (o)-[:SHARED]->(e:Experience) RETURN 'Experience:' + e.id } +
                 COLLECT { MATCH (o)-[:PARTICIPATES_IN]->(i:Initiative) RETURN DISTINCT 'Initiative:' + i.id },
          municipalities: COLLECT { MATCH (o)-[:ACTIVE_IN|BASED_IN]->()<-[:IN_PROVINCE*0..1]-(m:Municipality) RETURN DISTINCT m.code },
          counts: ${SOURCE_COUNTS.Organisation("o")}} END AS now`,
  Experience: `OPTIONAL MATCH (e:Experience {id: id})
  WITH f, CASE WHEN e IS NULL THEN null ELSE {orgs: COLLECT { MATCH (o:Organisation)-[:SHARED]->(e) RETURN DISTINCT o.id }, items: [],
          municipalities: COLLECT { MATCH (e)-[:IN]->(m:Municipality) RETURN DISTINCT m.code },
          counts: ${SOURCE_COUNTS.Experience("e")}} END AS now`,
  Initiative: `OPTIONAL MATCH (i:Initiative {id: id})
  WITH f, CASE WHEN i IS NULL THEN null ELSE {orgs: COLLECT { MATCH (o:Organisation)-[:PARTICIPATES_IN]->(i) RETURN DISTINCT o.id }, items: [],
          municipalities: [], counts: ${SOURCE_COUNTS.Initiative("i")}} END AS now`,
};

/**
 * Re-reads the footprint of each source of one label under its lock: which organisations' scores and
 * which municipalities' counts it contributes to (before and after), its items (before and after) and
 * how its counts changed.
 */
function footprintStatement(label: SourceLabel): string {
  return `
UNWIND $batch.ids AS id
MERGE (f:AggregateFootprint {source: '${label}:' + id})
SET f._lock = true
REMOVE f._lock
WITH f, id
${NOW[label]}
WITH f, now, coalesce(f.counts, $zero) AS oldCounts, coalesce(now.counts, $zero) AS newCounts,
     coalesce(f.orgs, []) + coalesce(now.orgs, []) AS orgs, coalesce(f.items, []) + coalesce(now.items, []) AS items,
     coalesce(f.municipalities, []) + coalesce(now.municipalities, []) AS municipalities
SET f.orgs = now.orgs, f.items = now.items, f.municipalities = now.municipalities, f.counts = now.counts
WITH f, now, orgs, items, municipalities, [i IN range(0, size(newCounts) - 1) | newCounts[i] - oldCounts[i]] AS delta
CALL (f, now) { WITH f WHERE now IS NULL DELETE f }
RETURN orgs, items, municipalities, delta`;
}
const FOOTPRINT = {
  Organisation: footprintStatement("Organisation"),
  Experience: footprintStatement("Experience"),
  Initiative: footprintStatement("Initiative"),
};

/**
 * The asked places an organisation's score is kept for: none; each municipality it or its evidence is
 * linked to, and its province; each linked province, and "a municipality of that province with nothing
 * of the organisation in it" (province-level evidence only: the same score for all of them).
 */
const PLACES = `CALL (o) {
    CALL (o) {
      MATCH (o)-[:ACTIVE_IN|BASED_IN]->(x) RETURN x
      UNION MATCH (o)-[:SHARED]->(:Experience)-[:IN]->(x) RETURN x
      UNION MATCH (o)-[:PARTICIPATES_IN]->(:Initiative)-[:ACTIVE_IN]->(x) RETURN x
    }
    CALL (x) {
      WITH x WHERE x:Municipality
      RETURN {place: x.code, kind: 'municipality', mc: x.code, mcs: null,
              pc: COLLECT { MATCH (x)-[:IN_PROVINCE]->(p:Province) RETURN p.code }[0]} AS k
      UNION
      MATCH (x:Municipality)-[:IN_PROVINCE]->(p:Province)
      RETURN {place: p.code, kind: 'province', mc: null, pc: p.code,
              mcs: COLLECT { MATCH (m:Municipality)-[:IN_PROVINCE]->(p) RETURN m.code }} AS k
      UNION
      WITH x WHERE x:Province
      RETURN {place: x.code, kind: 'province', mc: null, pc: x.code,
              mcs: COLLECT { MATCH (m:Municipality)-[:IN_PROVINCE]->(x) RETURN m.code }} AS k
      UNION
      WITH x WHERE x:Province
      RETURN {place: x.code + '${PROVINCE_ONLY_SUFFIX}', kind: 'municipality', mc: null, pc: x.code, mcs: null} AS k
    }
    RETURN collect(DISTINCT k) + [{place: '', kind: null, mc: null, pc: null, mcs: null}] AS places
  }`;

/**
 * whoWorksOn's scores of each organisation for every topic its evidence counts for (with subtopics)
 * and every asked place it is kept for: the organisation's evidence is read once (domain:
 * evidencePieces) and each score derived from it with the same rules (pieceWeights, evidenceScoreOf).
 * One map parameter `$batch` for the list: Neo4j keys plans by the size class of list parameters, not
 * of maps, so every batch size shares one plan.
 */
const scores = (ids: string): string => `
UNWIND ${ids} AS id
MATCH (o:Organisation {id: id})
WITH o, ${evidencePieces()} AS pieces
WHERE size(pieces) > 0
${PLACES}
UNWIND pieces AS piece
UNWIND piece.roots AS root
WITH DISTINCT o, pieces, places, root
UNWIND places AS k
WITH o, root, k, ${pieceWeights("pieces", "root", "k.kind", { municipalityCode: "k.mc", provinceCode: "k.pc", municipalityCodes: "k.mcs" })} AS ws
WHERE size(ws) > 0
WITH o, ${scoreKey("root.id", "k.place")} AS key, ${evidenceScoreOf("ws")} AS score, size(ws) AS n,
     ${tieBreaker("id", "o")} AS tie`;

/** The score parameters: every scope (national questions are answered live). */
const SCORE_PARAMS = {
  scopes: Object.values(Scope),
  roleWeights: EVIDENCE_WEIGHTS.role,
};

export interface ScoreEntry {
  organisation: string;
  key: string;
  score: number;
  evidenceCount: number;
  tie: string;
}

/** The scores as computed now (not stored): for the rebuild, and for tests that compare. */
export async function computeScores(tx: ManagedTransaction, orgs: readonly string[]): Promise<ScoreEntry[]> {
  const rows = await run(
    tx,
    `${scores("$batch.orgs")}
     RETURN o.id AS organisation, key, score, n AS evidenceCount, tie`,
    { ...SCORE_PARAMS, batch: { orgs } },
  );
  return rows.map((r) => ({
    organisation: String(r.organisation),
    key: String(r.key),
    score: Number(r.score),
    evidenceCount: Number(r.evidenceCount),
    tie: String(r.tie),
  }));
}

/**
 * Replaces the stored scores of the organisations (deleted ones lose theirs), under their locks, in one
 * statement: the old scores go first (Cypher runs a statement's clauses in order), then the new.
 */
const RESCORE = `
UNWIND $batch.orgs AS id
CALL (id) {
  OPTIONAL MATCH (o:Organisation {id: id})
  CALL (o) { WITH o WHERE o IS NOT NULL SET o._lock = true REMOVE o._lock }
  WITH id
  MATCH (s:WhoWorksOnScore {organisation: id})
  DELETE s
}
WITH collect(id) AS done
${scores("done")}
CREATE (:WhoWorksOnScore {organisation: o.id, key: key, score: score, evidenceCount: n, tie: tie,
                          scope: o.scope, rank: ${rankOf("key", "score", "tie")}})`;

export async function rescore(tx: ManagedTransaction, orgs: readonly string[]): Promise<void> {
  if (orgs.length === 0) return;
  await run(tx, RESCORE, { ...SCORE_PARAMS, batch: { orgs } });
}

/**
 * Topic counts of municipality `m` (code `code`, carrying `carry`) as the maintained aggregate stores
 * them, one row per topic in topic order (for the maintenance, rebuilds and tests).
 */
const countRows = (carry: string): string => `
MATCH (m:Municipality {code: code})
OPTIONAL MATCH (m)-[:IN_PROVINCE]->(mp:Province)
${municipalityTopicRows("m", "mp")}
WITH ${carry}m, t, sum(organisationCount) AS organisationCount, sum(experienceCount) AS experienceCount
ORDER BY t.id`;

export interface MunicipalityTopicCounts {
  municipality: string;
  topics: string[];
  organisations: number[];
  experiences: number[];
}

/** The topic counts of the municipalities as computed now (not stored). */
export async function computeCounts(
  tx: ManagedTransaction,
  codes: readonly string[],
): Promise<MunicipalityTopicCounts[]> {
  const rows = await run(
    tx,
    `UNWIND $batch.codes AS code
     ${countRows("")}
     RETURN m.code AS municipality, collect(t.id) AS topics, collect(organisationCount) AS organisations,
            collect(experienceCount) AS experiences`,
    { batch: { codes } },
  );
  return rows as unknown as MunicipalityTopicCounts[];
}

/** Replaces the stored topic counts of the municipalities (locked by their MERGE), in one statement. */
const RECOUNT = `
UNWIND $batch.codes AS code
MERGE (c:MunicipalityTopics {municipality: code})
SET c.topics = [], c.organisations = [], c.experiences = []
WITH c, code
${countRows("c, ")}
WITH c, collect(t.id) AS topics, collect(organisationCount) AS organisations, collect(experienceCount) AS experiences
SET c.topics = topics, c.organisations = organisations, c.experiences = experiences`;

export async function recount(tx: ManagedTransaction, codes: readonly string[]): Promise<void> {
  if (codes.length === 0) return;
  await run(tx, RECOUNT, { batch: { codes } });
}

interface FootprintChange {
  orgs: Set<string>;
  municipalities: Set<string>;
  delta: number[];
}

const LABEL_ORDER: readonly SourceLabel[] = ["Organisation", "Experience", "Initiative"];

/**
 * Re-reads the footprints of the sources (keys "Label:id"); returns what they affect. With `withItems`,
 * the items of the organisations among them (before and after) are re-read too. Locks are taken in
 * one order: organisations, then experiences, then initiatives, each by id.
 */
async function refootprint(
  tx: ManagedTransaction,
  keys: readonly string[],
  withItems = false,
): Promise<FootprintChange> {
  const change: FootprintChange = { orgs: new Set(), municipalities: new Set(), delta: [...ZERO] };
  const pending = new Set(keys);
  for (const label of LABEL_ORDER) {
    const prefix = `${label}:`;
    const ids = [...pending].filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length));
    if (ids.length === 0) continue;
    const rows = await run(tx, FOOTPRINT[label], { batch: { ids: ids.sort() }, zero: ZERO });
    for (const row of rows) {
      for (const o of row.orgs as string[]) change.orgs.add(o);
      for (const m of row.municipalities as string[]) change.municipalities.add(m);
      if (withItems) for (const item of row.items as string[]) pending.add(item);
      (row.delta as number[]).forEach((d, i) => (change.delta[i] = (change.delta[i] ?? 0) + Number(d)));
    }
  }
  return change;
}

/** Adds the sources' changes to the totals (no state: the aggregates were never built, nothing to keep). */
async function applyDelta(tx: ManagedTransaction, delta: readonly number[]): Promise<void> {
  if (delta.every((d) => d === 0)) return;
  await run(
    tx,
    `MATCH (s:AggregateState {id: $id})
     SET s.counts = [i IN range(0, size(s.counts) - 1) | s.counts[i] + $delta[i]]`,
    { id: STATE_ID, delta },
  );
}

/**
 * THE maintenance entry point of the write paths: brings every aggregate that `sources` (the written or
 * deleted organisations, experiences and initiatives) contribute to up to date, inside `tx`. An
 * organisation's experiences and initiatives (before and after) are re-read too: their relationships to
 * it may have gone with it.
 */
export async function maintainAggregates(tx: ManagedTransaction, sources: readonly Source[]): Promise<void> {
  if (sources.length === 0) return;
  const change = await refootprint(tx, [...new Set(sources.map(sourceKey))], true);
  await rescore(tx, [...change.orgs].sort());
  await recount(tx, [...change.municipalities].sort());
  await applyDelta(tx, change.delta);
}

const RECOUNT_BATCH = 5;

export interface BulkProgress {
  (step: string, done: number, total: number): void;
}

/**
 * The bulk paths (seed, import, synthetic, rebuild): the same steps over many sources, in batches of
 * their own transactions (a bulk load is not one transaction either): footprints, then every affected
 * organisation's scores once, then every affected municipality's counts once.
 */
export async function maintainAggregatesInBatches(
  db: Database,
  sources: readonly Source[],
  progress: BulkProgress = () => undefined,
  batchSize = 500,
): Promise<void> {
  const keys = [...new Set(sources.map(sourceKey))].sort();
  const orgs = new Set<string>();
  const municipalities = new Set<string>();
  const delta = [...ZERO];
  for (let i = 0; i < keys.length; i += batchSize) {
    const change = await db.write((tx) => refootprint(tx, keys.slice(i, i + batchSize)), 300_000);
    change.orgs.forEach((o) => orgs.add(o));
    change.municipalities.forEach((m) => municipalities.add(m));
    change.delta.forEach((d, j) => (delta[j] = (delta[j] ?? 0) + d));
    progress("footprints", Math.min(i + batchSize, keys.length), keys.length);
  }
  const orgList = [...orgs].sort();
  for (let i = 0; i < orgList.length; i += batchSize) {
    await db.write((tx) => rescore(tx, orgList.slice(i, i + batchSize)), 300_000);
    progress("scores", Math.min(i + batchSize, orgList.length), orgList.length);
  }
  // Few municipalities per transaction: a recount holds their locks, which mutations may be waiting for.
  const codes = [...municipalities].sort();
  for (let i = 0; i < codes.length; i += RECOUNT_BATCH) {
    await db.write((tx) => recount(tx, codes.slice(i, i + RECOUNT_BATCH)), 300_000);
    progress("municipality counts", Math.min(i + RECOUNT_BATCH, codes.length), codes.length);
  }
  await db.write((tx) => applyDelta(tx, delta));
}
