import { Role } from "../../src/auth/auth.user";
import { uniquePrefix } from "../support/database";
import { type TestServer, startTestServer } from "../support/server";
import { type Fixture, createFixture, removeFixture, snapshot } from "./auth.fixtures";

/**
 * The authorisation matrix: every mutation (and the audit log) × every role, through HTTP on the real
 * Neo4j. Allowed: the change happens without user errors. Refused: the coded error, and the graph (nodes,
 * relationships, audit events of the fixture) is exactly as before.
 */

type Caller = "anonymous" | "own member" | "other member" | "coordinator" | "admin";
type Outcome = "ok" | "UNAUTHENTICATED" | "FORBIDDEN";

interface Operation {
  field: string;
  query: string;
  variables: (f: Fixture) => Record<string, unknown>;
}

const OPS: Record<string, Operation> = {
  createOrganisation: {
    field: "createOrganisation",
    query: `mutation ($input: CreateOrganisationInput!) { createOrganisation(input: $input) { organisation { key } userErrors { code } } }`,
    variables: (f) => ({
      input: { id: `${f.prefix}-nieuw`, name: "Nieuwe organisatie", kind: "adviesraad", scope: "LOCAL" },
    }),
  },
  updateOrganisation: {
    field: "updateOrganisation",
    query: `mutation ($id: ID!, $input: UpdateOrganisationInput!) { updateOrganisation(id: $id, expectedVersion: 1, input: $input) { organisation { description version } userErrors { code } } }`,
    variables: (f) => ({ id: f.own, input: { description: "Nieuwe beschrijving" } }),
  },
  deleteOrganisation: {
    field: "deleteOrganisation",
    query: `mutation ($id: ID!) { deleteOrganisation(id: $id, expectedVersion: 1) { deletedId userErrors { code } } }`,
    variables: (f) => ({ id: f.own }),
  },
  setOrganisationTopics: {
    field: "setOrganisationTopics",
    query: `mutation ($id: ID!) { setOrganisationTopics(id: $id, expectedVersion: 1, topics: ["wonen", "jeugdhulp"]) { organisation { topics { key } } userErrors { code } } }`,
    variables: (f) => ({ id: f.own }),
  },
  setOrganisationConditions: {
    field: "setOrganisationConditions",
    query: `mutation ($id: ID!) { setOrganisationConditions(id: $id, expectedVersion: 1, conditions: ["dementie"]) { organisation { conditions { key } } userErrors { code } } }`,
    variables: (f) => ({ id: f.own }),
  },
  setOrganisationPlaces: {
    field: "setOrganisationPlaces",
    query: `mutation ($id: ID!) { setOrganisationPlaces(id: $id, expectedVersion: 1, input: { activeIn: ["GM0202"], basedIn: "GM0202" }) { organisation { key } userErrors { code } } }`,
    variables: (f) => ({ id: f.own }),
  },
  shareExperience: {
    field: "shareExperience",
    query: `mutation ($input: ShareExperienceInput!) { shareExperience(input: $input) { experience { key } userErrors { code } } }`,
    variables: (f) => ({
      input: {
        organisation: f.own,
        id: `${f.prefix}-gedeeld`,
        title: "Gedeeld",
        summary: "Wat werkte.",
        kind: "STORY",
      },
    }),
  },
  updateExperience: {
    field: "updateExperience",
    query: `mutation ($id: ID!) { updateExperience(id: $id, expectedVersion: 1, input: { summary: "Bijgewerkt." }) { experience { summary } userErrors { code } } }`,
    variables: (f) => ({ id: f.experience }),
  },
  deleteExperience: {
    field: "deleteExperience",
    query: `mutation ($id: ID!) { deleteExperience(id: $id, expectedVersion: 1) { deletedId userErrors { code } } }`,
    variables: (f) => ({ id: f.experience }),
  },
  createInitiative: {
    field: "createInitiative",
    query: `mutation ($input: CreateInitiativeInput!) { createInitiative(input: $input) { initiative { key } userErrors { code } } }`,
    variables: (f) => ({
      input: { id: `${f.prefix}-nieuw-initiatief`, name: "Nieuw initiatief", kind: "netwerk" },
    }),
  },
  updateInitiative: {
    field: "updateInitiative",
    query: `mutation ($id: ID!) { updateInitiative(id: $id, expectedVersion: 1, input: { goal: "Samen sterker" }) { initiative { goal } userErrors { code } } }`,
    variables: (f) => ({ id: f.initiative }),
  },
  createEvent: {
    field: "createEvent",
    query: `mutation ($input: CreateEventInput!) { createEvent(input: $input) { event { key } userErrors { code } } }`,
    variables: (f) => ({
      input: { id: `${f.prefix}-nieuw-event`, name: "Nieuwe bijeenkomst", kind: "bijeenkomst" },
    }),
  },
  updateEvent: {
    field: "updateEvent",
    query: `mutation ($id: ID!) { updateEvent(id: $id, expectedVersion: 1, input: { date: "2026-03-01" }) { event { date } userErrors { code } } }`,
    variables: (f) => ({ id: f.event }),
  },
  joinInitiative: {
    field: "joinInitiative",
    query: `mutation ($i: ID!, $o: ID!) { joinInitiative(initiative: $i, organisation: $o, role: SUPPORTER) { role userErrors { code } } }`,
    variables: (f) => ({ i: f.initiative, o: f.own }),
  },
  leaveInitiative: {
    field: "leaveInitiative",
    query: `mutation ($i: ID!, $o: ID!) { leaveInitiative(initiative: $i, organisation: $o) { role userErrors { code } } }`,
    variables: (f) => ({ i: f.initiative, o: f.own }),
  },
  mergeOrganisations: {
    field: "mergeOrganisations",
    query: `mutation ($s: ID!, $m: ID!) { mergeOrganisations(input: { survivor: $s, survivorVersion: 1, merged: $m, mergedVersion: 1 }) { survivor { key } userErrors { code } } }`,
    variables: (f) => ({ s: f.own, m: f.other }),
  },
  auditLog: {
    field: "auditLog",
    query: `query ($t: ID!) { auditLog(target: $t, first: 5) { edges { node { action } } } }`,
    variables: (f) => ({ t: f.own }),
  },
};

