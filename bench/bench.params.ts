import type { Database } from "../src/db/database";
import type { BenchParams } from "./bench.operations";

/**
 * The parameters of the operations. Topic, province, municipality and place are chosen once, at the
 * first size, and kept for the larger ones so that growth compares like with like; the profiled
 * organisation is chosen per size (the synthetic graph is regenerated).
 */

const NEAR_RADIUS_KM = 15;
/** Utrecht: a central city, so that the circle holds several municipalities. */
const NEAR_CENTRE = "GM0344";
const SEARCH_TEXT = "mantelzorg";

export async function fixedParams(db: Database): Promise<Omit<BenchParams, "organisation">> {
  const [topic, province, municipality, centre] = await Promise.all([
    db.read(
      `MATCH (root:Topic) WHERE NOT (root)-[:SUBTOPIC_OF]->(:Topic)
       RETURN root.id AS id, COUNT { (root)<-[:SUBTOPIC_OF*0..6]-(:Topic)<-[:WORKS_ON]-(:Organisation) } AS n
       ORDER BY n DESC, id LIMIT 1`,
    ),
    db.read(
      `MATCH (p:Province)
       RETURN p.code AS code, COUNT { (p)<-[:IN_PROVINCE*0..1]-()<-[:ACTIVE_IN|BASED_IN]-(:Organisation) } AS n
       ORDER BY n DESC, code LIMIT 1`,
    ),
    db.read(
      `MATCH (m:Municipality) WHERE m.validTo IS NULL
       RETURN m.code AS code, COUNT { (m)<-[:ACTIVE_IN|BASED_IN]-(:Organisation) } AS n
       ORDER BY n DESC, code LIMIT 1`,
    ),
    db.read("MATCH (m:Municipality {code: $code}) RETURN m.lat AS lat, m.lon AS lon", { code: NEAR_CENTRE }),
  ]);
  const need = (rows: Record<string, unknown>[], key: string, what: string): string => {
    const value = rows[0]?.[key];
    if (typeof value !== "string") throw new Error(`no ${what} in the graph: is the factual seed loaded?`);
    return value;
  };
  return {
    topic: need(topic, "id", "top-level topic"),
    province: need(province, "code", "province"),
    municipality: need(municipality, "code", "municipality"),
    near: {
      lat: Number(centre[0]?.lat ?? 52.09),
      lon: Number(centre[0]?.lon ?? 5.12),
      radiusKm: NEAR_RADIUS_KM,
    },
    text: SEARCH_TEXT,
  };
}

/** The synthetic organisation taking part in the most initiatives: the heaviest profile. */
export async function busiestOrganisation(db: Database): Promise<string> {
  const rows = await db.read(
    `MATCH (o:Organisation) WHERE o.id STARTS WITH 'syn-'
     WITH o, COUNT { (o)-[:PARTICIPATES_IN]->(:Initiative) } AS n
     ORDER BY n DESC, o.id LIMIT 1
     RETURN o.id AS id`,
  );
  const id = rows[0]?.id;
  if (typeof id !== "string") throw new Error("no synthetic organisation in the graph");
  return id;
}

export async function graphSize(db: Database): Promise<{ nodes: number; relationships: number }> {
  const [nodes, relationships] = await Promise.all([
    db.read("MATCH (n) RETURN count(n) AS n"),
    db.read("MATCH ()-[r]->() RETURN count(r) AS n"),
  ]);
  return { nodes: Number(nodes[0]?.n ?? 0), relationships: Number(relationships[0]?.n ?? 0) };
}
