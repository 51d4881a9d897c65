import type { ManagedTransaction } from "neo4j-driver";
import type { Database } from "../../db/database";
import { EVIDENCE_SCORE, EVIDENCE_WEIGHTS, SUBTOPIC_STEP, evidenceRows, topicClosure } from "../../domain";
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

/** Items (experiences, initiatives) of the given organisations, before and after the write. */
const ITEMS = `
UNWIND $keys AS key
OPTIONAL MATCH (f:AggregateFootprint {source: key})
OPTIONAL MATCH (o:Organisation {id: substring(key, 13)}) WHERE key STARTS WITH 'Organisation:'
RETURN coalesce(f.items, []) +
       CASE WHEN o IS NULL THEN [] ELSE
         COLLECT { MATCH (o)-[:SHARED]->(e:Experience) RETURN 'Experience:' + e.id } +
         COLLECT { MATCH (o)-[:PARTICIPATES_IN]->(i:Initiative) RETURN DISTINCT 'Initiative:' + i.id }
       END AS items`;

/**
 * Re-reads the footprint of each source under its lock: which organisations' scores and which
 * municipalities' counts it contributes to (before and after), and how its counts changed.
 */
const FOOTPRINT = `
UNWIND $keys AS key
WITH key, split(key, ':')[0] AS label, substring(key, size(split(key, ':')[0]) + 1) AS id
MERGE (f:AggregateFootprint {source: key})
SET f._lock = true
REMOVE f._lock
WITH f, label, id, coalesce(f.counts, $zero) AS oldCounts, coalesce(f.orgs, []) AS oldOrgs,
     coalesce(f.municipalities, []) AS oldMunicipalities
OPTIONAL CALL (label, id) {
  MATCH (o:Organisation {id: id}) WHERE label = 'Organisation'
  RETURN {orgs: [o.id],
          items: COLLECT { MATCH (o)-[:SHARED]->(e:Experience) RETURN 'Experience:' + e.id } +
                 COLLECT { MATCH (o)-[:PARTICIPATES_IN]->(i:Initiative) RETURN DISTINCT 'Initiative:' + i.id },
          municipalities: COLLECT { MATCH (o)-[:ACTIVE_IN|BASED_IN]->()<-[:IN_PROVINCE*0..1]-(m:Municipality) RETURN DISTINCT m.code },
          counts: ${SOURCE_COUNTS.Organisation("o")}} AS now
  UNION
  MATCH (e:Experience {id: id}) WHERE label = 'Experience'
  RETURN {orgs: COLLECT { MATCH (o:Organisation)-[:SHARED]->(e) RETURN DISTINCT o.id }, items: [],
          municipalities: COLLECT { MATCH (e)-[:IN]->(m:Municipality) RETURN DISTINCT m.code },
          counts: ${SOURCE_COUNTS.Experience("e")}} AS now
  UNION
  MATCH (i:Initiative {id: id}) WHERE label = 'Initiative'
  RETURN {orgs: COLLECT { MATCH (o:Organisation)-[:PARTICIPATES_IN]->(i) RETURN DISTINCT o.id }, items: [],
          municipalities: [], counts: ${SOURCE_COUNTS.Initiative("i")}} AS now
}
WITH f, oldCounts, oldOrgs, oldMunicipalities, now, coalesce(now.counts, $zero) AS newCounts
SET f.orgs = now.orgs, f.items = now.items, f.municipalities = now.municipalities, f.counts = now.counts
WITH f, now, oldOrgs + coalesce(now.orgs, []) AS orgs,
     oldMunicipalities + coalesce(now.municipalities, []) AS municipalities,
     [i IN range(0, size(newCounts) - 1) | newCounts[i] - oldCounts[i]] AS delta
CALL (f, now) { WITH f WHERE now IS NULL DELETE f }
RETURN orgs, municipalities, delta`;

/** The topics an organisation's score is kept for: every ancestor (or itself) of a topic of its evidence. */
const ROOTS = `CALL (o) {
    CALL (o) {
      MATCH (o)-[:WORKS_ON]->(t:Topic) RETURN t
      UNION MATCH (o)-[:SHARED]->(:Experience)-[:ABOUT]->(t:Topic) RETURN t
      UNION MATCH (o)-[:PARTICIPATES_IN]->(:Initiative)-[:ABOUT]->(t:Topic) RETURN t
    }
    MATCH (t)-${SUBTOPIC_STEP}->(root:Topic)
    RETURN collect(DISTINCT root) AS roots
  }`;

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

const SCORE_SCOPE = "root, topics, pageOrgs, mc, pc, mcs";

