import { startTestServer, type TestServer } from "../support/server";

type Answer = {
  search: { totalCount: number; didYouMean: string | null; edges: { type: string; score: number }[] };
};

/** Typos find what was meant, and the answer says what it understood ("bedoelde u …?"). */
describe("typo-tolerant search", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  const Q = `query ($text: String!) { search(text: $text, first: 10) { totalCount didYouMean edges { type score } } }`;
  async function search(text: string): Promise<Answer["search"]> {
    const res = await server.gql<Answer>(Q, { text });
    expect(res.errors).toBeUndefined();
    return res.data!.search;
  }

  it.each([
    ["toilleten", "toiletten"],
    ["gemeete", "gemeente"],
  ])("%s finds hits and suggests %s", async (typo, meant) => {
    const answer = await search(typo);
    expect(answer.totalCount).toBeGreaterThan(0);
    expect(answer.didYouMean).toBe(meant);
    const correct = await search(meant);
    expect(correct.didYouMean).toBeNull();
    expect(correct.totalCount).toBeGreaterThanOrEqual(3);
  });

  it("suggests nothing when the text finds enough as typed", async () => {
    const answer = await search("samenwerking");
    expect(answer.totalCount).toBeGreaterThanOrEqual(3);
    expect(answer.didYouMean).toBeNull();
  });
});
