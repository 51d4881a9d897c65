import { startTestServer, type TestServer } from "../support/server";

type Answer = {
  whoWorksOn: {
    totalCount: number;
    resolvedPlace: { __typename: string; name?: string; lat?: number; lon?: number; radiusKm?: number } | null;
    resolvedCircle: { lat: number; lon: number; radiusKm: number } | null;
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string; endCursor: string };
    edges: { score: number; node: { key: string }; evidence: { weight: number }[] }[];
  };
};

/** whoWorksOn as a screen uses it: evidence strongest first, the searched circle echoed, both directions. */
describe("whoWorksOn contract", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  const Q = `query ($place: PlaceInput, $first: Int, $after: String, $last: Int, $before: String) {
    whoWorksOn(topic: "samenwerken-met-de-gemeente", place: $place, first: $first, after: $after, last: $last, before: $before) {
      totalCount resolvedPlace { __typename ... on Municipality { name } ... on Province { name } ... on SearchCircle { lat lon radiusKm } } resolvedCircle { lat lon radiusKm }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { score node { key } evidence { weight } } } }`;

  async function ask(vars: Record<string, unknown>): Promise<Answer["whoWorksOn"]> {
    const res = await server.gql<Answer>(Q, vars);
    expect(res.errors).toBeUndefined();
    return res.data!.whoWorksOn;
  }

  it("orders each answer's evidence by weight and echoes a near circle", async () => {
    const near = { lat: 51.69, lon: 5.3, radiusKm: 25 };
    const circle = await ask({ place: { near }, first: 1 });
    expect(circle.resolvedPlace).toEqual({ __typename: "SearchCircle", ...near });
    expect(circle.resolvedCircle).toEqual(near);
    const answer = await ask({ first: 50 });
    expect(answer.edges.length).toBeGreaterThan(0);
    const multi = answer.edges.filter((e) => e.evidence.length > 1);
    expect(multi.length).toBeGreaterThan(0);
    for (const e of answer.edges) {
      const weights = e.evidence.map((x) => x.weight);
      expect(weights).toEqual([...weights].sort((a, b) => b - a));
    }
    const byName = await ask({ place: { municipality: "Den Bosch" }, first: 1 });
    expect(byName.resolvedPlace).toEqual({ __typename: "Municipality", name: "'s-Hertogenbosch" });
    expect(byName.resolvedCircle).toBeNull();
    const nowhere = await ask({ first: 1 });
    expect(nowhere.resolvedPlace).toBeNull();
  });

  it("pages backward through the same ranking as forward", async () => {
    const all = await ask({ place: { province: "Noord-Brabant" }, first: 100 });
    const keys = all.edges.map((e) => e.node.key);
    expect(keys.length).toBeGreaterThan(4);
    const last = await ask({ place: { province: "Noord-Brabant" }, last: 3 });
    expect(last.edges.map((e) => e.node.key)).toEqual(keys.slice(-3));
    expect(last.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
    const before = await ask({
      place: { province: "Noord-Brabant" },
      last: 2,
      before: last.pageInfo.startCursor,
    });
    expect(before.edges.map((e) => e.node.key)).toEqual(keys.slice(-5, -3));
    expect(before.pageInfo.hasNextPage).toBe(true);
  });
});
