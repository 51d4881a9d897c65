import { Role } from "../../src/auth/auth.user";
import { uniquePrefix } from "../support/database";
import { type TestServer, startTestServer } from "../support/server";
import { auditEvents, createFixture, removeFixture } from "./auth.fixtures";

/** Concurrent writers through HTTP on the real Neo4j: versions and uniqueness constraints decide, never luck. */
describe("concurrent mutations", () => {
  let server: TestServer;
  let admin: string;
  const prefixes: string[] = [];
  beforeAll(async () => {
    server = await startTestServer();
    admin = await server.token({ role: Role.ADMIN });
  });
  afterAll(async () => {
    for (const p of prefixes) await removeFixture(server.db, p);
    await server.stop();
  });

  it("lets exactly one of N editors with the same expectedVersion win; the others get CONFLICT", async () => {
    const prefix = uniquePrefix("race");
    prefixes.push(prefix);
    const f = await createFixture(server.db, prefix);
    const editors = 12;
    const results = await Promise.all(
      Array.from({ length: editors }, (_, i) =>
        server.gql<{
          updateOrganisation: { organisation: { version: number } | null; userErrors: { code: string }[] };
        }>(
          `mutation ($id: ID!, $d: String) { updateOrganisation(id: $id, expectedVersion: 1, input: { description: $d }) { organisation { version } userErrors { code } } }`,
          { id: f.own, d: `editor ${i}` },
          { token: admin },
        ),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(editors).fill(200));
    expect(results.flatMap((r) => r.errors ?? [])).toEqual([]);
    const winners = results.flatMap((r, i) => (r.data!.updateOrganisation.organisation ? [i] : []));
    expect(winners).toHaveLength(1);
    const codes = results.flatMap((r) => r.data!.updateOrganisation.userErrors.map((e) => e.code));
    expect(codes).toEqual(Array(editors - 1).fill("CONFLICT"));
    const stored = await server.db.read(
      `MATCH (o:Organisation {id: $id}) RETURN o.version AS v, o.description AS d`,
      {
        id: f.own,
      },
    );
    expect(stored[0]).toEqual({ v: 2, d: `editor ${winners[0]}` });
    expect(await auditEvents(server.db, f.own)).toHaveLength(1);
  });

  it("turns 50 concurrent identical creates into exactly one node; the others get ALREADY_EXISTS, none a 500", async () => {
    const prefix = uniquePrefix("create50");
    prefixes.push(prefix);
    const id = `${prefix}-dubbel`;
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        server.gql<{
          createOrganisation: {
            organisation: { key: string } | null;
            userErrors: { field: string; code: string }[];
          };
        }>(
          `mutation ($input: CreateOrganisationInput!) { createOrganisation(input: $input) { organisation { key } userErrors { field code } } }`,
          { input: { id, name: "Dubbel", kind: "koepel", scope: "NATIONAL" } },
          { token: admin },
        ),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(200));
    expect(results.flatMap((r) => r.errors ?? [])).toEqual([]);
    const created = results.filter((r) => r.data!.createOrganisation.organisation?.key === id);
    expect(created).toHaveLength(1);
    const refused = results.flatMap((r) => r.data!.createOrganisation.userErrors);
    expect(refused).toEqual(Array(49).fill({ field: "input.id", code: "ALREADY_EXISTS" }));
    const nodes = await server.db.read(`MATCH (o:Organisation {id: $id}) RETURN count(o) AS n`, { id });
    expect(nodes[0]!.n).toBe(1);
    expect(await auditEvents(server.db, id)).toHaveLength(1);
  });

  it("serialises concurrent joins of one organisation: one audit pair, one relationship", async () => {
    const prefix = uniquePrefix("joins");
    prefixes.push(prefix);
    const f = await createFixture(server.db, prefix);
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        server.gql(
          `mutation ($i: ID!, $o: ID!) { joinInitiative(initiative: $i, organisation: $o, role: SUPPORTER) { role userErrors { code } } }`,
          { i: f.initiative, o: f.other },
          { token: admin },
        ),
      ),
    );
    expect(results.flatMap((r) => r.errors ?? [])).toEqual([]);
    const rels = await server.db.read(
      `MATCH (:Organisation {id: $o})-[r:PARTICIPATES_IN]->(:Initiative {id: $i}) RETURN r.role AS role`,
      { o: f.other, i: f.initiative },
    );
    expect(rels).toEqual([{ role: "SUPPORTER" }]);
    expect(await auditEvents(server.db, f.other)).toHaveLength(1);
  });
});
