import fc from "fast-check";
import { NoUnusedVariablesRule, execute, parse, specifiedRules, validate } from "graphql";
import { Context } from "../../src/context";
import { Database, type Params, type Row } from "../../src/db/database";
import { createSchema } from "../../src/schema";
import type { PlannedType } from "../../src/planner/planner.catalogue";
import { selection } from "../support/planner.selections";
import { backfillSortKeys } from "../../src/graph/common/sort-key.backfill";
import { testDatabase, testDatabaseConfig, uniquePrefix } from "../support/database";
import { startTestServer, type TestServer } from "../support/server";

/**
 * The read planner (src/planner) answers a root field with one Cypher query. These tests compare its
 * answers with the resolvers' (DataLoader) answers for generated selections, on the seed and on a
 * synthetic graph made here, and count round trips through HTTP.
 */

let db: Database;
let server: TestServer;
beforeAll(async () => {
  db = testDatabase();
  server = await startTestServer({ maxCost: 100_000 });
});
afterAll(async () => {
  await db.close();
  await server.stop();
});

async function run(query: string, variables: Record<string, unknown>, planner: boolean) {
  const document = parse(query);
  const schema = await createSchema();
  // Generated selections declare $yes/$no whether or not they use them.
  const problems = validate(
    schema,
    document,
    specifiedRules.filter((r) => r !== NoUnusedVariablesRule),
  );
  expect(problems.map((p) => p.message)).toEqual([]);
  const ctx = new Context(db);
  ctx.usePlanner = planner;
  const result = await execute({
    schema,
    document,
    contextValue: ctx,
    variableValues: variables,
  });
  return {
    result: JSON.parse(JSON.stringify(result)) as Record<string, unknown>,
    roundTrips: ctx.stats.roundTrips,
  };
}

/**
 * Runs both ways; the answers must be equal, and the planner never needs more round trips. The graph
 * is this worker's own (decision record 0056): no other file writes between the two runs.
 */
async function compare(query: string, variables: Record<string, unknown>) {
  const planned = await run(query, variables, true);
  const resolved = await run(query, variables, false);
  expect(planned.result).toEqual(resolved.result);
  expect(planned.roundTrips).toBeLessThanOrEqual(resolved.roundTrips);
  return { planned, resolved };
}

/** Seed nodes only: files that ran earlier in this worker leave test ("t-") and synthetic ("syn-") nodes. */
const SEED_ONLY = `NOT o.id STARTS WITH 't-' AND NOT o.id STARTS WITH 'syn-'`;

const PROFILE = `query Profile($id: ID!) {
  organisation(id: $id) {
    key name kind scope description
    topics { key name }
    places { ... on Municipality { code name } ... on Province { code name } }
    memberOf { key name }
    initiatives(first: 10) {
      edges { role node { key name kind
        participants(first: 10) { edges { role node { key name topics { key name } } } }
      } }
    }
    experiences(first: 5) { edges { node { key title date topics { key name } } } }
  }
}`;

const OVERVIEW = `query Municipality($code: String!) {
  municipality(code: $code) {
    code name
    province { code name }
    topics(first: 10) { topic { key name } organisationCount experienceCount }
    organisations(first: 20) { totalCount edges { node { key name kind scope } } }
    experiences(first: 10) { edges { node { key title date } } }
  }
}`;

async function busiestOrganisation(): Promise<string> {
  const rows = await db.read(
    `MATCH (o:Organisation)-[:PARTICIPATES_IN]->(i:Initiative) WHERE ${SEED_ONLY}
     RETURN o.id AS id, count(i) AS n ORDER BY n DESC, id LIMIT 1`,
  );
  return String(rows[0]!.id);
}

async function busiestMunicipality(): Promise<string> {
  const rows = await db.read(
    `MATCH (m:Municipality)<-[:ACTIVE_IN|BASED_IN]-(o:Organisation) WHERE ${SEED_ONLY}
     RETURN m.code AS code, count(o) AS n ORDER BY n DESC, code LIMIT 1`,
  );
  return String(rows[0]!.code);
}

/** The real driver, counting the bytes (as JSON) of the rows each read brings back. */
class CountingDatabase extends Database {
  bytes = 0;
  override async read(cypher: string, params?: Params, bookmarks?: readonly string[]): Promise<Row[]> {
    const rows = await super.read(cypher, params, bookmarks);
    this.bytes += JSON.stringify(rows).length;
    return rows;
  }
}

