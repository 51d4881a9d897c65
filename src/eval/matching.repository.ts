import neo4j, { type Session, type Transaction } from "neo4j-driver";
import type { Database, Queryable } from "../db/database";

/** The evaluation's Cypher: who is active, and hiding a participation inside a transaction. */

/** The active organisations among `ids`. */
export async function activeOrganisations(db: Queryable, ids: string[]): Promise<Set<string>> {
  const rows = await db.read(
    "UNWIND $ids AS id MATCH (o:Organisation {id: id}) WHERE o.status = 'ACTIVE' RETURN o.id AS id",
    { ids },
  );
  return new Set(rows.map((r) => String(r.id)));
}

/** Pairs of organisations that share an initiative, as "a|b" keys (both orders). */
export async function partnerPairs(db: Queryable, ids: string[]): Promise<Set<string>> {
  const rows = await db.read(
    `UNWIND $ids AS id
     MATCH (a:Organisation {id: id})-[:PARTICIPATES_IN]->(:Initiative)<-[:PARTICIPATES_IN]-(b:Organisation)
     RETURN DISTINCT a.id AS a, b.id AS b`,
    { ids },
  );
  return new Set(rows.map((r) => `${String(r.a)}|${String(r.b)}`));
}

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

/**
 * Runs `work` in a write transaction in which `organisation` no longer takes part in `initiative`,
 * and always rolls it back: the graph is never changed.
 */
export async function withHiddenParticipation<T>(
  db: Database,
  database: string | undefined,
  hide: { organisation: string; initiative: string },
  work: (view: Queryable) => Promise<T>,
): Promise<T> {
  const session: Session = db.driver.session({ database, defaultAccessMode: neo4j.session.WRITE });
  let tx: Transaction | undefined;
  try {
    tx = await session.beginTransaction({ timeout: 600_000 });
    const open = tx;
    const result = await open.run(
      `MATCH (:Organisation {id: $organisation})-[r:PARTICIPATES_IN]->(:Initiative {id: $initiative})
       DELETE r RETURN count(r) AS hidden`,
      hide,
    );
    if (Number(result.records[0]?.get("hidden") ?? 0) === 0) {
      throw new Error(`${hide.organisation} does not take part in ${hide.initiative}`);
    }
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
