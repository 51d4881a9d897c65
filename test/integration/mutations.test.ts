import { Role } from "../../src/auth/auth.user";
import { toGlobalId } from "../../src/graph/common/global-id";
import { uniquePrefix } from "../support/database";
import { type TestServer, startTestServer } from "../support/server";
import { type Fixture, auditEvents, createFixture, ownName, removeFixture, snapshot } from "./auth.fixtures";

interface UserErrorShape {
  field: string | null;
  code: string;
  message: string;
}

/** Mutations through HTTP on the real Neo4j: effects, versions, user errors, and nothing written when refused. */
describe("mutations", () => {
  let server: TestServer;
  let admin: string;
  let coordinator: string;
  const prefixes: string[] = [];

  async function fixture(): Promise<Fixture> {
    const prefix = uniquePrefix("mut");
    prefixes.push(prefix);
    return createFixture(server.db, prefix);
  }

  async function props(label: string, id: string): Promise<Record<string, unknown> | undefined> {
    const rows = await server.db.read(
      `MATCH (n {id: $id}) WHERE $label IN labels(n) RETURN properties(n) AS p`,
      {
        id,
        label,
      },
    );
    return rows[0]?.p as Record<string, unknown> | undefined;
  }

  async function related(id: string, type: string): Promise<string[]> {
    const rows = await server.db.read(
      `MATCH (n {id: $id})-[r]->(m) WHERE type(r) = $type RETURN coalesce(m.id, m.code) AS k ORDER BY k`,
      { id, type },
    );
    return rows.map((r) => String(r.k));
  }

  beforeAll(async () => {
    server = await startTestServer();
    admin = await server.token({ role: Role.ADMIN, subject: "admin-1" });
    coordinator = await server.token({ role: Role.COORDINATOR, subject: "coordinator-1" });
  });
  afterAll(async () => {
    for (const p of prefixes) await removeFixture(server.db, p);
    await server.stop();
  });

  const CREATE_ORG = `mutation ($input: CreateOrganisationInput!) {
    createOrganisation(input: $input) {
      organisation { id key name kind scope status version contactEmail topics { key } conditions { key } places { __typename ... on Municipality { code } ... on Province { code } } basedIn { code } }
      userErrors { field code message }
    }
  }`;
  type OrgPayload = {
    organisation: {
      id: string;
      key: string;
      name: string;
      version: number;
      description?: string | null;
      contactEmail: string | null;
      topics: { key: string }[];
      conditions: { key: string }[];
      places: { code: string }[];
      basedIn: { code: string } | null;
    } | null;
    userErrors: UserErrorShape[];
  };

  describe("createOrganisation", () => {
    it("creates the node with a slug id, version 1, nameKey, relations and an audit event", async () => {
      const f = await fixture();
      const res = await server.gql<{ createOrganisation: OrgPayload }>(
        CREATE_ORG,
        {
          input: {
            name: `${f.prefix} Cliëntenraad Wûnseradiel`,
            kind: "adviesraad",
            scope: "REGIONAL",
            contactEmail: "secretariaat@example.org",
            topics: ["wonen", toGlobalId("Topic", "jeugdhulp")],
            conditions: ["dementie"],
            activeIn: ["PV27", "GM0202"],
            basedIn: "GM1702",
          },
        },
        { token: admin },
      );
      expect(res.errors).toBeUndefined();
      const payload = res.data!.createOrganisation;
      expect(payload.userErrors).toEqual([]);
      const org = payload.organisation!;
      expect(org.key).toBe(`${f.prefix}-clientenraad-wunseradiel`);
      expect(org.id).toBe(toGlobalId("Organisation", org.key));
      expect(org).toMatchObject({
        version: 1,
        contactEmail: "secretariaat@example.org",
        basedIn: { code: "GM1982" },
      });
      expect(org.topics.map((t) => t.key).sort()).toEqual(["jeugdhulp", "wonen"]);
      expect(org.conditions.map((c) => c.key)).toEqual(["dementie"]);
      expect(org.places.map((p) => p.code).sort()).toEqual(["GM0202", "GM1982", "PV27"]);
      const stored = await props("Organisation", org.key);
      expect(stored).toMatchObject({
        nameKey: `${f.prefix} clientenraad wunseradiel`,
        status: "ACTIVE",
        scope: "REGIONAL",
        version: 1,
      });
      // Findable through the read API's name filter (nameKey).
      const found = await server.gql<{ organisations: { edges: { node: { key: string } }[] } }>(
        `query ($name: String!) { organisations(filter: { name: $name }) { edges { node { key } } } }`,
        { name: `${f.prefix} CLIENTENRAAD wunseradiel` },
      );
      expect(found.errors).toBeUndefined();
      expect(found.data!.organisations.edges.map((e) => e.node.key)).toEqual([org.key]);
      const [audit] = await auditEvents(server.db, org.key);
      expect(audit).toMatchObject({
        action: "createOrganisation",
        actorSubject: "admin-1",
        actorRole: "admin",
      });
      expect(audit!.changedFields).toEqual(
        expect.arrayContaining(["name", "contactEmail", "topics", "activeIn", "basedIn"]),
      );
    });

    it("refuses a taken id with ALREADY_EXISTS, or appends a suffix when asked", async () => {
      const f = await fixture();
      const input = { id: f.own, name: "Dubbel", kind: "koepel", scope: "NATIONAL" };
      const taken = await server.gql<{ createOrganisation: OrgPayload }>(
        CREATE_ORG,
        { input },
        { token: admin },
      );
      expect(taken.data!.createOrganisation).toMatchObject({
        organisation: null,
        userErrors: [{ field: "input.id", code: "ALREADY_EXISTS" }],
      });
      expect(await props("Organisation", f.own)).toMatchObject({ name: ownName(f.prefix) });
      const suffixed = await server.gql<{ createOrganisation: OrgPayload }>(
        CREATE_ORG,
        { input: { ...input, suffixOnCollision: true } },
        { token: admin },
      );
      expect(suffixed.data!.createOrganisation.organisation!.key).toMatch(
        new RegExp(`^${f.own}-[a-z0-9]{6}$`),
      );
    });

    it("answers invalid input with user errors and writes nothing", async () => {
      const f = await fixture();
      const before = await snapshot(server.db, f.prefix);
      const res = await server.gql<{ createOrganisation: OrgPayload }>(
        CREATE_ORG,
        {
          input: {
            id: `${f.prefix}-ongeldig`,
            name: "   ",
            kind: "k".repeat(61),
            scope: "LOCAL",
            website: "javascript:alert(1)",
            contactEmail: "geen-adres",
            contactPhone: "bel me",
            description: "nul\u0000byte",
            activeIn: ["Arnhem"],
          },
        },
        { token: admin },
      );
      expect(res.errors).toBeUndefined();
      const errors = res.data!.createOrganisation.userErrors.map((e) => [e.field, e.code]);
      expect(errors).toEqual(
        expect.arrayContaining([
          ["input.name", "REQUIRED"],
          ["input.kind", "TOO_LONG"],
          ["input.website", "INVALID"],
          ["input.contactEmail", "INVALID"],
          ["input.contactPhone", "INVALID"],
          ["input.description", "INVALID"],
          ["input.activeIn", "INVALID"],
        ]),
      );
      expect(res.data!.createOrganisation.organisation).toBeNull();
      expect(await props("Organisation", `${f.prefix}-ongeldig`)).toBeUndefined();
      expect(await snapshot(server.db, f.prefix)).toEqual(before);
    });

    it("refuses unknown references with NOT_FOUND and creates nothing, not even half", async () => {
      const f = await fixture();
      const res = await server.gql<{ createOrganisation: OrgPayload }>(
        CREATE_ORG,
        {
          input: {
            id: `${f.prefix}-half`,
            name: "Half",
            kind: "koepel",
            scope: "LOCAL",
            topics: ["wonen", "bestaat-niet"],
            activeIn: ["GM9999"],
          },
        },
        { token: admin },
      );
      expect(res.data!.createOrganisation.userErrors).toEqual([
        expect.objectContaining({
          field: "input.topics",
          code: "NOT_FOUND",
          message: expect.stringContaining("bestaat-niet"),
        }),
        expect.objectContaining({
          field: "input.activeIn",
          code: "NOT_FOUND",
          message: expect.stringContaining("GM9999"),
        }),
      ]);
      expect(await props("Organisation", `${f.prefix}-half`)).toBeUndefined();
      expect(await auditEvents(server.db, `${f.prefix}-half`)).toEqual([]);
    });
  });

  describe("updates with expectedVersion", () => {
    const UPDATE = `mutation ($id: ID!, $v: Int!, $input: UpdateOrganisationInput!) {
      updateOrganisation(id: $id, expectedVersion: $v, input: $input) {
        organisation { key name description website version } userErrors { field code message }
      }
    }`;

    it("applies the change, counts the version up and audits the changed fields", async () => {
      const f = await fixture();
      const member = await server.token({ role: Role.MEMBER, organisation: f.own, subject: "lid-1" });
      const res = await server.gql<{ updateOrganisation: OrgPayload }>(
        UPDATE,
        {
          id: toGlobalId("Organisation", f.own),
          v: 1,
          input: { name: "Eigen Vereniging Ümlaut", description: "Nieuw", website: null },
        },
        { token: member },
      );
      expect(res.data!.updateOrganisation).toMatchObject({
        organisation: { name: "Eigen Vereniging Ümlaut", description: "Nieuw", version: 2 },
        userErrors: [],
      });
      expect(await props("Organisation", f.own)).toMatchObject({
        nameKey: "eigen vereniging umlaut",
        version: 2,
      });
      const [audit] = await auditEvents(server.db, f.own);
      expect(audit).toMatchObject({
        action: "updateOrganisation",
        actorSubject: "lid-1",
        actorRole: "member",
        actorOrganisation: f.own,
        changedFields: ["name", "description"],
      });
      // A change that changes nothing keeps the version and leaves no audit event.
      const again = await server.gql<{ updateOrganisation: OrgPayload }>(
        UPDATE,
        { id: f.own, v: 2, input: { description: "Nieuw" } },
        { token: member },
      );
      expect(again.data!.updateOrganisation.organisation!.version).toBe(2);
      expect(await auditEvents(server.db, f.own)).toHaveLength(1);
    });

    it("answers a stale version with CONFLICT and changes nothing", async () => {
      const f = await fixture();
      await server.gql(UPDATE, { id: f.own, v: 1, input: { description: "eerste" } }, { token: admin });
      const before = await snapshot(server.db, f.prefix);
      const stale = await server.gql<{ updateOrganisation: OrgPayload }>(
        UPDATE,
        { id: f.own, v: 1, input: { description: "tweede" } },
        { token: admin },
      );
      expect(stale.errors).toBeUndefined();
      expect(stale.data!.updateOrganisation).toMatchObject({
        organisation: null,
        userErrors: [{ field: "expectedVersion", code: "CONFLICT" }],
      });
      expect(stale.data!.updateOrganisation.userErrors[0]!.message).toMatch(/version 2, not 1/);
      expect(await snapshot(server.db, f.prefix)).toEqual(before);
    });

    it("refuses to clear required fields and reports unknown ids", async () => {
      const f = await fixture();
      const cleared = await server.gql<{ updateOrganisation: OrgPayload }>(
        UPDATE,
        { id: f.own, v: 1, input: { name: null } },
        { token: admin },
      );
      expect(cleared.data!.updateOrganisation.userErrors).toEqual([
        expect.objectContaining({ field: "input.name", code: "REQUIRED" }),
      ]);
      const unknown = await server.gql<{ updateOrganisation: OrgPayload }>(
        UPDATE,
        { id: `${f.prefix}-bestaat-niet`, v: 1, input: { description: "x" } },
        { token: admin },
      );
      expect(unknown.data!.updateOrganisation.userErrors).toEqual([
        expect.objectContaining({ field: "id", code: "NOT_FOUND" }),
      ]);
      const malformed = await server.gql<{ updateOrganisation: OrgPayload }>(
        UPDATE,
        { id: "kapot id!", v: 1, input: { description: "x" } },
        { token: admin },
      );
      expect(malformed.data!.updateOrganisation.userErrors).toEqual([
        expect.objectContaining({ field: "id", code: "INVALID" }),
      ]);
    });

    it("treats a node without a version property as version 1 (seeded data)", async () => {
      const f = await fixture();
      expect((await props("Organisation", f.own))!.version).toBeUndefined();
      const res = await server.gql<{ organisation: { version: number } }>(
        `query ($id: ID!) { organisation(id: $id) { version } }`,
        { id: f.own },
      );
      expect(res.data!.organisation.version).toBe(1);
    });
  });

  describe("relation setters", () => {
    it("replaces topics, keeps the graph unchanged when one id is unknown", async () => {
      const f = await fixture();
      const SET = `mutation ($id: ID!, $v: Int!, $topics: [ID!]!) {
        setOrganisationTopics(id: $id, expectedVersion: $v, topics: $topics) { organisation { version topics { key } } userErrors { field code } }
      }`;
      const ok = await server.gql<{ setOrganisationTopics: OrgPayload }>(
        SET,
        { id: f.own, v: 1, topics: ["wonen", "jeugdhulp", "wonen"] },
        { token: admin },
      );
      expect(ok.data!.setOrganisationTopics.organisation).toMatchObject({ version: 2 });
      expect(await related(f.own, "WORKS_ON")).toEqual(["jeugdhulp", "wonen"]);
      const before = await snapshot(server.db, f.prefix);
      const bad = await server.gql<{ setOrganisationTopics: OrgPayload }>(
        SET,
        { id: f.own, v: 2, topics: ["openbare-toiletten", "geen-topic"] },
        { token: admin },
      );
      expect(bad.data!.setOrganisationTopics.userErrors).toEqual([{ field: "topics", code: "NOT_FOUND" }]);
      expect(await snapshot(server.db, f.prefix)).toEqual(before);
      const tooMany = await server.gql<{ setOrganisationTopics: OrgPayload }>(
        SET,
        { id: f.own, v: 2, topics: Array.from({ length: 51 }, (_, i) => `t${i}`) },
        { token: admin },
      );
      expect(tooMany.data!.setOrganisationTopics.userErrors).toEqual([{ field: "topics", code: "TOO_LONG" }]);
    });

    it("sets places with former municipalities resolved to their successor, and the seat", async () => {
      const f = await fixture();
      const res = await server.gql<{ setOrganisationPlaces: OrgPayload }>(
        `mutation ($id: ID!) { setOrganisationPlaces(id: $id, expectedVersion: 1, input: { activeIn: ["GM1702", "PV30"], basedIn: "GM0202" }) { organisation { version basedIn { code } } userErrors { code } } }`,
        { id: f.own },
        { token: admin },
      );
      expect(res.data!.setOrganisationPlaces).toMatchObject({
        organisation: { version: 2, basedIn: { code: "GM0202" } },
        userErrors: [],
      });
      expect(await related(f.own, "ACTIVE_IN")).toEqual(["GM1982", "PV30"]);
      const cleared = await server.gql<{ setOrganisationPlaces: OrgPayload }>(
        `mutation ($id: ID!) { setOrganisationPlaces(id: $id, expectedVersion: 2, input: { activeIn: [], basedIn: null }) { organisation { version basedIn { code } } userErrors { code } } }`,
        { id: f.own },
        { token: admin },
      );
      expect(cleared.data!.setOrganisationPlaces.organisation).toMatchObject({ version: 3, basedIn: null });
      expect(await related(f.own, "ACTIVE_IN")).toEqual([]);
    });
  });

  it("deletes an organisation with its relationships; the audit trail keeps the fact", async () => {
    const f = await fixture();
    const stale = await server.gql<{
      deleteOrganisation: { deletedId: string | null; userErrors: UserErrorShape[] };
    }>(
      `mutation ($id: ID!) { deleteOrganisation(id: $id, expectedVersion: 7) { deletedId userErrors { code } } }`,
      { id: f.own },
      { token: admin },
    );
    expect(stale.data!.deleteOrganisation).toEqual({ deletedId: null, userErrors: [{ code: "CONFLICT" }] });
    const res = await server.gql<{ deleteOrganisation: { deletedId: string } }>(
      `mutation ($id: ID!) { deleteOrganisation(id: $id, expectedVersion: 1) { deletedId userErrors { code } } }`,
      { id: f.own },
      { token: admin },
    );
    expect(res.data!.deleteOrganisation.deletedId).toBe(toGlobalId("Organisation", f.own));
    expect(await props("Organisation", f.own)).toBeUndefined();
    expect(await props("Experience", f.experience)).toBeDefined();
    expect((await auditEvents(server.db, f.own)).map((a) => a.action)).toEqual(["deleteOrganisation"]);
  });

  describe("experiences", () => {
    it("shares, updates and deletes an experience of the member's organisation", async () => {
      const f = await fixture();
      const member = await server.token({ role: Role.MEMBER, organisation: f.own });
      const shared = await server.gql<{
        shareExperience: {
          experience: {
            key: string;
            version: number;
            kind: string;
            date: string;
            sharedBy: { key: string }[];
          } | null;
          userErrors: UserErrorShape[];
        };
      }>(
        `mutation ($input: ShareExperienceInput!) { shareExperience(input: $input) { experience { key version kind date sharedBy { key } } userErrors { field code } } }`,
        {
          input: {
            organisation: f.own,
            title: `${f.prefix} Samen naar de gemeente`,
            summary: "We trokken samen op.",
            kind: "BEST_PRACTICE",
            date: "2025-10-01",
            topics: ["wonen"],
            place: "GM0202",
            initiative: f.initiative,
          },
        },
        { token: member },
      );
      expect(shared.data!.shareExperience.userErrors).toEqual([]);
      const x = shared.data!.shareExperience.experience!;
      expect(x).toMatchObject({
        key: `${f.prefix}-samen-naar-de-gemeente`,
        version: 1,
        kind: "BEST_PRACTICE",
        date: "2025-10-01",
        sharedBy: [{ key: f.own }],
      });
      expect(await related(x.key, "FROM")).toEqual([f.initiative]);
      expect(await related(x.key, "IN")).toEqual(["GM0202"]);
      const badDate = await server.gql<{ updateExperience: { userErrors: UserErrorShape[] } }>(
        `mutation ($id: ID!) { updateExperience(id: $id, expectedVersion: 1, input: { date: "2025-02-30" }) { userErrors { field code } } }`,
        { id: x.key },
        { token: member },
      );
      expect(badDate.data!.updateExperience.userErrors).toEqual([{ field: "input.date", code: "INVALID" }]);
      const updated = await server.gql<{
        updateExperience: { experience: { version: number; summary: string } };
      }>(
        `mutation ($id: ID!) { updateExperience(id: $id, expectedVersion: 1, input: { summary: "Anders.", place: null, topics: [] }) { experience { version summary } userErrors { code } } }`,
        { id: x.key },
        { token: member },
      );
      expect(updated.data!.updateExperience.experience).toEqual({ version: 2, summary: "Anders." });
      expect(await related(x.key, "IN")).toEqual([]);
      expect(await related(x.key, "ABOUT")).toEqual([]);
      const deleted = await server.gql<{ deleteExperience: { deletedId: string } }>(
        `mutation ($id: ID!) { deleteExperience(id: $id, expectedVersion: 2) { deletedId userErrors { code } } }`,
        { id: x.key },
        { token: member },
      );
      expect(deleted.data!.deleteExperience.deletedId).toBe(toGlobalId("Experience", x.key));
      expect(await props("Experience", x.key)).toBeUndefined();
    });

    it("refuses sharing for an organisation that does not exist (as admin: NOT_FOUND)", async () => {
      const f = await fixture();
      const res = await server.gql<{ shareExperience: { userErrors: UserErrorShape[] } }>(
        `mutation ($input: ShareExperienceInput!) { shareExperience(input: $input) { userErrors { field code } } }`,
        {
          input: {
            organisation: `${f.prefix}-spook`,
            id: `${f.prefix}-weg`,
            title: "x",
            summary: "y",
            kind: "STORY",
          },
        },
        { token: admin },
      );
      expect(res.data!.shareExperience.userErrors).toEqual([
        { field: "input.organisation", code: "NOT_FOUND" },
      ]);
      expect(await props("Experience", `${f.prefix}-weg`)).toBeUndefined();
    });
  });

  describe("initiatives and events", () => {
    it("creates and updates an initiative; dates must be in order", async () => {
      const f = await fixture();
      const created = await server.gql<{
        createInitiative: {
          initiative: { key: string; status: string; version: number } | null;
          userErrors: UserErrorShape[];
        };
      }>(
        `mutation ($input: CreateInitiativeInput!) { createInitiative(input: $input) { initiative { key status version } userErrors { field code } } }`,
        {
          input: {
            name: `${f.prefix} Toegankelijk Arnhem`,
            kind: "project",
            places: ["GM0202"],
            topics: ["toegankelijkheid"],
            startDate: "2026-01-01",
          },
        },
        { token: coordinator },
      );
      const i = created.data!.createInitiative.initiative!;
      expect(i).toEqual({ key: `${f.prefix}-toegankelijk-arnhem`, status: "ACTIVE", version: 1 });
      const badDates = await server.gql<{ updateInitiative: { userErrors: UserErrorShape[] } }>(
        `mutation ($id: ID!) { updateInitiative(id: $id, expectedVersion: 1, input: { startDate: "2026-05-01", endDate: "2026-01-01" }) { userErrors { field code } } }`,
        { id: i.key },
        { token: coordinator },
      );
      expect(badDates.data!.updateInitiative.userErrors).toEqual([
        { field: "input.endDate", code: "INVALID" },
      ]);
      const updated = await server.gql<{
        updateInitiative: { initiative: { status: string; version: number } };
      }>(
        `mutation ($id: ID!) { updateInitiative(id: $id, expectedVersion: 1, input: { status: "COMPLETED", endDate: "2026-12-31" }) { initiative { status version } userErrors { code } } }`,
        { id: i.key },
        { token: coordinator },
      );
      expect(updated.data!.updateInitiative.initiative).toEqual({ status: "COMPLETED", version: 2 });
    });

    it("joins with a role, changes the role, leaves; members cannot make themselves coordinator", async () => {
      const f = await fixture();
      const member = await server.token({ role: Role.MEMBER, organisation: f.own });
      const JOIN = `mutation ($i: ID!, $o: ID!, $r: ParticipationRole!) { joinInitiative(initiative: $i, organisation: $o, role: $r) { role organisation { key } initiative { key } userErrors { field code } } }`;
      const LEAVE = `mutation ($i: ID!, $o: ID!) { leaveInitiative(initiative: $i, organisation: $o) { role userErrors { field code } } }`;
      const role = async (): Promise<unknown> =>
        (
          await server.db.read(
            `MATCH (:Organisation {id: $o})-[r:PARTICIPATES_IN]->(:Initiative {id: $i}) RETURN r.role AS role`,
            { o: f.own, i: f.initiative },
          )
        ).map((r) => r.role);
      const asCoordinator = await server.gql<{ joinInitiative: unknown }>(
        JOIN,
        { i: f.initiative, o: f.own, r: "COORDINATOR" },
        { token: member },
      );
      expect(asCoordinator.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
      expect(await role()).toEqual(["PARTNER"]);
      const changed = await server.gql<{ joinInitiative: unknown }>(
        JOIN,
        { i: f.initiative, o: f.own, r: "ORGANISER" },
        { token: member },
      );
      expect(changed.data!.joinInitiative).toEqual({
        role: "ORGANISER",
        organisation: { key: f.own },
        initiative: { key: f.initiative },
        userErrors: [],
      });
      expect(await role()).toEqual(["ORGANISER"]);
      const left = await server.gql<{ leaveInitiative: unknown }>(
        LEAVE,
        { i: f.initiative, o: f.own },
        { token: member },
      );
      expect(left.data!.leaveInitiative).toEqual({ role: null, userErrors: [] });
      expect(await role()).toEqual([]);
      const again = await server.gql<{ leaveInitiative: unknown }>(
        LEAVE,
        { i: f.initiative, o: f.own },
        { token: member },
      );
      expect(again.data!.leaveInitiative).toEqual({
        role: null,
        userErrors: [{ field: "organisation", code: "NOT_FOUND" }],
      });
      const audit = await auditEvents(server.db, f.initiative);
      expect(audit.map((a) => a.action)).toEqual(["joinInitiative", "leaveInitiative"]);
    });

    it("creates and updates an event held in a municipality, part of an initiative", async () => {
      const f = await fixture();
      const created = await server.gql<{
        createEvent: {
          event: {
            key: string;
            version: number;
            place: { code: string } | null;
            initiative: { key: string } | null;
          } | null;
          userErrors: UserErrorShape[];
        };
      }>(
        `mutation ($input: CreateEventInput!) { createEvent(input: $input) { event { key version place { code } initiative { key } } userErrors { field code } } }`,
        {
          input: {
            id: `${f.prefix}-congres`,
            name: "Congres",
            kind: "congres",
            place: "GM0363",
            initiative: f.initiative,
            date: "2026-06-01",
          },
        },
        { token: coordinator },
      );
      expect(created.data!.createEvent).toEqual({
        event: {
          key: `${f.prefix}-congres`,
          version: 1,
          place: { code: "GM0363" },
          initiative: { key: f.initiative },
        },
        userErrors: [],
      });
      const wrongPlace = await server.gql<{ updateEvent: { userErrors: UserErrorShape[] } }>(
        `mutation ($id: ID!) { updateEvent(id: $id, expectedVersion: 1, input: { place: "PV27" }) { userErrors { field code } } }`,
        { id: `${f.prefix}-congres` },
        { token: coordinator },
      );
      expect(wrongPlace.data!.updateEvent.userErrors).toEqual([{ field: "input.place", code: "INVALID" }]);
      const moved = await server.gql<{
        updateEvent: { event: { version: number; place: { code: string } } };
      }>(
        `mutation ($id: ID!) { updateEvent(id: $id, expectedVersion: 1, input: { place: "GM0202", initiative: null }) { event { version place { code } initiative { key } } userErrors { code } } }`,
        { id: `${f.prefix}-congres` },
        { token: coordinator },
      );
      expect(moved.data!.updateEvent.event).toEqual({
        version: 2,
        place: { code: "GM0202" },
        initiative: null,
      });
    });
  });

  it("merges two organisations: relationships move, SUCCESSOR_OF is kept, the merged one becomes INACTIVE", async () => {
    const f = await fixture();
    await server.db.write((tx) =>
      tx.run(
        `MATCH (b:Organisation {id: $other}), (a:Organisation {id: $own}), (i:Initiative {id: $initiative})
         MATCH (t1:Topic {id: 'openbare-toiletten'}), (t2:Topic {id: 'wonen'}), (m:Municipality {code: 'GM0202'})
         CREATE (b)-[:WORKS_ON]->(t1), (b)-[:WORKS_ON]->(t2), (b)-[:BASED_IN]->(m),
                (b)-[:PARTICIPATES_IN {role: 'COORDINATOR'}]->(i), (b)-[:MEMBER_OF]->(a)`,
        { own: f.own, other: f.other, initiative: f.initiative },
      ),
    );
    const res = await server.gql<{
      mergeOrganisations: {
        survivor: { key: string; version: number };
        merged: { status: string; version: number };
        userErrors: UserErrorShape[];
      };
    }>(
      `mutation ($s: ID!, $m: ID!) { mergeOrganisations(input: { survivor: $s, survivorVersion: 1, merged: $m, mergedVersion: 1 }) {
         survivor { key version successorOf { key } } merged { status version succeededBy { key } } userErrors { code } } }`,
      { s: f.own, m: f.other },
      { token: admin },
    );
    expect(res.data!.mergeOrganisations).toEqual({
      survivor: { key: f.own, version: 2, successorOf: [{ key: f.other }] },
      merged: { status: "INACTIVE", version: 2, succeededBy: [{ key: f.own }] },
      userErrors: [],
    });
    expect(await related(f.own, "WORKS_ON")).toEqual(["openbare-toiletten", "wonen"]);
    expect(await related(f.own, "BASED_IN")).toEqual(["GM0202"]);
    // The survivor already took part: its own role is kept.
    expect(await related(f.own, "PARTICIPATES_IN")).toEqual([f.initiative]);
    const roles = await server.db.read(
      `MATCH (:Organisation {id: $own})-[r:PARTICIPATES_IN]->() RETURN r.role AS role`,
      { own: f.own },
    );
    expect(roles.map((r) => r.role)).toEqual(["PARTNER"]);
    expect(await related(f.own, "MEMBER_OF")).toEqual([]);
    const left = await server.db.read(
      `MATCH (:Organisation {id: $other})-[r]-() RETURN collect(type(r)) AS types`,
      { other: f.other },
    );
    expect(left[0]!.types).toEqual(["SUCCESSOR_OF"]);
    const stale = await server.gql<{ mergeOrganisations: { userErrors: UserErrorShape[] } }>(
      `mutation ($s: ID!, $m: ID!) { mergeOrganisations(input: { survivor: $s, survivorVersion: 1, merged: $m, mergedVersion: 2 }) { userErrors { field code } } }`,
      { s: f.own, m: f.other },
      { token: admin },
    );
    expect(stale.data!.mergeOrganisations.userErrors).toEqual([
      { field: "input.survivorVersion", code: "CONFLICT" },
    ]);
    const self = await server.gql<{ mergeOrganisations: { userErrors: UserErrorShape[] } }>(
      `mutation ($s: ID!) { mergeOrganisations(input: { survivor: $s, survivorVersion: 2, merged: $s, mergedVersion: 2 }) { userErrors { field code } } }`,
      { s: f.own },
      { token: admin },
    );
    expect(self.data!.mergeOrganisations.userErrors).toEqual([{ field: "input.merged", code: "INVALID" }]);
  });

  describe("bad input is data, never code", () => {
    const NASTY = [
      `x"}) MATCH (n) DETACH DELETE n //`,
      `'; MATCH (n:Organisation) SET n.name = 'pwned' RETURN n //`,
      `<script>alert("xss")</script>`,
      `<img src=x onerror=alert(1)> & "quotes" \\ backslash`,
      `{{constructor.constructor('return process')()}} \${7*7} \` $param`,
    ];

    it.each(NASTY)("stores %j verbatim and returns it as a JSON string", async (text) => {
      const f = await fixture();
      const res = await server.gql<{ updateOrganisation: OrgPayload }>(
        `mutation ($id: ID!, $input: UpdateOrganisationInput!) { updateOrganisation(id: $id, expectedVersion: 1, input: $input) { organisation { name description } userErrors { code } } }`,
        { id: f.own, input: { name: text, description: text } },
        { token: admin },
      );
      expect(res.data!.updateOrganisation).toEqual({
        organisation: { name: text, description: text },
        userErrors: [],
      });
      expect((await props("Organisation", f.own))!.name).toBe(text);
      // Nothing was executed: the neighbour and the seed are untouched.
      expect((await props("Organisation", f.other))!.name).toBe("Andere vereniging");
      expect((await props("Organisation", "iederin"))!.name).not.toBe("pwned");
      const read = await fetch(`${server.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          query: `query ($id: ID!) { organisation(id: $id) { name } }`,
          variables: { id: f.own },
        }),
      });
      expect(read.headers.get("content-type")).toMatch(/application\/(graphql-response\+)?json/);
      const raw = await read.text();
      expect(raw).toContain(JSON.stringify(text));
    });

    it("refuses ids that are not keys, in any position", async () => {
      const f = await fixture();
      const res = await server.gql<{ setOrganisationTopics: OrgPayload }>(
        `mutation ($id: ID!) { setOrganisationTopics(id: $id, expectedVersion: 1, topics: ["wonen", "x'}) DETACH DELETE n //"]) { userErrors { field code } } }`,
        { id: f.own },
        { token: admin },
      );
      expect(res.data!.setOrganisationTopics.userErrors).toEqual([{ field: "topics[1]", code: "INVALID" }]);
    });
  });

  it("lists the audit trail for admins, newest first, with cursors", async () => {
    const f = await fixture();
    for (const [v, description] of [
      [1, "een"],
      [2, "twee"],
      [3, "drie"],
    ] as const) {
      await server.gql(
        `mutation ($id: ID!, $v: Int!, $d: String) { updateOrganisation(id: $id, expectedVersion: $v, input: { description: $d }) { userErrors { code } } }`,
        { id: f.own, v, d: description },
        { token: admin },
      );
    }
    const AUDIT = `query ($t: ID!, $after: String) { auditLog(target: $t, first: 2, after: $after) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { node { action targetType targetKey at changedFields actor { subject role organisation } } } } }`;
    type Audit = {
      auditLog: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string };
        edges: { node: { at: string; action: string } }[];
      };
    };
    const first = await server.gql<Audit>(AUDIT, { t: toGlobalId("Organisation", f.own) }, { token: admin });
    expect(first.errors).toBeUndefined();
    expect(first.data!.auditLog.totalCount).toBe(3);
    expect(first.data!.auditLog.edges[0]!.node).toMatchObject({
      action: "updateOrganisation",
      targetType: "Organisation",
      targetKey: f.own,
      changedFields: ["description"],
      actor: { subject: "admin-1", role: "ADMIN", organisation: null },
    });
    const second = await server.gql<Audit>(
      AUDIT,
      { t: f.own, after: first.data!.auditLog.pageInfo.endCursor },
      { token: admin },
    );
    expect(second.data!.auditLog.edges).toHaveLength(1);
    expect(second.data!.auditLog.pageInfo.hasNextPage).toBe(false);
    const times = [...first.data!.auditLog.edges, ...second.data!.auditLog.edges].map((e) => e.node.at);
    expect([...times].sort().reverse()).toEqual(times);
  });
});
