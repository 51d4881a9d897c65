import { readSeedFiles } from "../../src/seed/seed.files";
import { SeedValidationError } from "../../src/seed/seed.issues";
import { validateSeedFiles } from "../../src/seed/seed.validate";

/** Provenance in the seeds (issue 15): what the evaluation hides with an initiative must be real. */

const files = readSeedFiles();
type Org = {
  id: string;
  topics: string[];
  provenance?: { field: string; value: string; initiative: string }[];
};
const organisations = JSON.parse(files["organisations.json"] ?? "[]") as Org[];

function problems(edit: (orgs: Org[]) => void): string[] {
  const copy = JSON.parse(JSON.stringify(organisations)) as Org[];
  edit(copy);
  try {
    validateSeedFiles({ ...files, "organisations.json": JSON.stringify(copy) });
    return [];
  } catch (error) {
    if (error instanceof SeedValidationError)
      return error.issues.map((i) => `${i.field ?? ""}: ${i.message}`);
    throw error;
  }
}

const set = (orgs: Org[], id: string, provenance: Org["provenance"]): void => {
  const o = orgs.find((x) => x.id === id);
  if (!o) throw new Error(`no ${id} in the seeds`);
  o.provenance = provenance;
};

describe("seed provenance", () => {
  it("is kept on the records that have it", () => {
    const data = validateSeedFiles(files);
    const kansplus = data.organisations.find((o) => o.id === "kansplus");
    expect(kansplus?.provenance).toEqual([
      { field: "topics", value: "openbare-toiletten", initiative: "toiletalliantie" },
    ]);
  });

  it("rejects a value the organisation does not have", () => {
    const out = problems((o) =>
      set(o, "kansplus", [{ field: "topics", value: "wonen", initiative: "toiletalliantie" }]),
    );
    expect(out).toEqual(["provenance[0]: 'wonen' is not in its topics"]);
  });

  it("rejects an initiative the organisation does not take part in, or that does not exist", () => {
    const out = problems((o) =>
      set(o, "kansplus", [
        { field: "topics", value: "openbare-toiletten", initiative: "kennercadeau" },
        { field: "topics", value: "openbare-toiletten", initiative: "geen-initiatief" },
      ]),
    );
    expect(out).toEqual([
      "provenance[0]: does not take part in 'kennercadeau'",
      "provenance[1]: unknown initiative 'geen-initiatief'",
    ]);
  });

  it("accepts a membership through one of the initiative's events", () => {
    // The Kennercadeau gemeenten take part only in the campaign's start event.
    expect(problems(() => undefined)).toEqual([]);
    expect(organisations.find((o) => o.id === "gm-zeist")?.provenance?.[0]?.initiative).toBe("kennercadeau");
  });
});
