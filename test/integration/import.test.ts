import type { Database } from "../../src/db/database";
import {
  importOrganisations,
  isValidPlan,
  loadImportReferences,
  planImport,
  slugOf,
  type ImportReferences,
} from "../../src/seed/organisation-import";
import { formatIssue } from "../../src/seed/seed.issues";
import { testDatabase, uniquePrefix } from "../support/database";

/**
 * The organisation importer against the seeded database. Every organisation a test writes has a name
 * (and so an id) starting with this file's unique tag; only those are removed afterwards.
 */

let db: Database;
let refs: ImportReferences;
const tag = uniquePrefix("import");
const idPrefix = slugOf(`Importtest ${tag}`);

const HEADER = "name,kind,scope,website,municipalities,topics,conditions";
const csv = (...rows: string[]): string => [HEADER, ...rows].join("\n") + "\n";
const nameOf = (suffix: string): string => `Importtest ${tag} ${suffix}`;

beforeAll(async () => {
  db = testDatabase();
  refs = await loadImportReferences(db);
});
afterAll(async () => {
  await db.write((tx) =>
    tx.run("MATCH (o:Organisation) WHERE o.id STARTS WITH $p DETACH DELETE o", { p: idPrefix }),
  );
  await db.close();
});

async function ownOrganisations(): Promise<
  { id: string; places: string[]; topics: string[]; conditions: string[] }[]
> {
  const rows = await db.read(
    `MATCH (o:Organisation) WHERE o.id STARTS WITH $p
     RETURN o.id AS id,
            [(o)-[:ACTIVE_IN]->(p) | coalesce(p.code, '')] AS places,
            [(o)-[:WORKS_ON]->(t) | t.id] AS topics,
            [(o)-[:REPRESENTS]->(c) | c.id] AS conditions
     ORDER BY id`,
    { p: idPrefix },
  );
  return rows.map((r) => ({
    id: String(r.id),
    places: (r.places as string[]).sort(),
    topics: (r.topics as string[]).sort(),
    conditions: (r.conditions as string[]).sort(),
  }));
}

function errorsOf(text: string): string[] {
  const plan = planImport(text, "leden.csv", refs);
  return [...plan.fileIssues, ...plan.rows.flatMap((r) => r.errors)].map(formatIssue);
}

describe("checking rows (nothing written)", () => {
  it("reads an unambiguous alias as the official name and says so in a note", () => {
    const plan = planImport(csv(`${nameOf("x")},belangenvereniging,LOCAL,,Den Bosch,,`), "leden.csv", refs);
    expect(plan.rows[0]?.errors).toEqual([]);
    expect(plan.rows[0]?.record?.activeIn).toEqual(["GM0796"]);
    expect(plan.rows[0]?.notes).toEqual([
      "municipalities: 'Den Bosch' is 's-Hertogenbosch (GM0796); using 's-Hertogenbosch",
    ]);
  });

  it("refuses an ambiguous alias and suggests what it may mean", () => {
    expect(errorsOf(csv(`${nameOf("x")},adviesraad,LOCAL,,Bergen,,`))).toEqual([
      `leden.csv row 2 field municipalities: 'Bergen' may mean "Bergen (NH.)" or "Bergen (L.)"; give one of them or a CBS code`,
    ]);
  });

  it("suggests near-misses for municipalities, topics and conditions", () => {
    const errors = errorsOf(
      csv(`${nameOf("x")},adviesraad,LOCAL,,Zeistt|Amsterdm,toegankelijkheidd|Eenzaamhied,Stomaa`),
    );
    expect(errors).toEqual([
      `leden.csv row 2 field municipalities: unknown municipality 'Zeistt'; did you mean "Zeist"?`,
      `leden.csv row 2 field municipalities: unknown municipality 'Amsterdm'; did you mean "Amsterdam"?`,
      `leden.csv row 2 field topics: unknown topic 'toegankelijkheidd'; did you mean "Toegankelijkheid"?`,
      `leden.csv row 2 field topics: unknown topic 'Eenzaamhied'; did you mean "Eenzaamheid"?`,
      `leden.csv row 2 field conditions: unknown condition 'Stomaa'; did you mean "Stoma"?`,
    ]);
  });

  it("gives no suggestion when nothing is close", () => {
    expect(errorsOf(csv(`${nameOf("x")},adviesraad,LOCAL,,Atlantis,,`))).toEqual([
      "leden.csv row 2 field municipalities: unknown municipality 'Atlantis'",
    ]);
  });

  it("resolves former municipalities (also split ones) to their legal successor", () => {
    const plan = planImport(
      csv(`${nameOf("oud")},adviesraad,LOCAL,,Sint Anthonis|GM0756|Haaren|provincie Utrecht|Fryslan,,`),
      "leden.csv",
      refs,
    );
    expect(isValidPlan(plan)).toBe(true);
    expect(plan.rows[0]?.record?.activeIn).toEqual(["GM1982", "GM0824", "PV26", "PV21"]);
    expect(plan.rows[0]?.notes[0]).toBe(
      "municipalities: Sint Anthonis (GM1702) merged into Land van Cuijk (GM1982) on 2022-01-01; using Land van Cuijk",
    );
  });

  it("names the row and field of every problem", () => {
    const errors = errorsOf(
      csv(
        `,adviesraad,LOCAL,,Zeist,,`,
        `${nameOf("b")},,landelijk,niet een adres,,,`,
        `${nameOf("c")},adviesraad,LOCAL,,,,`,
        `${nameOf("d")},fonds,WERELDWIJD,,,,`,
      ),
    );
    expect(errors).toEqual([
      "leden.csv row 2 field name: missing",
      "leden.csv row 3 field kind: missing",
      "leden.csv row 3 field website: 'niet een adres' is not a web address",
      "leden.csv row 4 field municipalities: a LOCAL organisation needs at least one municipality or province",
      "leden.csv row 5 field scope: 'WERELDWIJD' is not one of NATIONAL, REGIONAL, LOCAL",
    ]);
  });

  it("checks the columns", () => {
    expect(
      errorsOf("name,kind,scope,website,municipality,topics,conditions\nX,fonds,NATIONAL,,,,\n"),
    ).toEqual([
      "leden.csv: missing column municipalities",
      `leden.csv: unknown column 'municipality'; did you mean "municipalities"?`,
    ]);
  });

  it("derives stable ids from names and refuses two rows with one id", () => {
    expect(slugOf("Cliëntenraad 's-Hertogenbosch & Omstreken")).toBe(
      "clientenraad-s-hertogenbosch-en-omstreken",
    );
    const errors = errorsOf(
      csv(`${nameOf("Dubbel")},fonds,NATIONAL,,,,`, `${nameOf("dubbel")},fonds,NATIONAL,,,,`),
    );
    expect(errors).toEqual([
      `leden.csv row 3 field name: id '${slugOf(nameOf("dubbel"))}' is also the id of row 2 (give one of them its own id)`,
    ]);
  });
});

