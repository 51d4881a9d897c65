import pino from "pino";
import { Role } from "../../src/auth/auth.user";
import { uniquePrefix } from "../support/database";
import { type TestServer, startTestServer } from "../support/server";
import { CONTACT, type Fixture, auditEvents, createFixture, ownName, removeFixture } from "./auth.fixtures";

type Caller = "anonymous" | "own member" | "other member" | "coordinator" | "admin";
const CALLERS: [Caller, boolean][] = [
  ["anonymous", false],
  ["other member", false],
  ["own member", true],
  ["coordinator", true],
  ["admin", true],
];

/** Contact details only for those who may see them; an audit trail and logs without personal data. */
describe("privacy", () => {
  let server: TestServer;
  let f: Fixture;
  const logLines: string[] = [];
  const prefix = uniquePrefix("privacy");

  beforeAll(async () => {
    const logger = pino({ level: "trace" }, { write: (line: string) => logLines.push(line) });
    server = await startTestServer({ logger });
    f = await createFixture(server.db, prefix);
  });
  afterAll(async () => {
    await removeFixture(server.db, prefix);
    await server.stop();
  });

  async function tokenFor(caller: Caller): Promise<string | undefined> {
    if (caller === "anonymous") return undefined;
    if (caller === "own member") return server.token({ role: Role.MEMBER, organisation: f.own });
    if (caller === "other member") return server.token({ role: Role.MEMBER, organisation: f.other });
    return server.token({ role: caller === "admin" ? Role.ADMIN : Role.COORDINATOR });
  }

  it.each(CALLERS)("shows contact fields to %s: %s", async (caller, visible) => {
    const token = await tokenFor(caller);
    const direct = await server.gql<{
      organisation: { contactEmail: string | null; contactPhone: string | null };
    }>(`query ($id: ID!) { organisation(id: $id) { contactEmail contactPhone } }`, { id: f.own }, { token });
    expect(direct.errors).toBeUndefined();
    expect(direct.data!.organisation).toEqual(
      visible
        ? { contactEmail: CONTACT.email, contactPhone: CONTACT.phone }
        : { contactEmail: null, contactPhone: null },
    );
    // The same through a list and through a traversal.
    const listed = await server.gql<{
      organisations: { edges: { node: { key: string; contactEmail: string | null } }[] };
      initiative: { participants: { edges: { node: { key: string; contactEmail: string | null } }[] } };
    }>(
      `query ($name: String!, $i: ID!) {
         organisations(filter: { name: $name }) { edges { node { key contactEmail } } }
         initiative(id: $i) { participants { edges { node { key contactEmail } } } }
       }`,
      { name: ownName(prefix), i: f.initiative },
      { token },
    );
    expect(listed.errors).toBeUndefined();
    const own = listed.data!.organisations.edges.find((e) => e.node.key === f.own);
    expect(listed.data!.organisations.edges).toHaveLength(1);
    expect(own?.node.contactEmail ?? null).toBe(visible ? CONTACT.email : null);
    expect(listed.data!.initiative.participants.edges.map((e) => e.node.contactEmail)).toEqual([
      visible ? CONTACT.email : null,
    ]);
  });

  it("hides the other organisation's contact details from a member", async () => {
    const token = await tokenFor("own member");
    const res = await server.gql<{ organisation: { contactEmail: string | null } }>(
      `query ($id: ID!) { organisation(id: $id) { contactEmail } }`,
      { id: f.other },
      { token },
    );
    expect(res.data!.organisation.contactEmail).toBeNull();
  });

  it("does not even read contact details for callers who may not see them", async () => {
    const query = `query ($name: String!) { organisations(filter: { name: $name }) { edges { node { name contactEmail contactPhone } } } }`;
    const plain = await server.gql(
      `query ($name: String!) { organisations(filter: { name: $name }) { edges { node { name } } } }`,
      {
        name: ownName(prefix),
      },
    );
    const anonymous = await server.gql(query, { name: ownName(prefix) });
    const coordinator = await server.gql(
      query,
      { name: ownName(prefix) },
      { token: await tokenFor("coordinator") },
    );
    expect(anonymous.extensions!.roundTrips).toBe(plain.extensions!.roundTrips);
    // One batched read of the contact details for the whole page, for callers who may see them.
    expect(coordinator.extensions!.roundTrips).toBe(plain.extensions!.roundTrips! + 1);
  });

  it("records which fields changed, never their values", async () => {
    const member = await tokenFor("own member");
    const res = await server.gql(
      `mutation ($id: ID!) { updateOrganisation(id: $id, expectedVersion: 1, input: { contactEmail: "bestuur@fixture.example" }) { organisation { contactEmail } userErrors { code } } }`,
      { id: f.own },
      { token: member },
    );
    expect(res.data).toEqual({
      updateOrganisation: { organisation: { contactEmail: "bestuur@fixture.example" }, userErrors: [] },
    });
    const [event] = await auditEvents(server.db, f.own);
    expect(event!.changedFields).toEqual(["contactEmail"]);
    expect(JSON.stringify(event)).not.toContain("bestuur@");
  });

  it("never logs tokens or the personal data in them", async () => {
    const valid = await server.token({ role: Role.ADMIN, subject: "piet.pietersen@example.org" });
    const expired = await server.token({ role: Role.ADMIN, subject: "klaas@example.org", expiresIn: "-1h" });
    await server.gql(`{ viewer { role } }`, {}, { token: valid });
    const refused = await server.gql(`{ viewer { role } }`, {}, { token: expired });
    expect(refused.status).toBe(401);
    await server.gql(`{ viewer { role } }`, {}, { token: `${valid}x` });
    const log = logLines.join("\n");
    expect(log).toMatch(/bearer token refused/);
    for (const secret of [valid, expired, valid.split(".")[1]!, "piet.pietersen", "klaas@"]) {
      expect(log).not.toContain(secret);
    }
  });
});
