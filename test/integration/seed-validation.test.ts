import { cpSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Database } from "../../src/db/database";
import {
  readSeedFiles,
  seedDirectory,
  SeedValidationError,
  validateSeedDir,
  validateSeedFiles,
  type SeedFiles,
} from "../../src/seed";
import { formatIssue } from "../../src/seed/seed.issues";
import { testDatabase } from "../support/database";

/** The validator: real seeds pass; each broken fixture fails with a message naming file, record and field. */

const FIXTURES = path.join(__dirname, "../fixtures/seed");
const VALID = path.join(FIXTURES, "valid");

/** The valid fixture with the files of one broken case laid over it. */
function brokenFiles(name: string): SeedFiles {
  return { ...readSeedFiles(VALID), ...readSeedFiles(path.join(FIXTURES, "broken", name)) };
}

function messagesOf(files: SeedFiles): string[] {
  try {
    validateSeedFiles(files);
  } catch (error) {
    if (error instanceof SeedValidationError) return error.issues.map(formatIssue);
    throw error;
  }
  throw new Error("expected the files to be rejected");
}

describe("seed validation", () => {
  it("accepts the real seed files and resolves merged-away codes", () => {
    const data = validateSeedDir();
    expect(data.provinces).toHaveLength(12);
    expect(data.municipalities).toHaveLength(342);
    const sintAnthonis = data.formerMunicipalities.find((m) => m.code === "GM1702");
    expect(sintAnthonis).toMatchObject({
      name: "Sint Anthonis",
      validTo: "2022-01-01",
      provinceCode: "PV30",
      successors: [{ code: "GM1982", date: "2022-01-01", legal: true }],
    });
    const winsum = data.formerMunicipalities.find((m) => m.code === "GM0053");
    expect(winsum?.successors.filter((s) => s.legal).map((s) => s.code)).toEqual(["GM1966"]);
    const haaren = data.formerMunicipalities.find((m) => m.code === "GM0788");
    expect(haaren?.successors).toHaveLength(4);
    expect(haaren?.successors.filter((s) => s.legal).map((s) => s.code)).toEqual(["GM0824"]);
  });

  it("accepts the valid fixture and replaces old codes by the legal successor", () => {
    const data = validateSeedDir(VALID);
    const platform = data.organisations.find((o) => o.id === "fixture-platform");
    expect(platform?.basedIn).toBe("GM1982");
    expect(platform?.activeIn).toEqual(["GM1982", "PV30"]);
    expect(data.initiatives[0]?.places).toEqual(["GM0824", "GM0355"]); // Haaren → Oisterwijk
    expect(data.experiences[0]?.place).toBe("GM1982");
    expect(data.municipalities.find((m) => m.code === "GM0820")?.name).toBe("Nuenen, Gerwen en Nederwetten");
  });

  it.each([
    ["unknown-reference", "organisations.json record 'iederin' field topics[2]: unknown topic 'xyz'"],
    ["missing-key", "topics.json record 'fixture-toegankelijkheid' field name: missing"],
    ["bad-code", 'municipalities-2025.csv row 3 field code: bad code "GM355" (expected GM and four digits)'],
    [
      "duplicate-id",
      "conditions.json record 'fixture-stoma' (#3) field id: duplicate id 'fixture-stoma' (first at record #2)",
    ],
    [
      "cycle",
      "topics.json record 'fixture-rechten' field broader: cycle in the topic hierarchy: fixture-rechten → fixture-toiletten → fixture-toegankelijkheid → fixture-rechten",
    ],
    ["unknown-place", "events.json record 'fixture-bijeenkomst' field place: unknown municipality 'GM9999'"],
    [
      "split-without-legal",
      "municipality-mergers.csv row 5 field new_code: GM9001 Splitdorp has several successors; mark the legal one (column legal = true)",
    ],
    [
      "bad-enum",
      "organisations.json record 'iederin' field scope: \"LANDELIJK\" is not one of NATIONAL, REGIONAL, LOCAL",
    ],
  ])("rejects %s", (name, expected) => {
    expect(messagesOf(brokenFiles(name))).toContain(expected);
  });

  it("reports a file that is not JSON once, without a cascade of unknown references", () => {
    // Built here rather than kept as a fixture: prettier would refuse a broken .json file.
    const messages = messagesOf({
      ...readSeedFiles(VALID),
      "initiatives.json": '[ { "id": "fixture-alliantie", ]',
    });
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/^initiatives\.json: not valid JSON/);
  });

  it("reports a missing file", () => {
    const files = readSeedFiles(VALID);
    delete files["experiences.json"];
    expect(messagesOf(files)).toEqual(["experiences.json: file not found"]);
  });

  it("puts every problem in one readable message", () => {
    const files = {
      ...brokenFiles("unknown-reference"),
      ...readSeedFiles(path.join(FIXTURES, "broken/cycle")),
    };
    expect(() => validateSeedFiles(files)).toThrow(
      /^Invalid seed files \(2 problems\), nothing was written:\n {2}\S/,
    );
    expect(() => validateSeedFiles(files)).toThrow(
      /\n {2}organisations\.json record 'iederin' field topics\[2\]: unknown topic 'xyz'(\n|$)/,
    );
  });

  describe("against the database", () => {
    let db: Database;
    let dir: string;
    beforeAll(() => {
      db = testDatabase();
      dir = mkdtempSync(path.join(os.tmpdir(), "seed-broken-"));
      cpSync(VALID, dir, { recursive: true });
      cpSync(path.join(FIXTURES, "broken/unknown-reference"), dir, { recursive: true });
    });
    afterAll(async () => {
      rmSync(dir, { recursive: true, force: true });
      await db.close();
    });

    it("writes nothing when a file is invalid", async () => {
      await expect(seedDirectory(db, dir)).rejects.toBeInstanceOf(SeedValidationError);
      const rows = await db.read(
        `MATCH (n) WHERE n.id IN ['fixture-platform', 'fixture-alliantie', 'fixture-bijeenkomst', 'fixture-ervaring', 'fixture-rechten', 'fixture-stoma']
         RETURN count(n) AS n`,
      );
      expect(rows[0]?.n).toBe(0);
    });
  });
});
