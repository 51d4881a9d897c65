import { OrganisationsDocument } from "../__generated__/graphql";
import { uniquePrefix } from "../support/database";
import { startTestServer, type TestServer } from "../support/server";

describe("keyset pagination", () => {
  let server: TestServer;
  const prefix = uniquePrefix("page");

  /**
   * Organisations of one test: its own kind, so that each test pages only what it made; their sort keys
   * start with "~" so that they never take the first places of another file's unfiltered list.
   */
  async function create(test: string, names: string[], topics: Record<string, number> = {}): Promise<string> {
    const kind = `${prefix}-${test}`;
    await server.db.write((tx) =>
      tx.run(
        `UNWIND $names AS name
         CREATE (o:Organisation {id: $kind + '-' + toLower(name), name: name, nameKey: toLower(name), sortKey: '~' + toLower(name), kind: $kind,
                 scope: 'LOCAL', status: 'ACTIVE'})
         WITH o, name
         UNWIND range(1, coalesce($topics[name], 0)) AS i
         CREATE (o)-[:WORKS_ON]->(:Topic {id: $kind + '-' + toLower(name) + '-topic-' + toString(i), name: 'onderwerp'})`,
        { names, kind, topics },
      ),
    );
    return kind;
  }

  beforeAll(async () => {
    server = await startTestServer();
  });

  afterAll(async () => {
    await server.db.write((tx) =>
      tx.run("MATCH (n) WHERE (n:Organisation OR n:Topic) AND n.id STARTS WITH $prefix DETACH DELETE n", {
        prefix,
      }),
    );
    await server.stop();
  });

  it("stays correct when organisations are added between pages", async () => {
    const kind = await create("added", ["Bever", "Das", "Egel", "Fret", "Hert"]);
    const page = (after?: string | null) =>
      server.gql(OrganisationsDocument, { filter: { kinds: [kind] }, first: 2, after });
    const first = await page();
    expect(first.data!.organisations.edges.map((e) => e.node.name)).toEqual(["Bever", "Das"]);
    expect(first.data!.organisations.totalCount).toBe(5);

    // One before the cursor, one after: no repeats, no skips of what was there.
    await create("added", ["Aap", "Zebra"]);

    const second = await page(first.data!.organisations.pageInfo.endCursor);
    expect(second.data!.organisations.edges.map((e) => e.node.name)).toEqual(["Egel", "Fret"]);
    const third = await page(second.data!.organisations.pageInfo.endCursor);
    expect(third.data!.organisations.edges.map((e) => e.node.name)).toEqual(["Hert", "Zebra"]);
    expect(third.data!.organisations.pageInfo.hasNextPage).toBe(false);
    expect(third.data!.organisations.totalCount).toBe(7);
  });

  it("pages a count ordering, ties by name", async () => {
    // Topic counts 2, 1, 1, 1, 0, 0, 0: ties within a count read by name.
    const kind = await create("counts", ["Aap", "Bever", "Das", "Egel", "Fret", "Hert", "Zebra"], {
      Das: 2,
      Aap: 1,
      Hert: 1,
      Zebra: 1,
    });
    const names: string[] = [];
    let after: string | null | undefined;
    for (let i = 0; i < 10; i++) {
      const res = await server.gql(OrganisationsDocument, {
        filter: { kinds: [kind] },
        orderBy: { field: "TOPIC_COUNT" },
        first: 3,
        after,
      });
      expect(res.errors).toBeUndefined();
      names.push(...res.data!.organisations.edges.map((e) => e.node.name));
      if (!res.data!.organisations.pageInfo.hasNextPage) break;
      after = res.data!.organisations.pageInfo.endCursor;
    }
    // Most topics first (the default direction of a count), ties by name; no repeats, no gaps.
    expect(names).toEqual(["Das", "Aap", "Hert", "Zebra", "Bever", "Egel", "Fret"]);
  });
});
