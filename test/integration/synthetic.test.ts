import type { Database } from "../../src/db/database";
import { totalCreated } from "../../src/seed/batch.writer";
import { validateSeedDir } from "../../src/seed/seed.validate";
import {
  checksumOf,
  generateSynthetic,
  referenceFromSeed,
  type SyntheticReference,
} from "../../src/seed/synthetic";
import { Random, ZipfSampler } from "../../src/seed/synthetic.random";
import { loadSyntheticReference, removeSynthetic, writeSynthetic } from "../../src/seed/synthetic.store";
import { testDatabase } from "../support/database";

/** The synthetic generator: deterministic, realistic in shape, and removable by its id prefix. */

let reference: SyntheticReference;
beforeAll(() => {
  reference = referenceFromSeed(validateSeedDir());
});

describe("the seeded random source", () => {
  it("repeats its sequence for a seed", () => {
    const a = new Random(42);
    const b = new Random(42);
    const c = new Random(43);
    const seqA = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(seqA);
    expect(seqA.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it("draws Zipf-skewed: the first item far more often than the last", () => {
    const random = new Random(1);
    const sampler = new ZipfSampler(["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"], 1);
    const counts = new Map<string, number>();
    for (let i = 0; i < 10_000; i++) {
      const x = sampler.draw(random);
      counts.set(x, (counts.get(x) ?? 0) + 1);
    }
    expect(counts.get("a")!).toBeGreaterThan(5 * counts.get("j")!);
  });
});

describe("generating (nothing written)", () => {
  it("gives the same rows for the same seed and other rows for another", () => {
    const a = generateSynthetic(reference, { organisations: 500, seed: 7 });
    const b = generateSynthetic(reference, { organisations: 500, seed: 7 });
    const c = generateSynthetic(reference, { organisations: 500, seed: 8 });
    expect(b.checksum).toBe(a.checksum);
    expect(checksumOf(b)).toBe(a.checksum);
    expect(c.checksum).not.toBe(a.checksum);
  });

  it("does not depend on the order of the reference data", () => {
    const reversed: SyntheticReference = {
      provinces: [...reference.provinces].reverse(),
      municipalities: [...reference.municipalities].reverse(),
      topics: [...reference.topics].reverse(),
      conditions: [...reference.conditions].reverse(),
    };
    expect(generateSynthetic(reversed, { organisations: 300, seed: 3 }).checksum).toBe(
      generateSynthetic(reference, { organisations: 300, seed: 3 }).checksum,
    );
  });

  it("has the intended proportions and shapes", () => {
    const n = 2000;
    const g = generateSynthetic(reference, { organisations: n, seed: 42 });
    expect(g.organisations).toHaveLength(n);
    expect(g.initiatives).toHaveLength(n / 20);
    expect(g.events).toHaveLength(n / 10);
    expect(g.experiences).toHaveLength(n / 2);
    const ids = [...g.organisations, ...g.initiatives, ...g.events, ...g.experiences].map((r) => r.id);
    expect(ids.every((id) => id.startsWith("syn-"))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);

    const scopes = { LOCAL: 0, REGIONAL: 0, NATIONAL: 0 };
    for (const o of g.organisations) scopes[o.scope]++;
    expect(scopes.LOCAL).toBeGreaterThan(scopes.REGIONAL);
    expect(scopes.REGIONAL).toBeGreaterThan(scopes.NATIONAL);

    const codes = new Set([
      ...reference.municipalities.map((m) => m.code),
      ...reference.provinces.map((p) => p.code),
    ]);
    const topics = new Set(reference.topics.map((t) => t.id));
    expect(
      g.organisations.every(
        (o) => o.activeIn.every((c) => codes.has(c)) && o.topics.every((t) => topics.has(t)),
      ),
    ).toBe(true);
    expect(g.initiatives.every((i) => i.participants.length >= 3 && i.participants.length <= 15)).toBe(true);
    expect(
      g.initiatives.every((i) => i.participants.filter((p) => p.role === "COORDINATOR").length === 1),
    ).toBe(true);

    // Skewed places: the busiest municipality holds far more organisations than the median one.
    const perPlace = new Map<string, number>();
    for (const o of g.organisations) perPlace.set(o.basedIn ?? "", (perPlace.get(o.basedIn ?? "") ?? 0) + 1);
    const sorted = [...perPlace.values()].sort((x, y) => y - x);
    expect(sorted[0]!).toBeGreaterThan(10 * sorted[Math.floor(sorted.length / 2)]!);

    // Clustered collaboration: most partners of an initiative share the coordinator's province.
    const province = new Map(reference.municipalities.map((m) => [m.code, m.provinceCode]));
    const orgProvince = new Map(g.organisations.map((o) => [o.id, province.get(o.basedIn ?? "")]));
    let same = 0;
    let all = 0;
    for (const i of g.initiatives) {
      const home = orgProvince.get(i.participants[0]!.organisation);
      for (const p of i.participants.slice(1)) {
        all++;
        if (orgProvince.get(p.organisation) === home) same++;
      }
    }
    expect(same / all).toBeGreaterThan(0.7);

    // A few koepels with many members.
    const members = new Map<string, number>();
    for (const o of g.organisations) for (const k of o.memberOf) members.set(k, (members.get(k) ?? 0) + 1);
    expect(members.size).toBeGreaterThanOrEqual(3);
    expect(members.size).toBeLessThanOrEqual(12);
    expect(Math.max(...members.values())).toBeGreaterThan(100);
  });

  it("refuses a prefix that removal would not find", () => {
    expect(() => generateSynthetic(reference, { organisations: 10, prefix: "real-" })).toThrow(
      /must start with 'syn-'/,
    );
  });
});

describe("writing and removing", () => {
  let db: Database;
  const prefix = `syn-t${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}-`;

  beforeAll(() => {
    db = testDatabase();
  });
  afterAll(async () => {
    await removeSynthetic(db, prefix);
    await db.close();
  });

  it("writes a small graph over the database's reference data, idempotently, and removes it", async () => {
    const dbReference = await loadSyntheticReference(db);
    expect(dbReference.municipalities).toHaveLength(342);
    const graph = generateSynthetic(dbReference, { organisations: 200, seed: 11, prefix });

    const report = await writeSynthetic(db, graph);
    const nodes =
      graph.organisations.length + graph.initiatives.length + graph.events.length + graph.experiences.length;
    expect(totalCreated(report).nodes).toBe(nodes);
    expect(Object.values(report.relationships).every((c) => c.missing === 0)).toBe(true);
    const relationships = totalCreated(report).relationships;
    expect(relationships).toBeGreaterThan(1000);

    const counted = await db.read(
      `MATCH (n) WHERE (n:Organisation OR n:Initiative OR n:Event OR n:Experience) AND n.id STARTS WITH $prefix
       RETURN count(n) AS nodes, sum(COUNT { (n)-->() }) AS outgoing`,
      { prefix },
    );
    expect(counted[0]).toEqual({ nodes, outgoing: relationships });

    const again = await writeSynthetic(db, graph);
    expect(totalCreated(again)).toEqual({ nodes: 0, relationships: 0 });

    expect(await removeSynthetic(db, prefix)).toBe(nodes);
    const left = await db.read("MATCH (n) WHERE n.id STARTS WITH $prefix RETURN count(n) AS n", { prefix });
    expect(left[0]?.n).toBe(0);
    expect((await db.read("MATCH (m:Municipality) WHERE m.validTo IS NULL RETURN count(m) AS n"))[0]?.n).toBe(
      342,
    );
  });

  it("refuses to remove anything that is not synthetic", async () => {
    await expect(removeSynthetic(db, "iederin")).rejects.toThrow(/refusing/);
  });
});
