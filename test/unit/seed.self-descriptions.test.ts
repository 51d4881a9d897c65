import { readFileSync } from "node:fs";
import path from "node:path";
import { DEFAULT_SEED_DIR, readSeedFiles } from "../../src/seed/seed.files";
import { validateSeedFiles } from "../../src/seed/seed.validate";

/**
 * seeds/self-descriptions.json (issue 15, session 5): every topic and condition added from an organisation's
 * own self-description, with the page it was read on. The rules in seeds/README.md fixed the samples before
 * reading; these checks keep the file and the records in step.
 */

type Entry = {
  organisation: string;
  source: string;
  topics: string[];
  conditions: string[];
  initiative?: string;
};

const entries = JSON.parse(
  readFileSync(path.join(DEFAULT_SEED_DIR, "self-descriptions.json"), "utf8"),
) as Entry[];
const data = validateSeedFiles(readSeedFiles());
const organisations = new Map(data.organisations.map((o) => [o.id, o]));
// Round 1: every ACTIVE organisation with a website; round 2: the other ACTIVE ones except the gemeenten.
const sample = data.organisations
  .filter((o) => o.status === "ACTIVE" && (o.website !== null || o.kind !== "gemeente"))
  .map((o) => o.id);

describe("seeds/self-descriptions.json", () => {
  it("covers exactly the samples the rules fixed: every ACTIVE organisation except the gemeenten", () => {
    // Neither round stopped early in session 5; an organisation outside the rules would be a choice.
    expect([...new Set(entries.map((e) => e.organisation))].sort()).toEqual([...sample].sort());
  });

  it("lists only values that are in the organisation's record and exist in the taxonomy", () => {
    const topics = new Set(data.topics.map((t) => t.id));
    const conditions = new Set(data.conditions.map((c) => c.id));
    const missing: string[] = [];
    for (const e of entries) {
      const o = organisations.get(e.organisation);
      for (const t of e.topics) {
        if (!topics.has(t) || !o?.topics.includes(t)) missing.push(`${e.organisation} topic ${t}`);
      }
      for (const c of e.conditions) {
        if (!conditions.has(c) || !o?.conditions.includes(c))
          missing.push(`${e.organisation} condition ${c}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("cites a web page for every entry and copies no e-mail address or phone number", () => {
    const bad = entries.filter(
      (e) => !/^https?:\/\/[^\s]+$/.test(e.source) || /@|\b0\d{1,3}[- ]?\d{6,8}\b/.test(JSON.stringify(e)),
    );
    expect(bad).toEqual([]);
  });

  it("marks a value read only in the context of an initiative with the matching provenance", () => {
    const unmarked: string[] = [];
    for (const e of entries.filter((x) => x.initiative !== undefined)) {
      const provenance = organisations.get(e.organisation)?.provenance ?? [];
      const values = [
        ...e.topics.map((v) => ["topics", v] as const),
        ...e.conditions.map((v) => ["conditions", v] as const),
      ];
      for (const [field, value] of values) {
        const marked = provenance.some(
          (p) => p.field === field && p.value === value && p.initiative === e.initiative,
        );
        if (!marked) unmarked.push(`${e.organisation} ${field} ${value}`);
      }
    }
    expect(unmarked).toEqual([]);
  });
});