const U: Outcome = "UNAUTHENTICATED";
const F: Outcome = "FORBIDDEN";
//                              anonymous  own member  other member  coordinator  admin
const MATRIX: Record<keyof typeof OPS, [Outcome, Outcome, Outcome, Outcome, Outcome]> = {
  createOrganisation: [U, F, F, F, "ok"],
  updateOrganisation: [U, "ok", F, F, "ok"],
  deleteOrganisation: [U, F, F, F, "ok"],
  setOrganisationTopics: [U, "ok", F, F, "ok"],
  setOrganisationConditions: [U, "ok", F, F, "ok"],
  setOrganisationPlaces: [U, "ok", F, F, "ok"],
  shareExperience: [U, "ok", F, F, "ok"],
  updateExperience: [U, "ok", F, F, "ok"],
  deleteExperience: [U, "ok", F, F, "ok"],
  createInitiative: [U, F, F, "ok", "ok"],
  updateInitiative: [U, F, F, "ok", "ok"],
  createEvent: [U, F, F, "ok", "ok"],
  updateEvent: [U, F, F, "ok", "ok"],
  joinInitiative: [U, "ok", F, "ok", "ok"],
  leaveInitiative: [U, "ok", F, "ok", "ok"],
  mergeOrganisations: [U, F, F, F, "ok"],
  auditLog: [U, F, F, F, "ok"],
};
const CALLERS: Caller[] = ["anonymous", "own member", "other member", "coordinator", "admin"];

const cases = Object.entries(MATRIX).flatMap(([op, outcomes]) =>
  CALLERS.map((caller, i) => [op, caller, outcomes[i]!] as const),
);

describe("authorisation matrix", () => {
  let server: TestServer;
  const prefixes: string[] = [];
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    for (const p of prefixes) await removeFixture(server.db, p);
    await server.stop();
  });

  async function tokenFor(caller: Caller, f: Fixture): Promise<string | undefined> {
    switch (caller) {
      case "anonymous":
        return undefined;
      case "own member":
        return server.token({ role: Role.MEMBER, organisation: f.own });
      case "other member":
        return server.token({ role: Role.MEMBER, organisation: f.other });
      case "coordinator":
        return server.token({ role: Role.COORDINATOR });
      case "admin":
        return server.token({ role: Role.ADMIN });
    }
  }

  it("covers every mutation of the schema", async () => {
    const res = await server.gql<{ __schema: { mutationType: { fields: { name: string }[] } } }>(
      `{ __schema { mutationType { fields { name } } } }`,
    );
    const mutations = res.data!.__schema.mutationType.fields.map((f) => f.name).sort();
    expect(mutations).toEqual(
      Object.keys(MATRIX)
        .filter((k) => k !== "auditLog")
        .sort(),
    );
  });

  it.each(cases)("%s as %s: %s", async (op, caller, outcome) => {
    const prefix = uniquePrefix("matrix");
    prefixes.push(prefix);
    const fixture = await createFixture(server.db, prefix);
    const operation = OPS[op]!;
    const before = await snapshot(server.db, prefix);
    const res = await server.gql<Record<string, { userErrors?: unknown[] } | null>>(
      operation.query,
      operation.variables(fixture),
      { token: await tokenFor(caller, fixture) },
    );
    expect(res.status).toBe(200);
    if (outcome === "ok") {
      expect(res.errors).toBeUndefined();
      const result = res.data![operation.field];
      expect(result).not.toBeNull();
      if (result && "userErrors" in result) expect(result.userErrors).toEqual([]);
      if (op !== "auditLog") expect(await snapshot(server.db, prefix)).not.toEqual(before);
    } else {
      expect(res.errors?.map((e) => e.extensions?.code)).toEqual([outcome]);
      expect(res.data?.[operation.field] ?? null).toBeNull();
      expect(await snapshot(server.db, prefix)).toEqual(before);
    }
  });
});
