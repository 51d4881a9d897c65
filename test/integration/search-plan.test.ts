import { execute, getNamedType, isLeafType, isObjectType, parse } from "graphql";
import { Context } from "../../src/context";
import { Database, type Params, type Row } from "../../src/db/database";
import { sortKey } from "../../src/domain";
import { LABEL_OF } from "../../src/features/search/search.type";
import type { PageInfo } from "../../src/graph/common/connection.type";
import { createSchema } from "../../src/schema";
import { type PlanNode, planDbHits, planDetails, planOperators } from "../support/profile";
import { testDatabase, testDatabaseConfig, uniquePrefix } from "../support/database";
import { type GraphQLResponse, startTestServer, type TestServer } from "../support/server";

/**
 * Search reads its candidates as bare node references with their scores: the count costs no property
 * reads, and only the page (and the hits tied with its last score) read a name or key. These tests
 * check the ranking against the full sort of every hit, PROFILE the exact query sent, and compare the
 * hits' fields with `nodes(ids:)`.
 */

/** Our Database, PROFILEing every read and keeping the plans. */
class ProfilingDatabase extends Database {
  plans: { cypher: string; plan: PlanNode }[] = [];
  override async read(cypher: string, params: Params = {}): Promise<Row[]> {
    const res = await this.driver.executeQuery(`PROFILE ${cypher}`, params);
    this.plans.push({ cypher, plan: res.summary.profile as unknown as PlanNode });
    return res.records.map((r) => r.toObject());
  }
}

// "syn-": other files' synthetic loads never draw these topics (src/seed/synthetic.store.ts), so no
// synthetic experience or initiative is named after this file's word while it counts its hits.
const prefix = `syn-${uniquePrefix("search-plan")}`;
// One word only this file's nodes carry (letters only, so that the analyzer keeps it one term).
const word = `zoekproef${Math.random()
  .toString(36)
  .replace(/[^a-z]/g, "")
  .slice(0, 6)}`;
const COUNT = 240;

let server: TestServer;
let db: Database;
beforeAll(async () => {
  server = await startTestServer({ maxCost: 100_000 });
  db = testDatabase();
  // 20 name lengths (so 20 scores per field), 4 names per length (ties broken by type and key), over
  // four types: organisations, events and topics score on `name`, experiences on `title`.
  const nodes = Array.from({ length: COUNT }, (_, i) => {
    const text = `${word} ${"ka ".repeat(i % 20)}${["alfa", "beta", "gamma", "delta"][i % 4]}`;
    const label = ["Organisation", "Event", "Topic", "Experience"][Math.floor(i / 20) % 4]!;
    return { label, id: `${prefix}-${String(i).padStart(3, "0")}`, text, sortKey: sortKey(text) };
  });
  const props: Record<string, Record<string, string>> = {
    Organisation: { kind: "test", scope: "LOCAL", status: "ACTIVE" },
    Event: { kind: "bijeenkomst", date: "2026-01-01" },
    Topic: {},
    Experience: { kind: "LESSON" },
  };
  await db.write(async (tx) => {
    for (const [label, extra] of Object.entries(props)) {
      const text = label === "Experience" ? "title" : "name";
      await tx.run(
        `UNWIND $nodes AS x CREATE (n:${label}) SET n = $extra, n.id = x.id, n.${text} = x.text, n.sortKey = x.sortKey`,
        { nodes: nodes.filter((n) => n.label === label), extra },
      );
    }
  });
});
afterAll(async () => {
  await db.write((tx) => tx.run("MATCH (n) WHERE n.id STARTS WITH $prefix DETACH DELETE n", { prefix }));
  await db.close();
  await server.stop();
});

interface Hit {
  key: string;
  score: number;
}

