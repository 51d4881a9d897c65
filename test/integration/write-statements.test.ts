import type { ManagedTransaction } from "neo4j-driver";
import { Role } from "../../src/auth/auth.user";
import { Database } from "../../src/db/database";
import { AGGREGATES_TAG } from "../../src/graph/common/aggregates.repository";
import { uniquePrefix } from "../support/database";
import { type TestServer, startTestServer } from "../support/server";
import { type Fixture, auditEvents, createFixture, removeFixture, snapshot } from "./auth.fixtures";

/**
 * How many Cypher statements one write runs inside its transaction, and whether their text is the same
 * for every input (so that Neo4j plans it once and reuses the plan, also right after a restart).
 * Counted through HTTP on the real Neo4j with a database whose write transactions record every `run`.
 */
class StatementCounting extends Database {
  statements: string[] = [];

  override write<T>(
    work: (tx: ManagedTransaction) => Promise<T>,
    timeoutMs?: number,
    committed?: (bookmarks: string[]) => void,
  ): Promise<T> {
    return super.write((tx) => work(this.counted(tx)), timeoutMs, committed);
  }

  private counted(tx: ManagedTransaction): ManagedTransaction {
    const statements = this.statements;
    return new Proxy(tx, {
      get(target, property, receiver) {
        if (property !== "run") return Reflect.get(target, property, receiver) as unknown;
        return (cypher: string, params?: Record<string, unknown>) => {
          statements.push(cypher);
          return target.run(cypher, params);
        };
      },
    });
  }
}

const CREATE_ORG = `mutation ($input: CreateOrganisationInput!) {
  createOrganisation(input: $input) { organisation { key topics { key } places { __typename } } userErrors { field code } } }`;
const CREATE_INITIATIVE = `mutation ($input: CreateInitiativeInput!) {
  createInitiative(input: $input) { initiative { key } userErrors { field code } } }`;
const CREATE_EVENT = `mutation ($input: CreateEventInput!) {
  createEvent(input: $input) { event { key } userErrors { field code } } }`;
const SHARE = `mutation ($input: ShareExperienceInput!) {
  shareExperience(input: $input) { experience { key sharedBy { key } } userErrors { field code } } }`;

/** The maintained aggregates (decision 0048) follow each write with statements of their own. */
const maintains = (cypher: string) => cypher.startsWith(AGGREGATES_TAG);

interface Payload {
  userErrors: { field: string; code: string }[];
}

