import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Database } from "../../src/db/database";
import { nameKey } from "../../src/domain/name-key";
import {
  isGraphEmpty,
  loadDemoDataIfEmpty,
  seedDirectory,
  SeedValidationError,
  totalCreated,
  type SeedReport,
} from "../../src/seed";
import { testDatabase, uniquePrefix } from "../support/database";

/**
 * The seed loader on a small seed this test writes itself: its records carry unique ids, its places
 * are rows copied from the real reference files (so that loading them changes nothing for others).
 * Asserted is what the loader does with them: what the graph holds, a second load, a refused record.
 */

const prefix = uniquePrefix("seedload");
const id = (name: string): string => `${prefix}-${name}`;
const SOURCE = "test seed";

/** The header and the rows of a real reference CSV whose first column is one of `codes`. */
function referenceRows(file: string, codes: string[]): string {
  const [header, ...rows] = readFileSync(path.join(__dirname, "../../seeds", file), "utf8")
    .trim()
    .split("\n");
  return [header, ...rows.filter((r) => codes.includes(r.split(",")[0] ?? ""))].join("\n") + "\n";
}

const ORGANISATION = {
  description: null,
  website: null,
  activeIn: [],
  topics: [],
  conditions: [],
  memberOf: [],
  successorOf: [],
  confidence: "verified",
  status: "ACTIVE",
  source: SOURCE,
};

/** Records of every kind, with a merged-away municipality (Sint Anthonis, GM1702) among the places. */
function seedFiles(): Record<string, unknown[] | string> {
  return {
    "provinces.csv": referenceRows("provinces.csv", ["PV26", "PV30"]),
    "municipalities-2025.csv": referenceRows("municipalities-2025.csv", ["GM0344", "GM0355", "GM1982"]),
    "municipality-mergers.csv": referenceRows("municipality-mergers.csv", ["GM1702"]),
    "topics.json": [
      { id: id("wortel"), name: "Toegankelijkheid", description: null, broader: null, source: SOURCE },
      {
        id: id("toiletten"),
        name: "Openbare Toiletten",
        description: null,
        broader: id("wortel"),
        source: SOURCE,
      },
    ],
    "conditions.json": [{ id: id("stoma"), name: "Stoma", group: "chronisch somatisch", source: SOURCE }],
    "organisations.json": [
      {
        ...ORGANISATION,
        id: id("koepel"),
        name: "Test-Koepel",
        kind: "koepel",
        scope: "NATIONAL",
        basedIn: "GM0344",
        topics: [id("wortel")],
        conditions: [id("stoma")],
      },
      {
        ...ORGANISATION,
        id: id("platform"),
        name: "Test-Platform Sint Anthonis",
        kind: "belangenvereniging",
        scope: "LOCAL",
        basedIn: "GM1702",
        activeIn: ["GM1702", "PV30"],
        topics: [id("toiletten")],
        memberOf: [id("koepel")],
      },
    ],
    "initiatives.json": [
      {
        id: id("alliantie"),
        name: "Test-alliantie",
        kind: "alliantie",
        goal: null,
        startDate: "2020-01-01",
        endDate: null,
        status: "ACTIVE",
        topics: [id("toiletten")],
        conditions: [id("stoma")],
        places: ["GM1702", "GM0355"],
        participants: [
          { organisation: id("koepel"), role: "COORDINATOR" },
          { organisation: id("platform"), role: "SUPPORTER" },
        ],
        source: SOURCE,
      },
    ],
    "events.json": [
      {
        id: id("bijeenkomst"),
        name: "Test-bijeenkomst",
        date: "2024-03-01",
        kind: "bijeenkomst",
        place: "GM0355",
        initiative: id("alliantie"),
        topics: [id("toiletten")],
        participants: [{ organisation: id("koepel"), role: "ORGANISER" }],
        source: SOURCE,
      },
    ],
    "experiences.json": [
      {
        id: id("ervaring"),
        title: "Eén helder doel",
        summary: "Een doel vooraf helpt.",
        date: null,
        kind: "LESSON",
        sharedBy: [id("platform")],
        topics: [id("toiletten")],
        conditions: [],
        place: "GM1702",
        from: id("bijeenkomst"),
        source: SOURCE,
      },
    ],
  };
}

function writeSeedDir(files: Record<string, unknown[] | string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "seed-load-"));
  for (const [name, content] of Object.entries(files))
    writeFileSync(path.join(dir, name), typeof content === "string" ? content : JSON.stringify(content));
  return dir;
}

let db: Database;
const dirs: string[] = [];
let first: SeedReport;

beforeAll(async () => {
  db = testDatabase();
  const dir = writeSeedDir(seedFiles());
  dirs.push(dir);
  first = await seedDirectory(db, dir);
});
afterAll(async () => {
  await db.write((tx) => tx.run("MATCH (n) WHERE n.id STARTS WITH $prefix DETACH DELETE n", { prefix }));
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  await db.close();
});

/** Codes or ids at the end of `type` relationships from the node with id `from`. */
async function targets(from: string, type: string): Promise<string[]> {
  const rows = await db.read(
    "MATCH (n {id: $from})-[r]->(x) WHERE type(r) = $type RETURN coalesce(x.code, x.id) AS key ORDER BY key",
    { from, type },
  );
  return rows.map((r) => String(r.key));
}

/** Everything the test's records hold: nodes and the relationships leaving them. */
async function ownGraph(): Promise<{ nodes: number; relationships: number }> {
  const rows = await db.read(
    `MATCH (n) WHERE n.id STARTS WITH $prefix
     OPTIONAL MATCH (n)-[r]->()
     RETURN count(DISTINCT n) AS nodes, count(r) AS relationships`,
    { prefix },
  );
  return { nodes: Number(rows[0]?.nodes), relationships: Number(rows[0]?.relationships) };
}

