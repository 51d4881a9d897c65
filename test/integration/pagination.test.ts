import { OrganisationsDocument } from "../__generated__/graphql";
import { uniquePrefix } from "../support/database";
import { startTestServer, type TestServer } from "../support/server";

describe("keyset pagination", () => {
  let server: TestServer;
  const prefix = uniquePrefix("page");
  const kind = `${prefix}-kind`;

  async function create(names: string[]): Promise<void> {
    await server.db.write((tx) =>
      tx.run(
        `UNWIND $names AS name
         CREATE (:Organisation {id: $prefix + '-' + toLower(name), name: name, nameKey: toLower(name), sortKey: toLower(name), kind: $kind,
                 scope: 'LOCAL', status: 'ACTIVE'})`,
        { names, prefix, kind },
      ),
    );
  }

  beforeAll(async () => {
    server = await startTestServer();
    await create(["Bever", "Das", "Egel", "Fret", "Hert"]);
  });

  afterAll(async () => {
    await server.db.write((tx) =>
      tx.run("MATCH (n:Organisation) WHERE n.id STARTS WITH $prefix DETACH DELETE n", { prefix }),
    );
    await server.stop();
  });

  const page = (after?: string | null) =>
    server.gql(OrganisationsDocument, { filter: { kinds: [kind] }, first: 2, after });

  it("stays correct when organisations are added between pages", async () => {
    const first = await page();
    expect(first.data!.organisations.edges.map((e) => e.node.name)).toEqual(["Bever", "Das"]);
    expect(first.data!.organisations.totalCount).toBe(5);

    // One before the cursor, one after: no repeats, no skips of what was there.
    await create(["Aap", "Zebra"]);

    const second = await page(first.data!.organisations.pageInfo.endCursor);
    expect(second.data!.organisations.edges.map((e) => e.node.name)).toEqual(["Egel", "Fret"]);
    const third = await page(second.data!.organisations.pageInfo.endCursor);
    expect(third.data!.organisations.edges.map((e) => e.node.name)).toEqual(["Hert", "Zebra"]);
    expect(third.data!.organisations.pageInfo.hasNextPage).toBe(false);
    expect(third.data!.organisations.totalCount).toBe(7);
  });

  it("pages a count ordering with ties by key", async () => {
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
    expect([...names].sort()).toEqual(["Aap", "Bever", "Das", "Egel", "Fret", "Hert", "Zebra"]);
  });
});
