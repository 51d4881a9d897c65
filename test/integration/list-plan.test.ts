import type { Queryable, Row } from "../../src/db/database";
import { rootPage } from "../../src/graph/common/node.repository";
import {
  OrganisationRepository,
  organisationOrdering,
} from "../../src/graph/organisation/organisation.repository";
import { OrganisationOrderField } from "../../src/graph/organisation/organisation.filter";
import { type PlanNode, planDetails, planOperators } from "../support/profile";
import { startTestServer, type TestServer } from "../support/server";

/**
 * The filtered organisations list (decision 0052): a topic and a province are two starting patterns
 * joined on the organisation, and a page with its total reads the matches once. The test PROFILEs the
 * exact queries the repository sends for the seed's data (the answers themselves are checked against
 * the works-in rule by list-filters.test.ts and consistency.test.ts).
 */
describe("the filtered organisations list's plan", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  /** A Queryable that PROFILEs every read and keeps the plans. */
  function profiling(): { db: Queryable; plans: { cypher: string; plan: PlanNode }[] } {
    const plans: { cypher: string; plan: PlanNode }[] = [];
    const db: Queryable = {
      async read(cypher, params = {}): Promise<Row[]> {
        const res = await server.db.driver.executeQuery(`PROFILE ${cypher}`, params);
        plans.push({ cypher, plan: res.summary.profile as unknown as PlanNode });
        return res.records.map((r) => r.toObject());
      },
      write: () => Promise.reject(new Error("read only")),
    };
    return { db, plans };
  }

  async function listWithTotal(filter: { topic: string; province?: string; scopes?: never[] }) {
    const { db, plans } = profiling();
    const condition = await new OrganisationRepository(db).condition({ includeSubtopics: true, ...filter });
    const ordering = organisationOrdering(OrganisationOrderField.NAME, undefined);
    const page = await rootPage(
      db,
      "Organisation",
      "id",
      ordering,
      condition,
      { size: 5, backward: false },
      true,
    );
    const list = plans.find((p) => p.cypher.includes("LIMIT toInteger($limit)"));
    expect(list).toBeDefined();
    return { page, ops: planOperators(list!.plan) };
  }

  it("joins the topic's and the province's organisations instead of testing the province per candidate", async () => {
    const { page, ops } = await listWithTotal({ topic: "mantelzorg", province: "Utrecht" });
    expect(page.total).toBeGreaterThan(0);
    expect(ops.some((o) => o.operatorType.startsWith("NodeHashJoin"))).toBe(true);
    // No expansion from a candidate organisation to its places (the EXISTS per candidate).
    const perCandidate = ops.filter((o) => /\(n\)-\[\w*:ACTIVE_IN\|BASED_IN\]->/.test(planDetails(o)));
    expect(perCandidate).toEqual([]);
  });

  it("reads the matches once for the page and its total", async () => {
    const { page, ops } = await listWithTotal({ topic: "mantelzorg", province: "Utrecht" });
    expect(page.items.length).toBeGreaterThan(0);
    const topicExpands = ops.filter(
      (o) => o.operatorType.startsWith("Expand") && planDetails(o).includes(":WORKS_ON"),
    );
    expect(topicExpands).toHaveLength(1);
  });

  it("a topic alone still starts from the topic, once", async () => {
    const { ops } = await listWithTotal({ topic: "mantelzorg" });
    expect(ops.some((o) => o.operatorType.startsWith("NodeHashJoin"))).toBe(false);
    const topicExpands = ops.filter(
      (o) => o.operatorType.startsWith("Expand") && planDetails(o).includes(":WORKS_ON"),
    );
    expect(topicExpands).toHaveLength(1);
  });

  const LIST = `query L($filter: OrganisationFilter) {
    organisations(filter: $filter, first: 5) { totalCount edges { node { name } } }
  }`;
  type List = { organisations: { totalCount: number; edges: unknown[] } };

  it("answers a topic and a province code in one round trip, with the same answer as the province's name", async () => {
    const byCode = await server.gql<List>(LIST, { filter: { topic: "mantelzorg", province: "PV26" } });
    expect(byCode.errors).toBeUndefined();
    expect(byCode.extensions?.roundTrips).toBe(1);
    expect(byCode.data!.organisations.totalCount).toBeGreaterThan(0);
    const byName = await server.gql<List>(LIST, { filter: { topic: "mantelzorg", province: "Utrecht" } });
    expect(byName.data).toEqual(byCode.data);
    expect(byName.extensions?.roundTrips).toBe(2);
  });

  it("still refuses an unknown province code with a coded error when nothing matched", async () => {
    const res = await server.gql<List>(LIST, { filter: { topic: "mantelzorg", province: "PV99" } });
    expect(res.data?.organisations ?? null).toBeNull();
    expect(res.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(res.errors?.[0]?.message).toMatch(/no province has code PV99/);
  });
});