describe("statements per write", () => {
  let db: StatementCounting;
  let server: TestServer;
  let admin: string;
  let f: Fixture;

  beforeAll(async () => {
    db = new StatementCounting({
      uri: process.env.NEO4J_URI!,
      user: process.env.NEO4J_USER ?? "neo4j",
      password: process.env.NEO4J_PASSWORD ?? "neo4j",
      database: process.env.NEO4J_DATABASE,
      queryTimeoutMs: 30_000,
    });
    server = await startTestServer({ database: db });
    admin = await server.token({ role: Role.ADMIN, subject: "admin-statements" });
    f = await createFixture(db, uniquePrefix("stmt"));
  });
  afterAll(async () => {
    await removeFixture(db, f.prefix);
    await server.stop();
    await db.close();
  });

  /** Runs one mutation and returns its payload with the statements its write transaction ran. */
  async function counted<T extends Payload>(
    query: string,
    field: string,
    input: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<{ payload: T; statements: string[]; maintenance: string[] }> {
    db.statements = [];
    const res = await server.gql<Record<string, T>>(query, { input }, { token: admin, headers });
    expect(res.errors).toBeUndefined();
    return {
      payload: res.data![field]!,
      statements: db.statements.filter((c) => !maintains(c)),
      maintenance: db.statements.filter(maintains),
    };
  }

  it("creates an organisation with all its relation fields in one statement, the same text for any input", async () => {
    const full = await counted<Payload & { organisation: { key: string; topics: unknown[] } }>(
      CREATE_ORG,
      "createOrganisation",
      {
        id: `${f.prefix}-vol`,
        name: "Volledig",
        kind: "koepel",
        scope: "REGIONAL",
        topics: ["wonen", "jeugdhulp"],
        conditions: ["dementie"],
        activeIn: ["PV27", "GM0202", "GM1702"],
        basedIn: "GM0202",
      },
    );
    expect(full.payload.userErrors).toEqual([]);
    expect(full.payload.organisation.topics).toHaveLength(2);
    expect(full.statements).toHaveLength(1);
    // Footprint, scores, municipality counts, totals: one statement each, whatever the batch size.
    expect(full.maintenance).toHaveLength(4);
    expect(new Set(full.maintenance).size).toBe(4);

    const bare = await counted(CREATE_ORG, "createOrganisation", {
      id: f.own,
      name: "Kaal",
      kind: "koepel",
      scope: "LOCAL",
      suffixOnCollision: true,
    });
    expect(bare.payload.userErrors).toEqual([]);
    expect(bare.statements).toEqual(full.statements);
    // Nothing in any municipality: no counts to redo.
    expect(bare.maintenance).toEqual(full.maintenance.filter((c) => !c.includes("MunicipalityTopics")));
  });

  it("answers an unknown reference from the same single statement and writes nothing", async () => {
    const before = await snapshot(db, f.prefix);
    const refused = await counted(CREATE_ORG, "createOrganisation", {
      id: `${f.prefix}-half`,
      name: "Half",
      kind: "koepel",
      scope: "LOCAL",
      topics: ["wonen", "bestaat-niet"],
    });
    expect(refused.payload.userErrors).toEqual([{ field: "input.topics", code: "NOT_FOUND" }]);
    expect(refused.statements).toHaveLength(1);
    expect(refused.maintenance).toEqual([]);
    expect(await snapshot(db, f.prefix)).toEqual(before);
    expect(await auditEvents(db, `${f.prefix}-half`)).toEqual([]);
  });

  it("stores an Idempotency-Key in the create's own statement", async () => {
    const keyed = await counted(
      CREATE_ORG,
      "createOrganisation",
      { id: `${f.prefix}-sleutel`, name: "Met sleutel", kind: "koepel", scope: "LOCAL" },
      { "idempotency-key": `${f.prefix}-key` },
    );
    expect(keyed.payload.userErrors).toEqual([]);
    expect(keyed.statements).toHaveLength(1);
    // The retry answers from the stored key: no write transaction at all.
    const retry = await counted(
      CREATE_ORG,
      "createOrganisation",
      { id: `${f.prefix}-sleutel`, name: "Met sleutel", kind: "koepel", scope: "LOCAL" },
      { "idempotency-key": `${f.prefix}-key` },
    );
    expect(retry.payload).toEqual(keyed.payload);
    expect(retry.statements).toHaveLength(0);
  });

  it("creates initiatives and events in one statement each", async () => {
    const initiative = await counted(CREATE_INITIATIVE, "createInitiative", {
      id: `${f.prefix}-init`,
      name: "Samen sterk",
      kind: "project",
      status: "ACTIVE",
      topics: ["wonen"],
      conditions: ["dementie"],
      places: ["GM0202"],
    });
    expect(initiative.payload.userErrors).toEqual([]);
    expect(initiative.statements).toHaveLength(1);
    const event = await counted(CREATE_EVENT, "createEvent", {
      id: `${f.prefix}-event`,
      name: "Regiobijeenkomst",
      kind: "bijeenkomst",
      date: "2026-03-01",
      topics: ["wonen"],
      place: "GM0202",
      initiative: f.initiative,
    });
    expect(event.payload.userErrors).toEqual([]);
    expect(event.statements).toHaveLength(1);
  });

  it("shares an experience in one statement (the sharer is a relation of the create)", async () => {
    const shared = await counted<Payload & { experience: { sharedBy: { key: string }[] } }>(
      SHARE,
      "shareExperience",
      {
        organisation: f.own,
        id: `${f.prefix}-gedeeld`,
        title: "Wat werkte",
        summary: "Samen optrekken.",
        kind: "LESSON",
        topics: ["wonen"],
        place: "GM0202",
      },
    );
    expect(shared.payload.userErrors).toEqual([]);
    expect(shared.payload.experience.sharedBy).toEqual([{ key: f.own }]);
    expect(shared.statements).toHaveLength(1);
    // The organisation's and the experience's footprints, scores, counts, totals.
    expect(shared.maintenance.length).toBeLessThanOrEqual(5);
  });

  it("updates in two statements (lock, then the rest), the same text whatever changes", async () => {
    const UPDATE = `mutation ($id: ID!, $v: Int!, $input: UpdateOrganisationInput!) {
      updateOrganisation(id: $id, expectedVersion: $v, input: $input) { organisation { version } userErrors { field code } } }`;
    const SET_TOPICS = `mutation ($id: ID!, $v: Int!, $input: [ID!]!) {
      setOrganisationTopics(id: $id, expectedVersion: $v, topics: $input) { organisation { version topics { key } } userErrors { field code } } }`;
    const DELETE = `mutation ($id: ID!, $v: Int!) {
      deleteOrganisation(id: $id, expectedVersion: $v) { deletedId userErrors { field code } } }`;
    const id = `${f.prefix}-bijwerken`;
    await counted(CREATE_ORG, "createOrganisation", {
      id,
      name: "Bijwerken",
      kind: "koepel",
      scope: "LOCAL",
    });
    const run = async (query: string, field: string, v: number, input?: unknown) => {
      db.statements = [];
      const res = await server.gql<Record<string, Payload & { organisation?: { version: number } }>>(
        query,
        { id, v, input },
        { token: admin },
      );
      expect(res.errors).toBeUndefined();
      return { payload: res.data![field]!, statements: db.statements.filter((c) => !maintains(c)) };
    };
    const renamed = await run(UPDATE, "updateOrganisation", 1, { name: "Bijgewerkt" });
    expect(renamed.payload.organisation).toEqual({ version: 2 });
    expect(renamed.statements).toHaveLength(2);
    const topics = await run(SET_TOPICS, "setOrganisationTopics", 2, ["wonen", "jeugdhulp"]);
    expect(topics.payload.organisation).toMatchObject({ version: 3 });
    expect(topics.statements).toEqual(renamed.statements);
    // Nothing differs: same two statements, no new version, no audit event.
    const audits = (await auditEvents(db, id)).length;
    const same = await run(SET_TOPICS, "setOrganisationTopics", 3, ["jeugdhulp", "wonen"]);
    expect(same.payload.organisation).toMatchObject({ version: 3 });
    expect(same.statements).toHaveLength(2);
    expect(await auditEvents(db, id)).toHaveLength(audits);
    const deleted = await run(DELETE, "deleteOrganisation", 3);
    expect(deleted.payload.userErrors).toEqual([]);
    expect(deleted.statements).toHaveLength(2);
    expect((await auditEvents(db, id)).map((a) => a.changedFields)).toContainEqual(["deleted"]);
  });

  it("joins and leaves an initiative in two statements each (lock and read, then change with its audit)", async () => {
    const JOIN = `mutation ($i: ID!, $o: ID!) { joinInitiative(initiative: $i, organisation: $o, role: PARTNER) {
      role userErrors { field code } } }`;
    const LEAVE = `mutation ($i: ID!, $o: ID!) { leaveInitiative(initiative: $i, organisation: $o) {
      role userErrors { field code } } }`;
    const run = async (query: string, field: string) => {
      db.statements = [];
      const res = await server.gql<Record<string, { role: string | null; userErrors: unknown[] }>>(
        query,
        { i: f.initiative, o: f.other },
        { token: admin },
      );
      expect(res.errors).toBeUndefined();
      return { payload: res.data![field]!, statements: db.statements.filter((c) => !maintains(c)) };
    };
    const audits = (await auditEvents(db, f.other)).length;
    const joined = await run(JOIN, "joinInitiative");
    expect(joined.payload).toEqual({ role: "PARTNER", userErrors: [] });
    expect(joined.statements).toHaveLength(2);
    const left = await run(LEAVE, "leaveInitiative");
    expect(left.payload).toEqual({ role: null, userErrors: [] });
    // The same texts: join and leave share one plan of each.
    expect(left.statements).toEqual(joined.statements);
    expect((await auditEvents(db, f.other)).map((a) => a.action).slice(audits)).toEqual([
      "joinInitiative",
      "leaveInitiative",
    ]);
    const participants = await db.read(
      `MATCH (:Organisation {id: $o})-[r:PARTICIPATES_IN]->(:Initiative {id: $i}) RETURN count(r) AS n`,
      { o: f.other, i: f.initiative },
    );
    expect(Number(participants[0]?.n)).toBe(0);
  });
});