describe("bytes read from Neo4j", () => {
  it("the planned profile and overview read less than the resolvers (selected properties only)", async () => {
    const counting = new CountingDatabase(testDatabaseConfig());
    const measure = async (query: string, variables: Record<string, unknown>, planner: boolean) => {
      const ctx = new Context(counting);
      ctx.usePlanner = planner;
      counting.bytes = 0;
      const result = await execute({
        schema: await createSchema(),
        document: parse(query),
        contextValue: ctx,
        variableValues: variables,
      });
      expect(result.errors).toBeUndefined();
      return { bytes: counting.bytes, roundTrips: ctx.stats.roundTrips };
    };
    try {
      const figures: Record<string, unknown> = {};
      for (const [name, query, variables] of [
        ["profile", PROFILE, { id: await busiestOrganisation() }],
        ["municipality", OVERVIEW, { code: await busiestMunicipality() }],
      ] as const) {
        const planned = await measure(query, variables, true);
        const resolved = await measure(query, variables, false);
        figures[name] = { planned, resolved };
        expect(planned.roundTrips).toBe(1);
        expect(planned.bytes).toBeLessThan(resolved.bytes);
      }
      console.log(JSON.stringify({ bytesReadFromNeo4j: figures }));
    } finally {
      await counting.close();
    }
  });
});

