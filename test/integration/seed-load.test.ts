import type { Database } from "../../src/db/database";
import { nameKey } from "../../src/domain/name-key";
import {
  isGraphEmpty,
  loadDemoDataIfEmpty,
  loadSeed,
  totalCreated,
  validateSeedDir,
  type SeedData,
} from "../../src/seed";
import { testDatabase } from "../support/database";

/**
 * The factual dataset in the database (the global setup loaded it; loading again is idempotent and
 * safe while other suites run). Counts are asserted only for labels that only the seed writes.
 */

let db: Database;
let data: SeedData;

beforeAll(async () => {
  db = testDatabase();
  data = validateSeedDir();
  await loadSeed(db, data); // harmless when the global setup already did
});
afterAll(() => db.close());

async function one(cypher: string, params: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const rows = await db.read(cypher, params);
  expect(rows).toHaveLength(1);
  return rows[0] as Record<string, unknown>;
}

/** Relationships between seed nodes only: other suites may attach their own records to seed nodes. */
async function seedGraphCounts(): Promise<{ nodes: number; relationships: number }> {
  const ids = [
    ...data.topics,
    ...data.conditions,
    ...data.organisations,
    ...data.initiatives,
    ...data.events,
    ...data.experiences,
  ].map((r) => r.id);
  const codes = [...data.provinces, ...data.municipalities, ...data.formerMunicipalities].map((p) => p.code);
  return (await one(
    `MATCH (n) WHERE n.id IN $ids OR ((n:Municipality OR n:Province) AND n.code IN $codes)
     WITH collect(n) AS nodes
     UNWIND nodes AS a
     OPTIONAL MATCH (a)-[r]->(b) WHERE b IN nodes
     RETURN size(nodes) AS nodes, count(r) AS relationships`,
    { ids, codes },
  )) as { nodes: number; relationships: number };
}

describe("the factual seed in Neo4j", () => {
  it("has the 342 municipalities of 2025 and the 12 provinces", async () => {
    expect((await one("MATCH (m:Municipality) WHERE m.validTo IS NULL RETURN count(m) AS n")).n).toBe(342);
    expect((await one("MATCH (p:Province) RETURN count(p) AS n")).n).toBe(12);
    expect(
      (
        await one(
          "MATCH (m:Municipality) WHERE m.validTo IS NULL AND NOT (m)-[:IN_PROVINCE]->(:Province) RETURN count(m) AS n",
        )
      ).n,
    ).toBe(0);
    const nuenen = await one(
      "MATCH (m:Municipality {code: 'GM0820'}) RETURN m.name AS name, m.nameKey AS key, m.location.latitude AS lat, m.validTo AS validTo",
    );
    expect(nuenen).toEqual({
      name: "Nuenen, Gerwen en Nederwetten",
      key: "nuenen, gerwen en nederwetten",
      lat: 51.4793,
      validTo: null,
    });
  });

  it("links Sint Anthonis (GM1702) to Land van Cuijk (GM1982) from 2022-01-01", async () => {
    const row = await one(
      `MATCH (old:Municipality {code: 'GM1702'})-[r:MERGED_INTO]->(new:Municipality)
       MATCH (old)-[:IN_PROVINCE]->(p:Province)
       RETURN old.name AS name, old.validTo AS validTo, old.location AS location, r.date AS date, r.legal AS legal,
              new.code AS successor, new.name AS successorName, p.code AS province`,
    );
    expect(row).toEqual({
      name: "Sint Anthonis",
      validTo: "2022-01-01",
      location: null,
      date: "2022-01-01",
      legal: true,
      successor: "GM1982",
      successorName: "Land van Cuijk",
      province: "PV30",
    });
  });

  it("keeps every part of a split and marks the legal successor", async () => {
    const rows = await db.read(
      "MATCH (:Municipality {code: 'GM0788'})-[r:MERGED_INTO]->(s) RETURN s.code AS code, r.legal AS legal ORDER BY code",
    );
    expect(rows).toEqual([
      { code: "GM0757", legal: false },
      { code: "GM0824", legal: true },
      { code: "GM0855", legal: false },
      { code: "GM0865", legal: false },
    ]);
  });

  it("has #Kennercadeau with its nine places and twelve supporters", async () => {
    const places = await db.read(
      "MATCH (:Initiative {id: 'kennercadeau'})-[:ACTIVE_IN]->(m:Municipality) RETURN m.code AS code ORDER BY code",
    );
    expect(places).toHaveLength(9);
    expect(places.map((p) => p.code)).toContain("GM1982");
    expect(places.map((p) => p.code)).not.toContain("GM1702");
    const roles = await db.read(
      "MATCH (o:Organisation)-[r:PARTICIPATES_IN]->(:Initiative {id: 'kennercadeau'}) RETURN r.role AS role, count(o) AS n",
    );
    expect(roles.find((r) => r.role === "SUPPORTER")?.n).toBe(12);
    expect(
      (
        await db.read(
          "MATCH (o:Organisation)-[:PARTICIPATES_IN {role: 'ORGANISER'}]->(:Initiative {id: 'kennercadeau'}) RETURN o.id AS id ORDER BY id",
        )
      ).map((r) => r.id),
    ).toEqual(["iederin", "patientenfederatie"]);
  });

  it("stores nameKey, source and confidence the API relies on", async () => {
    const org = await one(
      "MATCH (o:Organisation {id: 'iederin'}) RETURN o.nameKey AS key, o.source AS source, o.confidence AS confidence, o.scope AS scope",
    );
    expect(org).toMatchObject({ key: "ieder(in)", confidence: "verified", scope: "NATIONAL" });
    expect(String(org.source)).toMatch(/^https?:\/\//);
    const missing = await one(
      `MATCH (n) WHERE (n:Organisation OR n:Topic OR n:Condition OR n:Initiative OR n:Event OR n:Experience OR n:Municipality OR n:Province)
         AND (n.id IN $ids OR n.code IN $codes) AND (n.nameKey IS NULL OR n.source IS NULL)
       RETURN count(n) AS n`,
      {
        ids: [...data.organisations, ...data.topics, ...data.experiences].map((r) => r.id),
        codes: data.municipalities.map((m) => m.code),
      },
    );
    expect(missing.n).toBe(0);
    const experience = await one("MATCH (x:Experience {id: $id}) RETURN x.nameKey AS key, x.title AS title", {
      id: data.experiences[0]?.id,
    });
    expect(experience.key).toBe(nameKey(String(experience.title)));
  });

  it("changes nothing when loaded again", async () => {
    const before = await seedGraphCounts();
    const report = await loadSeed(db, data);
    const after = await seedGraphCounts();
    expect(totalCreated(report)).toEqual({ nodes: 0, relationships: 0 });
    expect(Object.values(report.relationships).every((c) => c.missing === 0)).toBe(true);
    expect(report.nodes.Municipality).toEqual({
      created: 0,
      present: 342 + data.formerMunicipalities.length,
      missing: 0,
    });
    expect(after).toEqual(before);
    expect(before.nodes).toBe(
      12 +
        342 +
        data.formerMunicipalities.length +
        data.topics.length +
        data.conditions.length +
        data.organisations.length +
        data.initiatives.length +
        data.events.length +
        data.experiences.length,
    );
  });

  it("loads demo data only into an empty database", async () => {
    expect(await isGraphEmpty(db)).toBe(false);
    const messages: string[] = [];
    expect(await loadDemoDataIfEmpty(db, (m) => messages.push(m))).toBeUndefined();
    expect(messages.join("\n")).toMatch(/demo data not loaded/);
  });
});