/** Every hit of the word, sorted as the API promises: score descending, then name, type and key. */
async function expectedOrder(types?: string[]): Promise<Hit[]> {
  const rows = await db.read(
    `CALL db.index.fulltext.queryNodes('search_text', $word) YIELD node, score
     RETURN score, labels(node) AS labels, node.id AS id, node.sortKey AS sortKey`,
    { word },
  );
  const labels = types?.map((t) => LABEL_OF[t as keyof typeof LABEL_OF] as string);
  return rows
    .map((r) => {
      const label = (r.labels as string[])[0]!;
      return {
        label,
        id: String(r.id),
        score: Number(r.score),
        tie: `${String(r.sortKey)}\u0001${label}:${String(r.id)}`,
      };
    })
    .filter((h) => !labels || labels.includes(h.label))
    .sort((a, b) => b.score - a.score || (a.tie < b.tie ? -1 : a.tie > b.tie ? 1 : 0))
    .map((h) => ({ key: `${h.label}:${h.id}`, score: h.score }));
}

const PAGE = `query ($text: String!, $types: [SearchType!], $first: Int, $after: String, $last: Int, $before: String) {
  search(text: $text, types: $types, first: $first, after: $after, last: $last, before: $before) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { __typename ... on Organisation { key } ... on Event { key } ... on Topic { key } ... on Experience { key } } }
  }
}`;

interface PageAnswer {
  search: {
    totalCount: number;
    pageInfo: PageInfo;
    edges: { cursor: string; node: { __typename: string; key: string } }[];
  };
}

/** All pages of `size`, forward from the start and backward from the end: the keys in list order. */
async function walk(types: string[] | undefined, size: number) {
  const totals = new Set<number>();
  const all = async (backward: boolean): Promise<string[]> => {
    const keys: string[] = [];
    for (let cursor: string | null = null, more = true; more;) {
      const paging: Record<string, unknown> = backward
        ? { last: size, before: cursor }
        : { first: size, after: cursor };
      const res: GraphQLResponse<PageAnswer> = await server.gql<PageAnswer>(PAGE, {
        text: word,
        types,
        ...paging,
      });
      expect(res.errors).toBeUndefined();
      const { totalCount, pageInfo, edges } = res.data!.search;
      const page = edges.map((e) => `${e.node.__typename}:${e.node.key}`);
      keys.splice(backward ? 0 : keys.length, 0, ...page);
      totals.add(totalCount);
      more = backward ? pageInfo.hasPreviousPage : pageInfo.hasNextPage;
      cursor = backward ? pageInfo.startCursor : pageInfo.endCursor;
    }
    return keys;
  };
  return { forward: await all(false), backward: await all(true), totals: [...totals] };
}

describe("search's ranking and paging", () => {
  it.each([
    ["all types", undefined, 9],
    ["organisations and events", ["ORGANISATION", "EVENT"], 7],
    ["experiences", ["EXPERIENCE"], 25],
  ])("%s: every page forward and backward follows score, then name, type and key", async (_, types, size) => {
    // The worker's own graph (decision record 0056): no other file's writes shift the scores meanwhile.
    const expected = await expectedOrder(types);
    const { forward, backward, totals } = await walk(types, size);
    const keys = expected.map((h) => h.key);
    expect(keys.length).toBeGreaterThan(size * 2);
    expect(new Set(expected.map((h) => h.score)).size).toBeLessThan(keys.length); // ties to break
    expect(forward).toEqual(keys);
    expect(backward).toEqual(keys);
    expect(totals).toEqual([keys.length]);
  });
});

