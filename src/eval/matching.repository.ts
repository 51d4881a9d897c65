import neo4j, { type Session, type Transaction } from "neo4j-driver";
import type { Database, Queryable } from "../db/database";

/** The evaluation's Cypher: who is active, and hiding a participation inside a transaction. */

export async function organisationCounts(db: Queryable): Promise<{ total: number; synthetic: number }> {
  const rows = await db.read(
    `MATCH (o:Organisation) RETURN count(o) AS total, count(CASE WHEN o.id STARTS WITH 'syn-' THEN 1 END) AS synthetic`,
  );
  return { total: Number(rows[0]?.total ?? 0), synthetic: Number(rows[0]?.synthetic ?? 0) };
}

export async function neo4jVersion(db: Queryable): Promise<string> {
  const rows = await db.read(
    "CALL dbms.components() YIELD name, versions, edition RETURN name, versions[0] AS version, edition",
  );
  const row = rows[0];
  return row ? `${String(row.name)} ${String(row.version)} ${String(row.edition)}` : "unknown";
}

/** What holding out one initiative hides: the initiative and everything that only exists through it. */
export interface HeldOut {
  initiative: string;
  /** Organisation attributes whose provenance is the membership (seeds' `provenance`). */
  derived: { organisation: string; field: "topics" | "conditions" | "activeIn"; value: string }[];
}

/**
 * Runs `work` in a write transaction in which the initiative's whole footprint is gone: the initiative
 * with its participations, its events (PART_OF) with their participations, the experiences FROM it or
 * from those events, and the attributes the seeds derive from that membership. Always rolled back: the
 * graph is never changed.
 */
export async function withHeldOut<T>(
  db: Database,
  database: string | undefined,
  held: HeldOut | null,
  work: (view: Queryable) => Promise<T>,
): Promise<T> {
  const session: Session = db.driver.session({ database, defaultAccessMode: neo4j.session.WRITE });
  let tx: Transaction | undefined;
  try {
    tx = await session.beginTransaction({ timeout: 600_000 });
    const open = tx;
    if (held) await holdOut(open, held);
    const view: Queryable = {
      read: async (cypher, params) => (await open.run(cypher, params)).records.map((r) => r.toObject()),
      write: () => Promise.reject(new Error("the evaluation only reads")),
    };
    return await work(view);
  } finally {
    if (tx?.isOpen()) await tx.rollback();
    await session.close();
  }
}

/** Deletes the footprint of `held` inside the (always rolled back) transaction. */
/** Deletes the footprint of `held` inside the (always rolled back) transaction. */
async function holdOut(open: Transaction, held: HeldOut): Promise<void> {
  const result = await open.run(
    `MATCH (i:Initiative {id: $initiative})
       OPTIONAL MATCH (e:Event)-[:PART_OF]->(i)
       WITH i, collect(e) AS events
       OPTIONAL MATCH (x:Experience)-[:FROM]->(y) WHERE y = i OR y IN events
       WITH i, events, collect(DISTINCT x) AS experiences
       FOREACH (x IN experiences | DETACH DELETE x)
       FOREACH (e IN events | DETACH DELETE e)
       DETACH DELETE i
       RETURN count(*) AS hidden`,
    { initiative: held.initiative },
  );
  if (Number(result.records[0]?.get("hidden") ?? 0) === 0) {
    throw new Error(`initiative ${held.initiative} is not in the graph`);
  }
  const of = (field: HeldOut["derived"][number]["field"]) =>
    held.derived.filter((d) => d.field === field).map((d) => ({ o: d.organisation, v: d.value }));
  await open.run(
    `UNWIND $topics AS d MATCH (:Organisation {id: d.o})-[r:WORKS_ON]->(:Topic {id: d.v}) DELETE r`,
    { topics: of("topics") },
  );
  await open.run(
    `UNWIND $conditions AS d MATCH (:Organisation {id: d.o})-[r:REPRESENTS]->(:Condition {id: d.v}) DELETE r`,
    { conditions: of("conditions") },
  );
  await open.run(
    `UNWIND $places AS d MATCH (:Organisation {id: d.o})-[r:ACTIVE_IN]->(p) WHERE p.code = d.v DELETE r`,
    { places: of("activeIn") },
  );
}