describe("round trips through HTTP", () => {
  it("the organisation profile is one round trip, with the same data as the resolvers", async () => {
    const id = await busiestOrganisation();
    const res = await server.gql<{ organisation: { initiatives: { edges: unknown[] } } }>(PROFILE, { id });
    expect(res.errors).toBeUndefined();
    expect(res.data!.organisation.initiatives.edges.length).toBeGreaterThan(0);
    expect(res.extensions!.roundTrips).toBe(1);
    const { resolved } = await compare(PROFILE, { id });
    expect(resolved.roundTrips).toBeGreaterThan(1);
  });

  it("the municipality overview is one round trip", async () => {
    const code = await busiestMunicipality();
    const res = await server.gql<{ municipality: { organisations: { totalCount: number } } }>(OVERVIEW, {
      code,
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.municipality.organisations.totalCount).toBeGreaterThan(0);
    expect(res.extensions!.roundTrips).toBe(1);
    await compare(OVERVIEW, { code });
  });

  it("an unknown organisation is null in one round trip; a malformed id is the resolver's coded error", async () => {
    const unknown = await server.gql(PROFILE, { id: "no-such-organisation-x" });
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data).toEqual({ organisation: null });
    expect(unknown.extensions!.roundTrips).toBe(1);
    const bad = await server.gql(PROFILE, { id: "Not A Key!" });
    expect(bad.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    await compare(PROFILE, { id: "Not A Key!" });
  });
});

const ROOT_ARGUMENT: Partial<Record<PlannedType, [string, string]>> = {
  Organisation: ["organisation", "id: ID!"],
  Topic: ["topic", "id: ID!"],
  Initiative: ["initiative", "id: ID!"],
  Experience: ["experience", "id: ID!"],
  Condition: ["condition", "id: ID!"],
  Municipality: ["municipality", "code: String!"],
  Province: ["province", "code: String!"],
};

/** Generated selections on one root type, for the given keys: planner and resolvers must agree. */
async function equivalent(type: PlannedType, keys: string[], numRuns: number) {
  const [field, argument] = ROOT_ARGUMENT[type]!;
  const name = argument.split(":")[0]!;
  let planned = 0;
  await fc.assert(
    fc.asyncProperty(selection(type, 3), fc.constantFrom(...keys), async (sel, key) => {
      const query = `query Q($${argument}, $yes: Boolean!, $no: Boolean!) { r: ${field}(${name}: $${name}) { ${sel} } }`;
      const { planned: p } = await compare(query, { [name]: key, yes: true, no: false });
      if (p.roundTrips === 1) planned++;
    }),
    { numRuns, seed: 1313, endOnFailure: true },
  );
  // Most selections are fully planned; the rest mixed fields the planner leaves to resolvers.
  expect(planned).toBeGreaterThan(numRuns / 3);
}

describe("planner answers equal resolver answers on the seed", () => {
  let organisations: string[];
  let municipalities: string[];
  let keysOf: (label: string) => Promise<string[]>;
  beforeAll(async () => {
    keysOf = async (label) =>
      (await db.read(`MATCH (n:${label}) RETURN n.id AS id ORDER BY id LIMIT 3`)).map((r) => String(r.id));
    organisations = [await busiestOrganisation(), ...(await keysOf("Organisation"))];
    municipalities = [await busiestMunicipality(), "GM0363", "GM0003"];
  });

  it("organisation", () => equivalent("Organisation", organisations, 20));
  it("municipality (current and merged away)", () => equivalent("Municipality", municipalities, 15));
  it("province", () => equivalent("Province", ["PV26", "PV30"], 8));
  it("topic, initiative, experience, condition", async () => {
    await equivalent("Topic", await keysOf("Topic"), 8);
    await equivalent("Initiative", await keysOf("Initiative"), 8);
    await equivalent("Experience", await keysOf("Experience"), 8);
    await equivalent("Condition", await keysOf("Condition"), 5);
  });
});

describe("planner answers equal resolver answers on a synthetic graph", () => {
  const p = uniquePrefix("plan")
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, "-");
  const id = (s: string) => `${p}-${s}`;

  beforeAll(async () => {
    // Ties on names (the key breaks them), missing dates (sort last), roles and none, provinces and
    // municipalities as places, a subtopic: the cases orderings and projections must agree on.
    await db.write(async (tx) => {
      await tx.run(
        `CREATE (t1:Topic {id: $p + '-t1', name: 'zorg', nameKey: 'zorg'})
         CREATE (t2:Topic {id: $p + '-t2', name: 'zorg', nameKey: 'zorg'})-[:SUBTOPIC_OF]->(t1)
         WITH t1, t2
         UNWIND range(1, 7) AS i
         CREATE (o:Organisation {id: $p + '-o' + i, name: CASE WHEN i < 4 THEN 'Stichting' ELSE 'Vereniging ' + i END,
                 nameKey: 'x', kind: 'stichting', scope: CASE i % 3 WHEN 0 THEN 'NATIONAL' WHEN 1 THEN 'LOCAL' ELSE 'REGIONAL' END,
                 status: 'ACTIVE', description: CASE WHEN i % 2 = 0 THEN 'beschrijving' END})
         WITH o, i, CASE WHEN i % 2 = 0 THEN t1 ELSE t2 END AS t
         CREATE (o)-[:WORKS_ON]->(t)
         WITH collect(o) AS os
         UNWIND range(1, 4) AS j
         CREATE (n:Initiative {id: $p + '-i' + j, name: CASE WHEN j < 3 THEN 'Samen' ELSE 'Project ' + j END, kind: 'project'})
         WITH os, n, j
         UNWIND range(0, size(os) - 1) AS k
         WITH os[k] AS o, n, j, k WHERE (k + j) % 2 = 0 OR k = 0
         CREATE (o)-[:PARTICIPATES_IN {role: CASE (k + j) % 3 WHEN 0 THEN 'COORDINATOR' WHEN 1 THEN 'PARTNER' END}]->(n)`,
        { p },
      );
      await tx.run(
        `MATCH (o:Organisation) WHERE o.id STARTS WITH $p
         MATCH (m:Municipality {code: 'GM0344'}), (pv:Province {code: 'PV26'}), (t:Topic {id: $p + '-t1'})
         WITH o, m, pv, t ORDER BY o.id
         WITH collect(o) AS os, m, pv, t
         UNWIND range(0, size(os) - 1) AS k
         WITH os[k] AS o, os, k, m, pv, t
         FOREACH (_ IN CASE WHEN k % 2 = 0 THEN [1] ELSE [] END | CREATE (o)-[:ACTIVE_IN]->(m))
         FOREACH (_ IN CASE WHEN k % 3 = 0 THEN [1] ELSE [] END | CREATE (o)-[:ACTIVE_IN]->(pv))
         WITH o, k, m, pv, t, os[0] AS umbrella
         FOREACH (_ IN CASE WHEN k > 0 THEN [1] ELSE [] END | CREATE (o)-[:MEMBER_OF]->(umbrella))
         FOREACH (d IN range(0, k % 4) |
           CREATE (o)-[:SHARED]->(e:Experience {id: o.id + '-e' + d, title: 'Ervaring', kind: 'STORY',
                   date: CASE WHEN d % 2 = 0 THEN '2024-0' + (d + 1) + '-01' END})-[:ABOUT]->(t))`,
        { p },
      );
    });
    // Raw writes skip the node writer: give them their Dutch sort keys as the service does at start.
    await backfillSortKeys(db);
  });
  afterAll(async () => {
    await db.write((tx) =>
      tx.run(
        `MATCH (n) WHERE (n:Organisation OR n:Topic OR n:Initiative OR n:Experience) AND n.id STARTS WITH $p
         DETACH DELETE n`,
        { p },
      ),
    );
  });

  it("organisation", () =>
    equivalent(
      "Organisation",
      [1, 2, 4, 7].map((i) => id(`o${i}`)),
      30,
    ));
  it("initiative and topic", async () => {
    await equivalent(
      "Initiative",
      [1, 2, 3].map((i) => id(`i${i}`)),
      10,
    );
    await equivalent("Topic", [id("t1"), id("t2")], 10);
  });

  it("later pages (after a cursor) agree, and a bad cursor is the resolver's error", async () => {
    const query = `query Q($id: ID!, $after: String) { organisation(id: $id) {
      members(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { key name } } }
      experiences(first: 1) { pageInfo { endCursor } edges { node { key date } } }
    } }`;
    const first = await compare(query, { id: id("o1"), after: null });
    const data = first.planned.result.data as {
      organisation: { members: { pageInfo: { endCursor: string; hasNextPage: boolean } } };
    };
    expect(data.organisation.members.pageInfo.hasNextPage).toBe(true);
    let after: string | null = data.organisation.members.pageInfo.endCursor;
    const seen: string[] = [];
    while (after) {
      const page = await compare(query, { id: id("o1"), after });
      expect(page.planned.roundTrips).toBe(1);
      const members = (
        page.planned.result.data as typeof data & {
          organisation: { members: { edges: { node: { key: string } }[] } };
        }
      ).organisation.members;
      seen.push(...members.edges.map((e) => e.node.key));
      after = members.pageInfo.hasNextPage ? members.pageInfo.endCursor : null;
    }
    expect(seen).toHaveLength(4); // o2..o7 are members of o1; the first page held two
    const bad = await compare(query, { id: id("o1"), after: "bm90IGEgY3Vyc29y" });
    expect(JSON.stringify(bad.planned.result.errors)).toContain("not a valid cursor");
  });
});

