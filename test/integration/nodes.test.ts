import { NodeByIdDocument } from "../__generated__/graphql";
import { type NodeType, toGlobalId } from "../../src/graph/common/global-id";
import { startTestServer, type TestServer } from "../support/server";

describe("node and nodes for every type", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  const samples: [NodeType, string][] = [
    ["Organisation", "iederin"],
    ["Topic", "openbare-toiletten"],
    ["Condition", "stoma"],
    ["Municipality", "GM0202"],
    ["Province", "PV30"],
    ["Initiative", "toiletalliantie"],
    ["Event", "je-staat-er-niet-alleen-voor-arnhem"],
    ["Experience", "toiletalliantie-een-helder-doel"],
  ];

  it.each(samples)("fetches a %s by its global id", async (type, key) => {
    const id = toGlobalId(type, key);
    const res = await server.gql(NodeByIdDocument, { id });
    expect(res.errors).toBeUndefined();
    expect(res.data!.node).toMatchObject({ __typename: type, id });
  });

  it("fetches many at once, in order, with null for unknown ones, in one round trip per type", async () => {
    const ids = [...samples.map(([t, k]) => toGlobalId(t, k)), toGlobalId("Organisation", "bestaat-niet")];
    const res = await server.gql<{ nodes: ({ id: string; __typename: string } | null)[] }>(
      `query ($ids: [ID!]!) { nodes(ids: $ids) { id __typename } }`,
      { ids },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.nodes.map((n) => n?.id ?? null)).toEqual([...ids.slice(0, -1), null]);
    expect(res.extensions!.roundTrips).toBe(samples.length);
  });

  it("limits nodes(ids) to 100", async () => {
    const ids = Array.from({ length: 101 }, (_, i) => toGlobalId("Topic", `t${i}`));
    const res = await server.gql(`query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids });
    expect(res.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });
});
