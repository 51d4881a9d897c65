import http from "node:http";
import { Role } from "../../src/auth/auth.user";
import { uniquePrefix } from "../support/database";
import { type TestServer, startTestServer } from "../support/server";

const CREATE = `mutation ($input: CreateOrganisationInput!) {
  createOrganisation(input: $input) { organisation { key name } userErrors { code field } } }`;
const SHARE = `mutation ($input: ShareExperienceInput!) {
  shareExperience(input: $input) { experience { key title } userErrors { code } } }`;

type CreateResult = {
  createOrganisation: { organisation: { key: string } | null; userErrors: { code: string }[] };
};

/** Writes safe to retry: the Idempotency-Key header makes a retried create return its first result. */
describe("Idempotency-Key", () => {
  let server: TestServer;
  let admin: string;
  const prefix = uniquePrefix("idem");

  beforeAll(async () => {
    server = await startTestServer();
    admin = await server.token({ role: Role.ADMIN });
  });
  afterAll(async () => {
    await server.db.write((tx) =>
      tx.run(`MATCH (n) WHERE n.id STARTS WITH $prefix DETACH DELETE n`, { prefix }),
    );
    await server.stop();
  });

  const count = async (id: string): Promise<number> =>
    Number(
      (
        await server.db.read(`MATCH (o:Organisation) WHERE o.id STARTS WITH $id RETURN count(o) AS n`, { id })
      )[0]?.n,
    );

  it("returns the first result for a retry with the same key: no duplicate, no ALREADY_EXISTS", async () => {
    const input = {
      id: `${prefix}-a`,
      name: "Herhaalproef",
      kind: "patiëntenvereniging",
      scope: "LOCAL",
      suffixOnCollision: true,
    };
    const headers = { "idempotency-key": `${prefix}-key-a` };
    const first = await server.gql<CreateResult>(CREATE, { input }, { token: admin, headers });
    const second = await server.gql<CreateResult>(CREATE, { input }, { token: admin, headers });
    expect(first.data?.createOrganisation.organisation?.key).toBe(`${prefix}-a`);
    expect(second.data?.createOrganisation).toEqual(first.data?.createOrganisation);
    expect(await count(`${prefix}-a`)).toBe(1);
    // Without the key the same request is a new write: with suffixOnCollision a second organisation.
    const third = await server.gql<CreateResult>(CREATE, { input }, { token: admin });
    expect(third.data?.createOrganisation.organisation?.key).not.toBe(`${prefix}-a`);
    expect(await count(`${prefix}-a`)).toBe(2);
  });

  it("refuses the same key with other arguments", async () => {
    const headers = { "idempotency-key": `${prefix}-key-b` };
    const input = { id: `${prefix}-b`, name: "Sleutelproef", kind: "koepel", scope: "NATIONAL" };
    await server.gql(CREATE, { input }, { token: admin, headers });
    const other = await server.gql(
      CREATE,
      { input: { ...input, name: "Iets anders" } },
      { token: admin, headers },
    );
    expect(other.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(other.errors?.[0]?.extensions?.argument).toBe("Idempotency-Key");
    expect(await count(`${prefix}-b`)).toBe(1);
  });

  it("makes one record of 20 concurrent retries with one key", async () => {
    const headers = { "idempotency-key": `${prefix}-key-c` };
    const input = {
      id: `${prefix}-c`,
      name: "Gelijktijdig",
      kind: "koepel",
      scope: "NATIONAL",
      suffixOnCollision: true,
    };
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        server.gql<CreateResult>(CREATE, { input }, { token: admin, headers }),
      ),
    );
    for (const answer of answers)
      expect(answer.data?.createOrganisation.organisation?.key).toBe(`${prefix}-c`);
    expect(await count(`${prefix}-c`)).toBe(1);
  });

  it("shares an experience once when the connection is cut mid-write and the client retries", async () => {
    const organisation = `${prefix}-d`;
    await server.gql(
      CREATE,
      { input: { id: organisation, name: "Deelproef", kind: "koepel", scope: "NATIONAL" } },
      { token: admin },
    );
    const input = {
      id: `${prefix}-e`,
      organisation,
      title: "Wat wij leerden",
      kind: "LESSON",
      summary: "Kort verslag.",
    };
    const body = JSON.stringify({ query: SHARE, variables: { input } });
    const key = `${prefix}-key-d`;
    // Send the request and cut the socket before the answer arrives.
    await new Promise<void>((resolve) => {
      const url = new URL(`${server.url}/graphql`);
      const request = http.request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: "POST",
          headers: {
            "content-type": "application/json",
            authorization: `Bearer ${admin}`,
            "idempotency-key": key,
          },
        },
        () => undefined,
      );
      request.on("error", () => resolve());
      request.end(body, () =>
        setTimeout(() => {
          request.destroy();
          resolve();
        }, 5),
      );
    });
    // The retry (perhaps while the first is still running) gets the one experience.
    let retry = await server.gql<{ shareExperience: { experience: { key: string } | null } }>(
      SHARE,
      { input },
      { token: admin, headers: { "idempotency-key": key } },
    );
    for (let i = 0; i < 5 && !retry.data?.shareExperience.experience; i++) {
      await new Promise((r) => setTimeout(r, 200));
      retry = await server.gql(SHARE, { input }, { token: admin, headers: { "idempotency-key": key } });
    }
    expect(retry.data?.shareExperience.experience?.key).toBe(`${prefix}-e`);
    const experiences = await server.db.read(
      `MATCH (e:Experience) WHERE e.id STARTS WITH $id RETURN count(e) AS n`,
      { id: `${prefix}-e` },
    );
    expect(experiences[0]?.n).toBe(1);
  });

  it("refuses a malformed key with BAD_USER_INPUT before anything runs", async () => {
    const res = await server.gql(
      CREATE,
      { input: { name: "x", kind: "y", scope: "LOCAL" } },
      { token: admin, headers: { "idempotency-key": "" + "x".repeat(300) } },
    );
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });
});
