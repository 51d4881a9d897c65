import type { Database } from "../../src/db/database";
import { NODE_TYPES } from "../../src/graph/common/global-id";
import { loadSeed, validateSeedDir } from "../../src/seed";
import { startTestServer, type TestServer } from "../support/server";

/**
 * Explanations that are always true (issue 15), on the factual seed graph through HTTP: every path of
 * every suggestion for every organisation, in both modes, exists in the graph; the texts carry no
 * internal terms; the README's examples answer with suggestions, or say why not.
 */

interface PathNode {
  type: string;
  key: string;
}
interface Path {
  kind: string;
  explanation: string;
  nodes: PathNode[];
  relationships: { type: string; forward: boolean }[];
}
interface Suggestion {
  rank: number;
  tiedWith: number;
  score: number;
  explanation: string;
  organisation: { key: string };
  components: { name: string; contribution: number; explanation: string }[];
  paths: Path[];
}

const QUERY = `
query ($org: ID!, $topic: ID, $mode: MatchMode, $first: Int) {
  partnerSuggestions(organisation: $org, topic: $topic, mode: $mode, first: $first) {
    rank tiedWith score explanation organisation { key }
    components { name contribution explanation }
    paths { kind explanation nodes { type key } relationships { type forward } }
  }
}`;

const SEARCH = `
query ($org: ID!, $topic: ID, $mode: MatchMode, $first: Int) {
  partnerSearch(organisation: $org, topic: $topic, mode: $mode, first: $first) {
    suggestions { organisation { key } }
    emptyReason emptyExplanation
  }
}`;

const LABELS = new Set<string>(NODE_TYPES);
const TYPE = /^[A-Z][A-Z_]*$/;

/**
 * The Cypher for one path's shape, built from a whitelist of labels and relationship types (the keys
 * are parameters): `UNWIND $rows AS r RETURN r.i AS i, EXISTS { (n0:L {id: r.k[0]})-[:T]->(n1:…) } AS ok`.
 */
function shapeQuery(path: Path): string {
  const parts = path.nodes.map((n, i) => {
    if (!LABELS.has(n.type)) throw new Error(`unexpected label ${n.type}`);
    const key = n.type === "Municipality" || n.type === "Province" ? "code" : "id";
    return `(n${i}:${n.type} {${key}: r.k[${i}]})`;
  });
  let pattern = parts[0] ?? "";
  path.relationships.forEach((rel, i) => {
    if (!TYPE.test(rel.type)) throw new Error(`unexpected relationship ${rel.type}`);
    pattern += rel.forward ? `-[:${rel.type}]->` : `<-[:${rel.type}]-`;
    pattern += parts[i + 1] ?? "";
  });
  return `UNWIND $rows AS r RETURN r.i AS i, EXISTS { MATCH ${pattern} } AS ok`;
}

const shapeOf = (p: Path): string =>
  p.nodes.map((n) => n.type).join(",") + "|" + p.relationships.map((r) => `${r.type}${r.forward}`).join(",");

/** The paths that do not exist in the graph, ignoring any whose nodes were removed meanwhile by another test. */
async function missingPaths(db: Database, paths: Path[]): Promise<Path[]> {
  const byShape = new Map<string, { path: Path; i: number }[]>();
  paths.forEach((path, i) =>
    byShape.set(shapeOf(path), [...(byShape.get(shapeOf(path)) ?? []), { path, i }]),
  );
  const missing: Path[] = [];
  for (const group of byShape.values()) {
    const first = group[0]?.path as Path;
    const rows = await db.read(shapeQuery(first), {
      rows: group.map(({ path, i }) => ({ i, k: path.nodes.map((n) => n.key) })),
    });
    const bad = new Set(rows.filter((r) => r.ok !== true).map((r) => Number(r.i)));
    for (const { path, i } of group) if (bad.has(i)) missing.push(path);
  }
  const stillThere: Path[] = [];
  for (const path of missing) {
    const rows = await db.read(
      "UNWIND $nodes AS n OPTIONAL MATCH (x) WHERE x.id = n OR x.code = n RETURN count(x) > 0 AS found",
      { nodes: path.nodes.map((n) => n.key) },
    );
    if (rows.every((r) => r.found === true)) stillThere.push(path);
  }
  return stillThere;
}