describe("lists: the fields below a page are planned in one query per node type", () => {
  // Its own organisations (a kind, a topic and a name word of its own), so that no other file's writes
  // fall between the planned and the resolved answer.
  const p = uniquePrefix("plist")
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, "-");
  const kind = `${p}-kind`;
  const topic = `${p}-topic`;
  const word = `planlijst${p.replace(/[^a-z0-9]/g, "")}`;

  beforeAll(async () => {
    await db.write((tx) =>
      tx.run(
        `CREATE (t:Topic {id: $topic, name: $topic, nameKey: $topic, sortKey: $topic})
         WITH t MATCH (seedTopic:Topic {id: 'mantelzorg'}), (m:Municipality {code: 'GM0344'}), (pv:Province {code: 'PV26'})
         CREATE (i:Initiative {id: $p + '-ini', name: $word + ' samen', nameKey: $word + ' samen', sortKey: $word + ' samen', kind: 'project', status: 'ACTIVE'})
         CREATE (ev:Event {id: $p + '-event', name: $word + ' dag', nameKey: $word + ' dag', sortKey: $word + ' dag', kind: 'bijeenkomst', date: '2024-05-01'})-[:PART_OF]->(i)
         WITH t, seedTopic, m, pv, i, ev
         UNWIND range(1, 12) AS n
         CREATE (o:Organisation {id: $p + '-o' + n, name: $word + ' ' + n, nameKey: $word + ' ' + n, sortKey: $word + ' ' + n,
                                 kind: $kind, scope: CASE n % 3 WHEN 0 THEN 'NATIONAL' WHEN 1 THEN 'LOCAL' ELSE 'REGIONAL' END, status: 'ACTIVE'})
         CREATE (o)-[:WORKS_ON]->(t)
         FOREACH (_ IN CASE WHEN n % 2 = 0 THEN [1] ELSE [] END | CREATE (o)-[:WORKS_ON]->(seedTopic), (o)-[:ACTIVE_IN]->(m))
         FOREACH (_ IN CASE WHEN n % 3 = 0 THEN [1] ELSE [] END | CREATE (o)-[:ACTIVE_IN]->(pv), (o)-[:PARTICIPATES_IN {role: 'PARTNER'}]->(i))
         FOREACH (_ IN CASE WHEN n % 4 = 0 THEN [1] ELSE [] END |
           CREATE (o)-[:SHARED]->(:Experience {id: $p + '-e' + n, title: $word + ' ervaring', sortKey: $word + ' ervaring', kind: 'STORY'})-[:ABOUT]->(t),
                  (o)-[:TAKES_PART_IN {role: 'PARTICIPANT'}]->(ev))`,
        { p, kind, topic, word },
      ),
    );
  });
  afterAll(async () => {
    await db.write((tx) => tx.run("MATCH (n) WHERE n.id STARTS WITH $p DETACH DELETE n", { p }));
  });

  const LIST = `query L($first: Int, $kind: String!) { organisations(first: $first, filter: { kinds: [$kind] }, orderBy: { field: INITIATIVE_COUNT }) {
    totalCount edges { node { key name
      topics { key name }
      places { ... on Municipality { code name } ... on Province { code name } }
      initiatives(first: 3) { totalCount edges { role node { key name participants(first: 2) { edges { node { key } } } } } }
    } } } }`;

  it("a directory page with nested relations: two round trips, the resolvers' answer", async () => {
    const { planned, resolved } = await compare(LIST, { first: 8, kind });
    expect(planned.roundTrips).toBe(2); // the page with its totalCount, then everything below it
    expect(resolved.roundTrips).toBeGreaterThan(4);
    const edges = (planned.result.data as { organisations: { edges: { node: { topics: unknown[] } }[] } })
      .organisations.edges;
    expect(edges).toHaveLength(8);
    expect(edges.every((e) => e.node.topics.length > 0)).toBe(true);
    const http = await server.gql(LIST, { first: 8, kind });
    expect(http.errors).toBeUndefined();
    expect(http.extensions!.roundTrips).toBe(2);
  });

  it("a page whose nodes select no relation costs no second query", async () => {
    const { planned } = await compare(
      `query ($kind: String!) { organisations(first: 5, filter: { kinds: [$kind] }) { edges { node { key name } } } }`,
      { kind },
    );
    expect(planned.roundTrips).toBe(1);
  });

  it("search hits of several types each get their own planned query", async () => {
    const query = `query S($text: String!) { search(text: $text, first: 30) { edges { type node {
      ... on Organisation { key topics { key } conditions { key } }
      ... on Initiative { key participants(first: 2) { edges { role node { key } } } }
      ... on Event { key initiative { key } }
      ... on Experience { key topics { key } }
    } } } }`;
    const { planned, resolved } = await compare(query, { text: word });
    expect((planned.result.data as { search: { edges: unknown[] } }).search.edges.length).toBeGreaterThan(12);
    expect(planned.roundTrips).toBeLessThanOrEqual(5); // the search, then one per node type found
    expect(planned.roundTrips).toBeLessThan(resolved.roundTrips);
  });

  it("whoWorksOn's organisations answer their relations from one planned query", async () => {
    const query = `query W($topic: ID!, $place: PlaceInput) { whoWorksOn(topic: $topic, place: $place, first: 20) {
      edges { score node { key name topics { key } memberOf { key } } } } }`;
    for (const variables of [
      { topic, place: { province: "PV26" } },
      { topic, place: null },
    ]) {
      const { planned, resolved } = await compare(query, variables);
      expect(planned.result.errors).toBeUndefined();
      expect(
        (planned.result.data as { whoWorksOn: { edges: unknown[] } }).whoWorksOn.edges.length,
      ).toBeGreaterThan(0);
      expect(planned.roundTrips).toBeLessThan(resolved.roundTrips);
    }
  });

  it("generated selections below the directory's page agree with the resolvers", async () => {
    let fewer = 0;
    await fc.assert(
      fc.asyncProperty(selection("Organisation", 2), fc.integer({ min: 1, max: 12 }), async (sel, first) => {
        const query = `query Q($first: Int, $kind: String!, $yes: Boolean!, $no: Boolean!) {
          r: organisations(first: $first, filter: { kinds: [$kind] }, orderBy: { field: TOPIC_COUNT }) { edges { node { ${sel} } } } }`;
        const { planned, resolved } = await compare(query, { first, kind, yes: true, no: false });
        if (planned.roundTrips < resolved.roundTrips) fewer++;
      }),
      { numRuns: 20, seed: 2024, endOnFailure: true },
    );
    expect(fewer).toBeGreaterThan(5);
  });
});
