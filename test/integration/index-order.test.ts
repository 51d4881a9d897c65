import { startTestServer, type TestServer } from "../support/server";

/**
 * Root lists read their first page and their later pages with different queries, so that the name
 * order comes from the range index (no label scan and sort of every organisation). The test EXPLAINs
 * the exact Cypher a request sent.
 */
describe("root lists use the index order", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  function operators(plan: { operatorType: string; children: unknown[] }): string[] {
    return [plan.operatorType, ...plan.children.flatMap((c) => operators(c as typeof plan))];
  }

  async function plannedOperators(query: string, variables?: Record<string, unknown>): Promise<string[]> {
    const sent: string[] = [];
    const stop = server.db.observe((q) => {
      if (q.cypher) sent.push(q.cypher);
      return () => undefined;
    });
    const res = await server.gql<{ organisations: { pageInfo: { endCursor: string } } }>(query, variables);
    stop();
    expect(res.errors).toBeUndefined();
    const page = sent.find((c) => c.includes("LIMIT"));
    expect(page).toBeDefined();
    const explained = await server.db.driver.executeQuery(`EXPLAIN ${page!}`, {
      limit: 6,
      after: { value: "M", key: "m" },
    });
    return operators(explained.summary.plan as unknown as { operatorType: string; children: unknown[] });
  }

  it("the first page and a later page start from the name index", async () => {
    const query = `query L($after: String) { organisations(first: 5, after: $after) { pageInfo { endCursor } edges { node { name } } } }`;
    const first = await plannedOperators(query);
    expect(first.join(" ")).toMatch(/NodeIndex(Scan|SeekByRange)/);
    expect(first.join(" ")).not.toMatch(/NodeByLabelScan/);
    const res = await server.gql<{ organisations: { pageInfo: { endCursor: string } } }>(query);
    const later = await plannedOperators(query, { after: res.data!.organisations.pageInfo.endCursor });
    expect(later.join(" ")).toMatch(/NodeIndex(Scan|SeekByRange)/);
    expect(later.join(" ")).not.toMatch(/NodeByLabelScan/);
  });

  it("a province name resolves through an index", async () => {
    const explained = await server.db.driver.executeQuery(
      "EXPLAIN MATCH (p:Province) WHERE p.nameKey = $key RETURN p.code",
      { key: "utrecht" },
    );
    const ops = operators(explained.summary.plan as unknown as { operatorType: string; children: unknown[] });
    expect(ops.join(" ")).toMatch(/NodeIndexSeek/);
  });
});