describe("importing", () => {
  it("writes the organisations of a valid file with their relationships", async () => {
    const text =
      "name,kind,scope,website,municipalities,topics,conditions,description\n" +
      `${nameOf("Adviesraad")},Adviesraad,lokaal,adviesraad.example.nl,Sint Anthonis,ervaringsdeskundigheid|Eenzaamheid,chronische-ziekte,Adviseert de gemeente.\n` +
      `"${nameOf("Platform, regio")}",belangenvereniging,REGIONAL,https://platform.example.org/,provincie Utrecht|GM0355,toegankelijkheid,\n`;
    const result = await importOrganisations(db, text, "/tmp/leden.csv");
    expect(result).toMatchObject({ rejected: false, written: 2, skipped: 0 });
    expect(result.report?.nodes.Organisation).toEqual({ created: 2, present: 0, missing: 0 });
    expect(await ownOrganisations()).toEqual([
      {
        id: slugOf(nameOf("Adviesraad")),
        places: ["GM1982"],
        topics: ["eenzaamheid", "ervaringsdeskundigheid"],
        conditions: ["chronische-ziekte"],
      },
      {
        id: slugOf(nameOf("Platform, regio")),
        places: ["GM0355", "PV26"],
        topics: ["toegankelijkheid"],
        conditions: [],
      },
    ]);
    const props = await db.read(
      "MATCH (o:Organisation {id: $id}) RETURN o.kind AS kind, o.scope AS scope, o.website AS website, o.status AS status, o.nameKey AS key, o.source AS source, o.description AS description",
      { id: slugOf(nameOf("Adviesraad")) },
    );
    expect(props[0]).toMatchObject({
      kind: "adviesraad",
      scope: "LOCAL",
      website: "https://adviesraad.example.nl",
      status: "ACTIVE",
      source: "import of leden.csv",
      description: "Adviseert de gemeente.",
    });

    // Importing the same file again updates in place: nothing new.
    const again = await importOrganisations(db, text, "leden.csv");
    expect(again.plan.rows.every((r) => r.exists)).toBe(true);
    expect(again.report?.nodes.Organisation).toEqual({ created: 0, present: 2, missing: 0 });
    expect(Object.values(again.report?.relationships ?? {}).every((c) => c.created === 0)).toBe(true);
  });

  it("writes nothing when any row is invalid", async () => {
    const text = csv(
      `${nameOf("Geldig")},fonds,NATIONAL,,,,`,
      `${nameOf("Ongeldig")},adviesraad,LOCAL,,Atlantis,,`,
    );
    const result = await importOrganisations(db, text, "leden.csv");
    expect(result).toMatchObject({ rejected: true, written: 0, skipped: 1 });
    expect((await ownOrganisations()).map((o) => o.id)).not.toContain(slugOf(nameOf("Geldig")));
  });

  it("writes nothing on a dry run", async () => {
    const text = csv(`${nameOf("Proef")},fonds,NATIONAL,,,,`);
    const result = await importOrganisations(db, text, "leden.csv", { dryRun: true });
    expect(result).toMatchObject({ rejected: false, written: 0 });
    expect(result.plan.rows[0]?.record?.id).toBe(slugOf(nameOf("Proef")));
    expect((await ownOrganisations()).map((o) => o.id)).not.toContain(slugOf(nameOf("Proef")));
  });

  it("writes only the valid rows with skipInvalid", async () => {
    const text = csv(
      `${nameOf("Overslaan")},adviesraad,LOCAL,,Atlantis,,`,
      `${nameOf("Wel")},adviesraad,LOCAL,,Haaren,,`,
    );
    const result = await importOrganisations(db, text, "leden.csv", { skipInvalid: true });
    expect(result).toMatchObject({ rejected: false, written: 1, skipped: 1 });
    const ids = (await ownOrganisations()).map((o) => o.id);
    expect(ids).toContain(slugOf(nameOf("Wel")));
    expect(ids).not.toContain(slugOf(nameOf("Overslaan")));
    expect((await ownOrganisations()).find((o) => o.id === slugOf(nameOf("Wel")))?.places).toEqual([
      "GM0824",
    ]);
  });
});