describe("partner suggestions on the factual data", () => {
  let server: TestServer;
  const seed = validateSeedDir();

  beforeAll(async () => {
    server = await startTestServer();
    await loadSeed(server.db, seed);
  }, 120_000);

  afterAll(async () => {
    await server.stop();
  });

  async function suggest(variables: Record<string, unknown>): Promise<Suggestion[]> {
    const res = await server.gql<{ partnerSuggestions: Suggestion[] }>(QUERY, variables);
    expect(res.errors).toBeUndefined();
    return res.data?.partnerSuggestions ?? [];
  }

  it("returns only paths that exist, for every suggestion of every organisation in both modes", async () => {
    let checked = 0;
    const wrong: string[] = [];
    const active = seed.organisations.filter((o) => o.status === "ACTIVE");
    // Other test files create and change organisations of their own meanwhile: the check is about the
    // factual data, so paths through an organisation that is not in the seed are not judged.
    const seeded = new Set(seed.organisations.map((o) => o.id));
    const factual = (p: Path) => p.nodes.every((n) => n.type !== "Organisation" || seeded.has(n.key));
    for (const o of active) {
      for (const mode of ["SIMILAR", "COMPLEMENTARY"]) {
        const list = await suggest({ org: o.id, mode, first: 10 });
        const paths = list.flatMap((s) => s.paths).filter(factual);
        checked += paths.length;
        for (const p of await missingPaths(server.db, paths)) {
          wrong.push(`${o.id} ${mode}: ${p.kind} ${p.nodes.map((n) => n.key).join(" ")}`);
        }
        for (const s of list) {
          // every path a component earned points for; and the asker's own WORKS_ON only when real
          for (const p of s.paths) {
            expect(p.nodes.length).toBe(p.relationships.length + 1);
          }
        }
      }
    }
    expect(wrong).toEqual([]);
    // The check did look at something: most organisations have suggestions with paths.
    expect(checked).toBeGreaterThan(active.length * 4);
  }, 600_000);

  it("never claims the asker works on a topic outside its own (MIND asked about adviesraden)", async () => {
    const list = await suggest({
      org: "mind",
      topic: "adviesraden-en-medezeggenschap",
      mode: "SIMILAR",
      first: 10,
    });
    expect(list.length).toBeGreaterThan(0);
    for (const s of list) {
      for (const p of s.paths.filter((x) => x.kind === "TOPIC")) {
        expect(p.nodes[0]?.key).not.toBe("mind");
        expect(p.explanation).toMatch(/past bij de vraag/);
      }
      expect(s.components.find((c) => c.name === "TOPICS")?.explanation).toMatch(
        /^Werkt aan .*past bij de vraag/,
      );
    }
    expect(
      await missingPaths(
        server.db,
        list.flatMap((s) => s.paths),
      ),
    ).toEqual([]);
  });

  it("keeps internal terms, missing-data claims and path notation out of every text", async () => {
    const forbidden =
      /-\[:|wereld|overal nabij|Geen gedeelde|breder dan één aandoening|SAME_|OTHER_|WORKS_ON|aandoening: (Mantelzorgers|Budgethouders|Kwetsbare ouderen)/;
    for (const org of [
      "crohn-colitis-nl",
      "per-saldo",
      "mantelzorg-nl",
      "kbo-pcob",
      "vilans",
      "zc-hoogeloon",
    ]) {
      for (const mode of ["SIMILAR", "COMPLEMENTARY"]) {
        for (const s of await suggest({ org, mode, first: 10 })) {
          const texts = [
            s.explanation,
            ...s.components.map((c) => c.explanation),
            ...s.paths.map((p) => p.explanation),
          ];
          for (const t of texts) expect(t).not.toMatch(forbidden);
          // a component that earned nothing gives no reason
          for (const c of s.components.filter((x) => x.contribution === 0))
            expect(c.explanation).toBe("Telt niet mee");
        }
      }
    }
  });

  it("shows equal scores as equal ranks, and says so", async () => {
    let ties = 0;
    for (const org of ["gm-zeist", "gm-arnhem", "vac-aalsmeer", "lsa", "nvvh"]) {
      const list = await suggest({ org, mode: "SIMILAR", first: 50 });
      for (const s of list) {
        const same = list.filter((x) => x.score === s.score);
        expect(s.tiedWith).toBe(same.length - 1);
        expect(s.rank).toBe(1 + list.filter((x) => x.score > s.score).length);
        if (s.tiedWith > 0) {
          ties++;
          expect(s.explanation).toMatch(/Even sterk als \d+ andere suggestie/);
        }
      }
    }
    expect(ties).toBeGreaterThan(0);
  });

  it("answers the README's examples with suggestions", async () => {
    const complementary = await suggest({
      org: "crohn-colitis-nl",
      topic: "toegankelijkheid",
      mode: "COMPLEMENTARY",
      first: 5,
    });
    expect(complementary.length).toBeGreaterThan(0);
    expect(
      await missingPaths(
        server.db,
        complementary.flatMap((s) => s.paths),
      ),
    ).toEqual([]);
  });

  it("says why an answer is empty", async () => {
    // Its own topic, worked on only by two organisations that already share an initiative (other test
    // files add organisations to the seed's topics meanwhile, so a seed topic cannot stay empty).
    const p = `t-empty-${Date.now().toString(36)}`;
    await server.db.write((tx) =>
      tx.run(
        `CREATE (t:Topic {id: $p + '-topic', name: 'Leeg onderwerp', nameKey: 'leeg onderwerp', sortKey: 'leeg onderwerp'})
         CREATE (i:Initiative {id: $p + '-samen', name: 'Samen', nameKey: 'samen', sortKey: 'samen', kind: 'project', status: 'ACTIVE'})
         WITH t, i UNWIND ['a', 'b'] AS x
         CREATE (o:Organisation {id: $p + '-' + x, name: 'Vereniging ' + x, nameKey: 'vereniging ' + x, sortKey: 'vereniging ' + x,
                                 kind: 'patiëntenvereniging', scope: 'NATIONAL', status: 'ACTIVE'})
         CREATE (o)-[:WORKS_ON]->(t), (o)-[:PARTICIPATES_IN {role: 'PARTNER'}]->(i)`,
        { p },
      ),
    );
    const res = await server.gql<{
      partnerSearch: { suggestions: unknown[]; emptyReason: string | null; emptyExplanation: string | null };
    }>(SEARCH, { org: `${p}-a`, topic: `${p}-topic`, mode: "COMPLEMENTARY", first: 5 });
    await server.db.write((tx) => tx.run("MATCH (n) WHERE n.id STARTS WITH $p DETACH DELETE n", { p }));
    expect(res.errors).toBeUndefined();
    expect(res.data?.partnerSearch.suggestions).toEqual([]);
    expect(res.data?.partnerSearch.emptyReason).toBe("ALL_ALREADY_PARTNERS");
    expect(res.data?.partnerSearch.emptyExplanation).toMatch(/al met jullie samen/);

    const full = await server.gql<{ partnerSearch: { suggestions: unknown[]; emptyReason: string | null } }>(
      SEARCH,
      {
        org: "crohn-colitis-nl",
        topic: "toegankelijkheid",
        mode: "COMPLEMENTARY",
        first: 5,
      },
    );
    expect(full.data?.partnerSearch.suggestions.length).toBeGreaterThan(0);
    expect(full.data?.partnerSearch.emptyReason).toBeNull();
  });
});
