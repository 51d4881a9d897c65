import { uniquePrefix } from "../support/database";
import { startTestServer, type TestServer } from "../support/server";

type Keys = {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: { key: string } }[];
};

/**
 * Filters that take several values (OR within a field, AND across fields) and the ACTIVE default, on
 * organisations this file creates (one unique kind, added to every filter): other files' writes meanwhile
 * cannot change the counts it pages through.
 */
describe("organisation filters with lists", () => {
  let server: TestServer;
  const kind = uniquePrefix("lists");
  beforeAll(async () => {
    server = await startTestServer();
    await server.db.write((tx) =>
      tx.run(
        `UNWIND $orgs AS o
         CREATE (n:Organisation {id: $kind + '-' + o.name, name: o.name, nameKey: o.name, sortKey: o.name,
                                 kind: $kind, scope: o.scope, status: o.status})
         WITH n, o
         CALL (n, o) { MATCH (t:Topic {id: o.topic}) CREATE (n)-[:WORKS_ON]->(t) }
         CALL (n, o) { MATCH (c:Condition {id: o.condition}) CREATE (n)-[:REPRESENTS]->(c) }
         CALL (n, o) {
           OPTIONAL MATCH (m:Municipality {code: o.place}) OPTIONAL MATCH (p:Province {code: o.place})
           WITH n, coalesce(m, p) AS x WHERE x IS NOT NULL CREATE (n)-[:ACTIVE_IN]->(x)
         }`,
        {
          kind,
          orgs: [
            ["brabant", "LOCAL", "ACTIVE", "toegankelijkheid", "chronische-darmontsteking", "PV30"],
            ["utrecht", "REGIONAL", "ACTIVE", "mantelzorg", "dementie", "GM0344"],
            ["zeist", "LOCAL", "ACTIVE", "toegankelijkheid", "dementie", "GM0355"],
            ["tilburg", "LOCAL", "ACTIVE", "mantelzorg", "chronische-darmontsteking", "GM0855"],
            ["gestopt", "LOCAL", "INACTIVE", "mantelzorg", "chronische-darmontsteking", "PV30"],
            ["landelijk", "NATIONAL", "ACTIVE", "wonen", "dementie", "none"],
          ].map(([name, scope, status, topic, condition, place]) => ({
            name,
            scope,
            status,
            topic,
            condition,
            place,
          })),
        },
      ),
    );
  });
  afterAll(async () => {
    await server.db.write((tx) => tx.run("MATCH (n:Organisation {kind: $kind}) DETACH DELETE n", { kind }));
    await server.stop();
  });

  const LIST = `query ($filter: OrganisationFilter, $after: String) {
    organisations(filter: $filter, first: 100, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { key } } } }`;

  async function keys(own: Record<string, unknown>): Promise<Set<string>> {
    const filter = { ...own, kinds: [kind] };
    const all = new Set<string>();
    let after: string | null = null;
    for (;;) {
      const res = await server.gql<{ organisations: Keys }>(LIST, { filter, after });
      expect(res.errors).toBeUndefined();
      const page: Keys = res.data!.organisations;
      for (const e of page.edges) all.add(e.node.key);
      if (!page.pageInfo.hasNextPage) {
        expect(all.size).toBe(page.totalCount);
        return all;
      }
      after = page.pageInfo.endCursor;
    }
  }
  const union = (a: Set<string>, b: Set<string>) => new Set([...a, ...b]);

  it.each([
    ["provinces", "province", ["Noord-Brabant", "Utrecht"]],
    ["topics", "topic", ["toegankelijkheid", "mantelzorg"]],
    ["conditions", "condition", ["chronische-darmontsteking", "dementie"]],
  ])("%s: any of the values, as the union of one-value filters", async (list, one, values) => {
    const [a, b] = await Promise.all(values.map((v) => keys({ [one]: v })));
    expect(a!.size).toBeGreaterThan(0);
    expect(b!.size).toBeGreaterThan(0);
    const both = await keys({ [list]: values });
    expect([...both].sort()).toEqual([...union(a!, b!)].sort());
    // AND across fields: the list within one scope is the intersection.
    const local = await keys({ [list]: values, scopes: ["LOCAL"] });
    const onlyLocal = await keys({ scopes: ["LOCAL"] });
    expect([...local].sort()).toEqual([...both].filter((k) => onlyLocal.has(k)).sort());
  });

  it("lists ACTIVE organisations unless INACTIVE ones are asked for", async () => {
    const inactive = await keys({ statuses: ["INACTIVE"] });
    expect(inactive.size).toBeGreaterThan(0);
    const plain = await keys({});
    for (const k of inactive) expect(plain.has(k)).toBe(false);
    const everyone = await keys({ statuses: ["ACTIVE", "INACTIVE"] });
    expect(everyone.size).toBe(plain.size + inactive.size);
  });

  it("names the list argument of a value that does not resolve", async () => {
    const res = await server.gql(LIST, { filter: { provinces: ["Utrecht", "Atlantis"] } });
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      argument: "filter.provinces",
    });
  });
});