/** The organisations as the baselines see them (in the graph as it is, or with an initiative held out). */
export interface OrganisationFacts {
  id: string;
  kind: string;
  scope: string;
  active: boolean;
  topics: string[];
  /** Condition ids and their groups (beperking/aandoening/doelgroep worlds). */
  conditions: string[];
  conditionGroups: string[];
  /** Municipality and province codes it is active in or based in (a municipality's province included). */
  places: string[];
  /** All its relationships: the popularity baseline. */
  degree: number;
  /** Organisations it shares an initiative with (never suggested without includeExisting). */
  partners: string[];
}

export async function organisationFacts(db: Queryable): Promise<OrganisationFacts[]> {
  const rows = await db.read(
    `MATCH (o:Organisation)
     RETURN o.id AS id, o.kind AS kind, o.scope AS scope, o.status = 'ACTIVE' AS active,
            [(o)-[:WORKS_ON]->(t:Topic) | t.id] AS topics, COUNT { (o)--() } AS degree,
            [(o)-[:REPRESENTS]->(d:Condition) | d.id] AS conditions,
            [(o)-[:REPRESENTS]->(d:Condition) | d.group] AS conditionGroups,
            [(o)-[:ACTIVE_IN|BASED_IN]->(x) | x.code]
              + [(o)-[:ACTIVE_IN|BASED_IN]->(:Municipality)-[:IN_PROVINCE]->(q:Province) | q.code] AS places,
            [(o)-[:PARTICIPATES_IN]->(:Initiative)<-[:PARTICIPATES_IN]-(p:Organisation) WHERE p <> o | p.id] AS partners`,
  );
  return rows.map((r) => ({
    id: String(r.id),
    kind: String(r.kind),
    scope: String(r.scope),
    active: r.active === true,
    topics: r.topics as string[],
    conditions: r.conditions as string[],
    conditionGroups: [...new Set(r.conditionGroups as string[])],
    places: [...new Set(r.places as string[])],
    degree: Number(r.degree),
    partners: [...new Set(r.partners as string[])],
  }));
}

/**
 * The heterogeneous graph for the random walk: every relationship between the node kinds the model
 * looks at, as pairs of "Label:key" (municipalities and provinces included: sharing a place is a path).
 */
export async function walkEdges(db: Queryable): Promise<[string, string][]> {
  const rows = await db.read(
    `MATCH (a)-[r]->(b)
     WHERE type(r) IN ['WORKS_ON', 'REPRESENTS', 'PARTICIPATES_IN', 'TAKES_PART_IN', 'SHARED', 'MEMBER_OF',
                       'ABOUT', 'CONCERNS', 'PART_OF', 'FROM', 'SUBTOPIC_OF', 'ACTIVE_IN', 'BASED_IN', 'IN_PROVINCE']
     RETURN labels(a)[0] + ':' + coalesce(a.id, a.code) AS a, labels(b)[0] + ':' + coalesce(b.id, b.code) AS b`,
  );
  return rows.map((r) => [String(r.a), String(r.b)]);
}

/** About `count` active organisations whose ids start with `prefix`, spread over the id range. */
export async function sampleOrganisations(db: Queryable, prefix: string, count: number): Promise<string[]> {
  const rows = await db.read(
    `MATCH (o:Organisation) WHERE o.id STARTS WITH $prefix AND o.status = 'ACTIVE'
     WITH o ORDER BY o.id RETURN collect(o.id) AS ids`,
    { prefix },
  );
  const ids = (rows[0]?.ids ?? []) as string[];
  const step = Math.max(1, Math.floor(ids.length / count));
  return ids.filter((_, i) => i % step === 0).slice(0, count);
}

export async function initiativesPresent(db: Queryable, ids: string[]): Promise<boolean> {
  const rows = await db.read("UNWIND $ids AS id MATCH (i:Initiative {id: id}) RETURN count(i) AS found", {
    ids,
  });
  return Number(rows[0]?.found ?? 0) === ids.length;
}