describe("search's query plan", () => {
  const profiling = new ProfilingDatabase(testDatabaseConfig());
  afterAll(() => profiling.close());

  async function profiled(query: string, variables: Record<string, unknown>) {
    profiling.plans = [];
    const result = await execute({
      schema: await createSchema(),
      document: parse(query),
      variableValues: variables,
      contextValue: new Context(profiling),
    });
    expect(result.errors).toBeUndefined();
    const sent = profiling.plans.filter((p) => p.cypher.includes("db.index.fulltext.queryNodes"));
    expect(sent).toHaveLength(1);
    return { data: result.data as unknown as PageAnswer, plan: sent[0]!.plan };
  }

  const SEARCH = `query ($text: String!, $after: String) { search(text: $text, first: 10, after: $after) {
    totalCount pageInfo { endCursor } edges { cursor node { __typename ... on Organisation { key name } ... on Experience { key title } } } } }`;

  it("reads no property of the hits beyond the page and its ties, first page and after a cursor", async () => {
    const first = await profiled(SEARCH, { text: word });
    const total = first.data.search.totalCount;
    expect(total).toBe(COUNT);
    const second = await profiled(SEARCH, { text: word, after: first.data.search.pageInfo.endCursor });
    expect(second.data.search.edges).toHaveLength(10);
    for (const { plan } of [first, second]) {
      // Operators that see (nearly) every hit (the count, the score cut, the keyset filter) read at most the
      // tie-breakers of the hits scored like the cursor: far fewer reads than hits (main's query before
      // session 5 read each hit's key, 3 reads per hit).
      const manyRows = planOperators(plan).filter((o) => o.rows > total / 4);
      expect(manyRows.length).toBeGreaterThan(0);
      expect(manyRows.reduce((sum, o) => sum + o.dbHits, 0)).toBeLessThan(total / 4);
      // 11 rows of the page plus the hits tied at its last score: below one read per hit (the query before
      // session 5 read three). How many hits tie depends on Lucene's length norms and on field statistics
      // that the nodes of files run earlier in this worker shift, so the bound leaves room for more ties
      // (CI saw 131 of 240).
      expect(planDbHits(plan)).toBeLessThan(total);
    }
  });

  it("projects only the selected properties of the page's nodes", async () => {
    const { plan } = await profiled(SEARCH, { text: word });
    const page = planOperators(plan).find((o) => planDetails(o).includes("AS page"));
    expect(page).toBeDefined();
    const details = planDetails(page!);
    expect(details).not.toContain("properties(");
    for (const property of ["id", "name", "title"]) expect(details).toMatch(new RegExp(`\\b${property}\\b`));
    expect(details).not.toMatch(/\b(kind|sortKey|status|scope)\b/);
  });
});

describe("search's hits", () => {
  it("carry the same fields as nodes(ids:) gives them, for every scalar field of every type", async () => {
    const schema = await createSchema();
    const fragments = Object.values(LABEL_OF).map((type) => {
      const t = schema.getType(type);
      if (!isObjectType(t)) throw new Error(type);
      const scalars = Object.values(t.getFields())
        .filter((f) => isLeafType(getNamedType(f.type)) && f.args.length === 0)
        .map((f) => `${type}_${f.name}: ${f.name}`); // aliased: `kind` is a String here, an enum there
      return `... on ${type} { ${scalars.join(" ")} }`;
    });
    const fields = fragments.join(" ");
    for (const text of [word, "toiletten", "mantelzorg"]) {
      const res = await server.gql<{ search: { edges: { node: Record<string, unknown> }[] } }>(
        `query ($text: String!) { search(text: $text, first: 40) { edges { node { __typename ${fields} } } } }`,
        { text },
      );
      expect(res.errors).toBeUndefined();
      const hits = res.data!.search.edges.map((e) => e.node);
      expect(hits.length).toBeGreaterThan(0);
      const ids = hits.map((h) => Object.entries(h).find(([k]) => k.endsWith("_id"))?.[1]);
      const nodes = await server.gql<{ nodes: unknown[] }>(
        `query ($ids: [ID!]!) { nodes(ids: $ids) { __typename ${fields} } }`,
        { ids },
      );
      expect(nodes.errors).toBeUndefined();
      expect(hits).toEqual(nodes.data!.nodes);
    }
  });

  it("every search type is in the full-text index, and only those (no label filter for all types)", async () => {
    const rows = await db.read(
      "SHOW FULLTEXT INDEXES YIELD name, labelsOrTypes WHERE name = 'search_text' RETURN labelsOrTypes",
    );
    expect([...(rows[0]?.labelsOrTypes as string[])].sort()).toEqual([...Object.values(LABEL_OF)].sort());
  });
});
