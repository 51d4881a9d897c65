import { startTestServer, type TestServer } from "../support/server";

/** One error shape (issue 14, item 7): verified through HTTP, as a client meets it. */
describe("one error shape", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  it("an empty search text is BAD_USER_INPUT naming the argument, without validationErrors", async () => {
    const res = await server.gql(`{ search(text: "") { totalCount } }`);
    // An error of one field keeps HTTP 200 (README: errors that end a request set the status).
    expect(res.data ?? null).toBeNull();
    const error = res.errors![0]!;
    expect(error.extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "text" });
    expect(error.extensions).not.toHaveProperty("validationErrors");
    expect(error.message).not.toMatch(/Argument Validation Error/);
  });

  it("a refused token is a 401 in the GraphQL response media type with a code", async () => {
    const res = await server.gql(`{ __typename }`, undefined, { token: "not-a-token" });
    expect(res.status).toBe(401);
    expect(res.headers!.get("content-type")).toMatch(/^application\/graphql-response\+json/);
    expect(res.errors![0]!.extensions?.code).toBe("UNAUTHENTICATED");
  });
});