describe("the seed loader", () => {
  it("creates the new records and only refers to the places that exist", () => {
    expect(
      Object.fromEntries(Object.entries(first.nodes).map(([label, count]) => [label, count.created])),
    ).toEqual({
      Province: 0,
      Municipality: 0,
      Topic: 2,
      Condition: 1,
      Organisation: 2,
      Initiative: 1,
      Event: 1,
      Experience: 1,
    });
    expect(first.nodes.Municipality).toMatchObject({ present: 4, missing: 0 });
    expect(Object.values(first.relationships).every((c) => c.missing === 0)).toBe(true);
  });

  it("replaces a merged-away municipality by its successor everywhere it is used", async () => {
    expect(await targets(id("platform"), "BASED_IN")).toEqual(["GM1982"]);
    expect(await targets(id("platform"), "ACTIVE_IN")).toEqual(["GM1982", "PV30"]);
    expect(await targets(id("alliantie"), "ACTIVE_IN")).toEqual(["GM0355", "GM1982"]);
    expect(await targets(id("ervaring"), "IN")).toEqual(["GM1982"]);
    const former = await db.read(
      "MATCH (n)-[]->(:Municipality {code: 'GM1702'}) WHERE n.id STARTS WITH $prefix RETURN count(n) AS n",
      { prefix },
    );
    expect(former[0]?.n).toBe(0);
  });

  it("writes every relationship of the records, with roles and the topic hierarchy", async () => {
    expect(await targets(id("toiletten"), "SUBTOPIC_OF")).toEqual([id("wortel")]);
    expect(await targets(id("platform"), "MEMBER_OF")).toEqual([id("koepel")]);
    expect(await targets(id("koepel"), "REPRESENTS")).toEqual([id("stoma")]);
    expect(await targets(id("bijeenkomst"), "HELD_IN")).toEqual(["GM0355"]);
    expect(await targets(id("bijeenkomst"), "PART_OF")).toEqual([id("alliantie")]);
    expect(await targets(id("ervaring"), "FROM")).toEqual([id("bijeenkomst")]);
    expect(await targets(id("platform"), "SHARED")).toEqual([id("ervaring")]);
    const roles = await db.read(
      `MATCH (o:Organisation)-[r:PARTICIPATES_IN|TAKES_PART_IN]->(x) WHERE o.id STARTS WITH $prefix
       RETURN o.id AS organisation, type(r) AS type, r.role AS role, x.id AS target ORDER BY organisation, type`,
      { prefix },
    );
    expect(roles).toEqual([
      { organisation: id("koepel"), type: "PARTICIPATES_IN", role: "COORDINATOR", target: id("alliantie") },
      { organisation: id("koepel"), type: "TAKES_PART_IN", role: "ORGANISER", target: id("bijeenkomst") },
      { organisation: id("platform"), type: "PARTICIPATES_IN", role: "SUPPORTER", target: id("alliantie") },
    ]);
  });

  it("derives the name key from names and titles", async () => {
    const rows = await db.read(
      "MATCH (n) WHERE n.id IN $ids RETURN n.id AS id, n.nameKey AS key, n.source AS source ORDER BY id",
      { ids: [id("platform"), id("toiletten"), id("ervaring")] },
    );
    expect(rows).toEqual([
      { id: id("ervaring"), key: nameKey("Eén helder doel"), source: SOURCE },
      { id: id("platform"), key: nameKey("Test-Platform Sint Anthonis"), source: SOURCE },
      { id: id("toiletten"), key: nameKey("Openbare Toiletten"), source: SOURCE },
    ]);
    expect(rows[0]?.key).not.toBe("Eén helder doel");
  });

  it("changes nothing when the same files are loaded again", async () => {
    const before = await ownGraph();
    const again = await seedDirectory(db, dirs[0]);
    expect(totalCreated(again)).toEqual({ nodes: 0, relationships: 0 });
    expect(again.nodes.Organisation).toEqual({ created: 0, present: 2, missing: 0 });
    expect(await ownGraph()).toEqual(before);
    expect(before).toEqual({ nodes: 8, relationships: expect.any(Number) });
  });

  it("refuses a seed with an invalid record, naming file, record and field, and writes none of it", async () => {
    const files = seedFiles();
    (files["topics.json"] as unknown[]).push({
      id: id("nieuw"),
      name: "Nieuw onderwerp",
      description: null,
      broader: null,
      source: SOURCE,
    });
    (files["organisations.json"] as unknown[]).push({
      ...ORGANISATION,
      id: id("landelijk"),
      name: "Test-landelijk",
      kind: "koepel",
      scope: "LANDELIJK",
      basedIn: null,
      topics: [id("nieuw")],
    });
    const dir = writeSeedDir(files);
    dirs.push(dir);
    const refusal = await seedDirectory(db, dir).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(SeedValidationError);
    expect((refusal as SeedValidationError).issues).toEqual([
      expect.objectContaining({
        file: "organisations.json",
        record: `record '${id("landelijk")}'`,
        field: "scope",
      }),
    ]);
    const written = await db.read("MATCH (n) WHERE n.id IN $ids RETURN count(n) AS n", {
      ids: [id("nieuw"), id("landelijk")],
    });
    expect(written[0]?.n).toBe(0);
  });

  it("loads demo data only into an empty database", async () => {
    expect(await isGraphEmpty(db)).toBe(false);
    const messages: string[] = [];
    expect(await loadDemoDataIfEmpty(db, (m) => messages.push(m))).toBeUndefined();
    expect(messages.join("\n")).toMatch(/demo data not loaded/);
  });
});
