import { backfillSortKeys } from "../../src/graph/common/sort-key.backfill";
import { uniquePrefix } from "../support/database";
import { startTestServer, type TestServer } from "../support/server";

type Page = {
  totalCount: number;
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
  edges: { cursor: string; node: { name: string } }[];
};

/** Dutch alphabetical order from the stored sort key, ties by name, and paging in both directions. */
describe("ordering and paging both ways", () => {
  let server: TestServer;
  const prefix = uniquePrefix("order");
  const kind = `${prefix}-kind`;
  const topic = `${prefix}-topic`;
  // Written as an older version of the service did: no sortKey; the start-up backfill sets it.
  const NAMES = [
    "DUS-I",
    "Delfshaven",
    "KBO-PCOB",
    "KansPlus",
    "Ëlst",
    "Eemland",
    "'s-Gravenzande",
    "Zorgbelang",
  ];
  const DUTCH = [
    "Delfshaven",
    "DUS-I",
    "Eemland",
    "Ëlst",
    "KansPlus",
    "KBO-PCOB",
    "'s-Gravenzande",
    "Zorgbelang",
  ];

  beforeAll(async () => {
    server = await startTestServer();
    await server.db.write((tx) =>
      tx.run(
        `CREATE (t:Topic {id: $topic, name: $topic, nameKey: $topic})
         WITH t UNWIND range(0, size($names) - 1) AS i
         CREATE (o:Organisation {id: $prefix + '-' + toString(i), name: $names[i], kind: $kind, scope: 'LOCAL',
                                 status: 'ACTIVE'})-[:WORKS_ON]->(t)`,
        { names: NAMES, prefix, kind, topic },
      ),
    );
    expect(await backfillSortKeys(server.db)).toBeGreaterThanOrEqual(NAMES.length + 1);
  });

  afterAll(async () => {
    await server.db.write((tx) =>
      tx.run("MATCH (n) WHERE n.id STARTS WITH $prefix DETACH DELETE n", { prefix }),
    );
    await server.stop();
  });

  const LIST = `query ($kind: String!, $first: Int, $after: String, $last: Int, $before: String, $order: OrganisationOrderBy) {
    organisations(filter: { kinds: [$kind] }, first: $first, after: $after, last: $last, before: $before, orderBy: $order) {
      totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { name } } } }`;

  async function list(vars: Record<string, unknown>): Promise<Page> {
    const res = await server.gql<{ organisations: Page }>(LIST, { kind, ...vars });
    expect(res.errors).toBeUndefined();
    return res.data!.organisations;
  }
  const names = (p: Page) => p.edges.map((e) => e.node.name);

  it("sorts names the Dutch way: case, accents and punctuation ignored", async () => {
    expect(names(await list({ first: 100 }))).toEqual(DUTCH);
    expect(names(await list({ first: 100, order: { field: "NAME", direction: "DESC" } }))).toEqual(
      [...DUTCH].reverse(),
    );
  });

  it("breaks ties in counts by name", async () => {
    // Every test organisation works on one topic and shares nothing: all counts tie.
    expect(names(await list({ first: 100, order: { field: "TOPIC_COUNT" } }))).toEqual(DUTCH);
    expect(names(await list({ first: 100, order: { field: "EXPERIENCE_COUNT" } }))).toEqual(DUTCH);
  });

  it("pages forward and backward over a filtered list with Relay's pageInfo", async () => {
    const forward: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const page: Page = await list({ first: 3, after });
      expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
      forward.push(...names(page));
      pages += 1;
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(pages).toBe(3);
    expect(forward).toEqual(DUTCH);

    const backward: string[][] = [];
    let before: string | null = null;
    for (;;) {
      const page: Page = await list({ last: 3, before });
      expect(page.pageInfo.hasNextPage).toBe(before !== null);
      expect(page.pageInfo.startCursor).toBe(page.edges[0]?.cursor);
      backward.unshift(names(page));
      if (!page.pageInfo.hasPreviousPage) break;
      before = page.pageInfo.startCursor;
    }
    expect(backward).toEqual([DUTCH.slice(0, 2), DUTCH.slice(2, 5), DUTCH.slice(5)]);
  });

  it("reads a window between two cursors, and backward from a forward page", async () => {
    const all = await list({ first: 100 });
    const cursor = (name: string) => all.edges.find((e) => e.node.name === name)!.cursor;
    const between = await list({ first: 100, after: cursor("DUS-I"), before: cursor("KBO-PCOB") });
    expect(names(between)).toEqual(["Eemland", "Ëlst", "KansPlus"]);
    const back = await list({ last: 2, before: cursor("KansPlus") });
    expect(names(back)).toEqual(["Eemland", "Ëlst"]);
    expect(back.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
  });

  it("pages a relation backward as well (a topic's organisations)", async () => {
    const REL = `query ($id: ID!, $last: Int, $before: String) { topic(id: $id) {
      organisations(last: $last, before: $before) { pageInfo { hasPreviousPage startCursor } edges { node { name } } } } }`;
    type Rel = {
      topic: {
        organisations: {
          pageInfo: { hasPreviousPage: boolean; startCursor: string };
          edges: { node: { name: string } }[];
        };
      };
    };
    const last = await server.gql<Rel>(REL, { id: topic, last: 5 });
    expect(last.errors).toBeUndefined();
    const page = last.data!.topic.organisations;
    expect(page.edges.map((e) => e.node.name)).toEqual(DUTCH.slice(3));
    expect(page.pageInfo.hasPreviousPage).toBe(true);
    const rest = await server.gql<Rel>(REL, { id: topic, last: 5, before: page.pageInfo.startCursor });
    expect(rest.data!.topic.organisations.edges.map((e) => e.node.name)).toEqual(DUTCH.slice(0, 3));
    expect(rest.data!.topic.organisations.pageInfo.hasPreviousPage).toBe(false);
  });

  it("reads a page with its totalCount in one round trip, also when the page itself is empty", async () => {
    const cases: [Record<string, unknown>, number][] = [
      [{ first: 3 }, 3],
      [{ first: 0 }, 0],
      [{ last: 2 }, 2],
    ];
    for (const [vars, size] of cases) {
      const res = await server.gql<{ organisations: Page }>(LIST, { kind, ...vars });
      expect(res.errors).toBeUndefined();
      expect(res.data!.organisations.totalCount).toBe(NAMES.length);
      expect(res.data!.organisations.edges).toHaveLength(size);
      expect(res.extensions?.roundTrips).toBe(1);
    }
    // Past the end: an empty page, the total still counted; an aliased, fragment-selected total counts too.
    const all = await list({ first: 100 });
    const past = await server.gql<{ list: { n: number; edges: unknown[] } }>(
      `query ($kind: String!, $after: String) { list: organisations(filter: { kinds: [$kind] }, after: $after) {
         ...Total edges { cursor } } }
       fragment Total on OrganisationConnection { n: totalCount }`,
      { kind, after: all.pageInfo.endCursor },
    );
    expect(past.data!.list).toEqual({ n: NAMES.length, edges: [] });
    expect(past.extensions?.roundTrips).toBe(1);
    const none = await server.gql<{ organisations: Page }>(LIST, { kind: `${kind}-geen`, first: 5 });
    expect(none.data!.organisations).toMatchObject({ totalCount: 0, edges: [] });
  });

  it("refuses first and last together, and a cursor of another list", async () => {
    const both = await server.gql(LIST, { kind, first: 2, last: 2 });
    expect(both.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "last" });
    const other = await server.gql(LIST, { kind, last: 2, before: "bm90LWEtY3Vyc29y" });
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "before" });
  });
});
