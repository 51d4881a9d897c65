import fc from "fast-check";
import { execute, parse } from "graphql";
import { Context } from "../../src/context";
import type { Database } from "../../src/db/database";
import { createSchema } from "../../src/schema";
import { selection } from "../support/planner.selections";
import { testDatabase, uniquePrefix } from "../support/database";
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
  const ctx = new Context(db);
  ctx.usePlanner = planner;
  const result = await execute({
    schema: await createSchema(),
    document: parse(query),
    contextValue: ctx,
    variableValues: variables,
  });
  return {
    result: JSON.parse(JSON.stringify(result)) as Record<string, unknown>,
    roundTrips: ctx.stats.roundTrips,
  };
}

/** Runs both ways; the answers must be equal, and the planner never needs more round trips. */
async function compare(query: string, variables: Record<string, unknown>) {
  const planned = await run(query, variables, true);
  const resolved = await run(query, variables, false);
  expect(planned.result).toEqual(resolved.result);
  expect(planned.roundTrips).toBeLessThanOrEqual(resolved.roundTrips);
  return { planned, resolved };
}

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
    `MATCH (o:Organisation)-[:PARTICIPATES_IN]->(i:Initiative)
     RETURN o.id AS id, count(i) AS n ORDER BY n DESC, id LIMIT 1`,
  );
  return String(rows[0]!.id);
}

async function busiestMunicipality(): Promise<string> {
  const rows = await db.read(
    `MATCH (m:Municipality)<-[:ACTIVE_IN|BASED_IN]-(o:Organisation)
     RETURN m.code AS code, count(o) AS n ORDER BY n DESC, code LIMIT 1`,
  );
  return String(rows[0]!.code);
}

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