/** whoWorksOn's evidence rules (domain/evidence.rows) for one organisation, topic and asked place. */
const SCORES = `
UNWIND $orgs AS id
MATCH (o:Organisation {id: id}) WHERE o.status = 'ACTIVE'
${ROOTS}
${PLACES}
UNWIND roots AS root
${topicClosure("root")}
UNWIND places AS k
WITH o, root, topics, k, [o] AS pageOrgs, k.kind AS kind, k.mc AS mc, k.pc AS pc, k.mcs AS mcs
CALL (${SCORE_SCOPE}, kind) {
  WITH ${SCORE_SCOPE} WHERE kind IS NULL
  ${evidenceRows(undefined, SCORE_SCOPE, "pageOrgs")}
  RETURN ${EVIDENCE_SCORE} AS score, count(*) AS n
  UNION ALL
  WITH ${SCORE_SCOPE} WHERE kind = 'municipality'
  ${evidenceRows("municipality", SCORE_SCOPE, "pageOrgs", { municipalityCode: "mc", provinceCode: "pc", municipalityCodes: "mcs" })}
  RETURN ${EVIDENCE_SCORE} AS score, count(*) AS n
  UNION ALL
  WITH ${SCORE_SCOPE} WHERE kind = 'province'
  ${evidenceRows("province", SCORE_SCOPE, "pageOrgs", { municipalityCode: "mc", provinceCode: "pc", municipalityCodes: "mcs" })}
  RETURN ${EVIDENCE_SCORE} AS score, count(*) AS n
}
WITH o, ${scoreKey("root.id", "k.place")} AS key, score, n, ${tieBreaker("id", "o")} AS tie
WHERE n > 0`;

/** The score parameters: every scope, no national fallback (national questions are answered live). */
const SCORE_PARAMS = {
  scopes: Object.values(Scope),
  includeNational: false,
  roleWeights: EVIDENCE_WEIGHTS.role,
  placeKind: null,
  deep: true,
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
    `${SCORES}
     RETURN o.id AS organisation, key, score, n AS evidenceCount, tie`,
    { ...SCORE_PARAMS, orgs },
  );
  return rows.map((r) => ({
    organisation: String(r.organisation),
    key: String(r.key),
    score: Number(r.score),
    evidenceCount: Number(r.evidenceCount),
    tie: String(r.tie),
  }));
}

/** Replaces the stored scores of the organisations (deleted ones lose theirs), under their locks. */
export async function rescore(tx: ManagedTransaction, orgs: readonly string[]): Promise<void> {
  if (orgs.length === 0) return;
  await run(
    tx,
    `UNWIND $orgs AS id
     OPTIONAL MATCH (o:Organisation {id: id})
     CALL (o) { WITH o WHERE o IS NOT NULL SET o._lock = true REMOVE o._lock }
     WITH id
     MATCH (s:WhoWorksOnScore {organisation: id})
     DELETE s`,
    { orgs },
  );
  await run(
    tx,
    `${SCORES}
     CREATE (:WhoWorksOnScore {organisation: o.id, key: key, score: score, evidenceCount: n, tie: tie,
                               scope: o.scope, rank: ${rankOf("key", "score", "tie")}})`,
    { ...SCORE_PARAMS, orgs },
  );
}

/** Topic counts of municipality `m` as the maintained aggregate stores them (for rebuilds and tests). */
const COUNTS = `
UNWIND $codes AS code
MATCH (m:Municipality {code: code})
OPTIONAL MATCH (m)-[:IN_PROVINCE]->(mp:Province)
${municipalityTopicRows("m", "mp")}
WITH m, t, sum(organisationCount) AS organisationCount, sum(experienceCount) AS experienceCount
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
    `${COUNTS}
     RETURN m.code AS municipality, collect(t.id) AS topics, collect(organisationCount) AS organisations,
            collect(experienceCount) AS experiences`,
    { codes },
  );
  return rows as unknown as MunicipalityTopicCounts[];
}

/** Replaces the stored topic counts of the municipalities (locked by their MERGE). */
export async function recount(tx: ManagedTransaction, codes: readonly string[]): Promise<void> {
  if (codes.length === 0) return;
  await run(
    tx,
    `UNWIND $codes AS code
     MERGE (c:MunicipalityTopics {municipality: code})
     SET c.topics = [], c.organisations = [], c.experiences = []`,
    { codes },
  );
  await run(
    tx,
    `${COUNTS}
     WITH m, collect(t.id) AS topics, collect(organisationCount) AS organisations, collect(experienceCount) AS experiences
     MATCH (c:MunicipalityTopics {municipality: m.code})
     SET c.topics = topics, c.organisations = organisations, c.experiences = experiences`,
    { codes },
  );
}

interface FootprintChange {
  orgs: Set<string>;
  municipalities: Set<string>;
  delta: number[];
}

/** Re-reads the footprints of the sources (keys "Label:id"); returns what they affect. */
async function refootprint(tx: ManagedTransaction, keys: readonly string[]): Promise<FootprintChange> {
  const change: FootprintChange = { orgs: new Set(), municipalities: new Set(), delta: [...ZERO] };
  if (keys.length === 0) return change;
  const rows = await run(tx, FOOTPRINT, { keys: [...keys].sort(), zero: ZERO });
  for (const row of rows) {
    for (const o of row.orgs as string[]) change.orgs.add(o);
    for (const m of row.municipalities as string[]) change.municipalities.add(m);
    (row.delta as number[]).forEach((d, i) => (change.delta[i] = (change.delta[i] ?? 0) + Number(d)));
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
  const keys = new Set(sources.map(sourceKey));
  const orgKeys = [...keys].filter((k) => k.startsWith("Organisation:"));
  if (orgKeys.length) {
    const rows = await run(tx, ITEMS, { keys: orgKeys });
    for (const row of rows) for (const item of row.items as string[]) keys.add(item);
  }
  const change = await refootprint(tx, [...keys]);
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
