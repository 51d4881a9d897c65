import { backfillSortKeys } from "../../src/graph/common/sort-key.backfill";
import { uniquePrefix } from "../support/database";
import { startTestServer, type TestServer } from "../support/server";

/**
 * One definition of "who works on what, where" (src/domain/works-in.ts), seen through four features
 * over HTTP. For each cell of topic × place × scope:
 * - organisations(filter).totalCount = facets.total = the sum of the scope facet's counts;
 * - the organisations with WORKS_ON evidence in whoWorksOn = the organisations of the list;
 * - the node set of network(filter, includeIsolated) = the organisations of the list.
 * Intended differences, asserted explicitly: whoWorksOn also counts organisations whose only evidence
 * is an experience or an initiative; the list and facets have no "near" filter (only whoWorksOn and
 * network are compared there). The list asks for ACTIVE organisations, as whoWorksOn and network do.
 */

type PlaceArg = {
  municipality?: string;
  province?: string;
  near?: { lat: number; lon: number; radiusKm: number };
};
type Scope = "LOCAL" | "REGIONAL" | "NATIONAL";

interface Cell {
  topic: string;
  place: PlaceArg;
  scopes: Scope[] | null;
}

interface Views {
  list: string[] | null;
  listTotal: number | null;
  facetTotal: number | null;
  facetScopeSum: number | null;
  worksOn: string[];
  whoWorksOnOnly: { id: string; kinds: string[] }[];
  network: string[];
}

let server: TestServer;

const LIST = `query ($filter: OrganisationFilter) {
  organisations(filter: $filter, first: 100) { totalCount pageInfo { hasNextPage } edges { node { id } } }
  facets(filter: $filter) { total scopes { value count } }
}`;
const WHO = `query ($topic: ID!, $place: PlaceInput, $scopes: [Scope!]) {
  whoWorksOn(topic: $topic, place: $place, scopes: $scopes, first: 100) {
    totalCount pageInfo { hasNextPage } edges { node { id } evidence { kind } }
  }
}`;
const NETWORK = `query ($filter: NetworkFilter) {
  network(filter: $filter, projection: SHARED_TOPICS, maxNodes: 20000) { nodes { key } }
}`;

/** The organisation's key from a global id or key (lists return global ids). */
function keyOf(id: string): string {
  const decoded = Buffer.from(id, "base64url").toString("utf8");
  return decoded.startsWith("Organisation:") ? decoded.slice("Organisation:".length) : id;
}

async function views(cell: Cell): Promise<Views> {
  const scopes = cell.scopes ?? undefined;
  const listed = !cell.place.near;
  const filter = { topic: cell.topic, ...cell.place, scopes, statuses: ["ACTIVE"] };
  delete (filter as { near?: unknown }).near;
  const [list, who, net] = await Promise.all([
    listed ? server.gql<ListOut>(LIST, { filter }) : null,
    server.gql<WhoOut>(WHO, { topic: cell.topic, place: cell.place, scopes }),
    server.gql<NetOut>(NETWORK, {
      filter: { topic: cell.topic, place: cell.place, scopes, includeIsolated: true },
    }),
  ]);
  for (const res of [list, who, net]) expect(res?.errors).toBeUndefined();
  expect(list?.data?.organisations.pageInfo.hasNextPage ?? false).toBe(false);
  expect(who.data!.whoWorksOn.pageInfo.hasNextPage).toBe(false);
  const edges = who.data!.whoWorksOn.edges;
  const kinds = (e: WhoEdge) => [...new Set(e.evidence.map((x) => x.kind))].sort();
  return {
    list: list ? list.data!.organisations.edges.map((e) => keyOf(e.node.id)).sort() : null,
    listTotal: list ? list.data!.organisations.totalCount : null,
    facetTotal: list ? list.data!.facets.total : null,
    facetScopeSum: list ? list.data!.facets.scopes.reduce((sum, s) => sum + s.count, 0) : null,
    worksOn: edges
      .filter((e) => kinds(e).includes("WORKS_ON"))
      .map((e) => keyOf(e.node.id))
      .sort(),
    whoWorksOnOnly: edges
      .filter((e) => !kinds(e).includes("WORKS_ON"))
      .map((e) => ({ id: keyOf(e.node.id), kinds: kinds(e) })),
    network: net.data!.network.nodes.map((n) => n.key).sort(),
  };
}

interface ListOut {
  organisations: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean };
    edges: { node: { id: string } }[];
  };
  facets: { total: number; scopes: { value: string; count: number }[] };
}
interface WhoEdge {
  node: { id: string };
  evidence: { kind: string }[];
}
interface WhoOut {
  whoWorksOn: { totalCount: number; pageInfo: { hasNextPage: boolean }; edges: WhoEdge[] };
}
interface NetOut {
  network: { nodes: { key: string }[] };
}

/** The agreements every cell must show; returns the views for further, cell-specific checks. */
async function expectAgreement(cell: Cell): Promise<Views> {
  // Every organisation, also those of files that ran earlier in this worker: the graph is the worker's
  // own (decision record 0056), so nothing changes between the three requests.
  const v = await views(cell);
  if (v.list) {
    expect(v.listTotal).toBe(v.list.length);
    expect(v.facetTotal).toBe(v.list.length);
    expect(v.facetScopeSum).toBe(v.list.length);
    expect(v.worksOn).toEqual(v.list);
  }
  expect(v.network).toEqual(v.worksOn);
  // The intended difference: the rest of whoWorksOn rests on experiences or initiatives only.
  for (const other of v.whoWorksOnOnly) {
    expect(other.kinds.length).toBeGreaterThan(0);
    expect(other.kinds.every((k) => k === "EXPERIENCE" || k === "INITIATIVE")).toBe(true);
    expect(v.worksOn).not.toContain(other.id);
  }
  return v;
}

const SCOPES: (Scope[] | null)[] = [
  null,
  ["LOCAL"],
  ["REGIONAL"],
  ["NATIONAL"],
  ["LOCAL", "REGIONAL", "NATIONAL"],
];

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.stop();
});

describe("on the factual seed", () => {
  const topics = ["wet-en-regelgeving", "belangenbehartiging", "ervaringsdeskundigheid"];
  const places: [string, PlaceArg][] = [
    ["municipality", { municipality: "GM0344" }],
    ["merged-away municipality", { municipality: "GM1702" }],
    ["province", { province: "Noord-Brabant" }],
    ["near", { near: { lat: 52.09, lon: 5.12, radiusKm: 40 } }],
  ];
  let nonEmpty = 0;

  describe.each(topics)("topic %s", (topic) => {
    it.each(places)("agrees in a %s for every scope", async (_name, place) => {
      for (const scopes of SCOPES) {
        const v = await expectAgreement({ topic, place, scopes });
        if (v.worksOn.length) nonEmpty++;
      }
    });
  });

  it("a merged-away municipality answers as its successor", async () => {
    for (const scopes of SCOPES) {
      const former = await views({ topic: "belangenbehartiging", place: { municipality: "GM1702" }, scopes });
      const successor = await views({
        topic: "belangenbehartiging",
        place: { municipality: "GM1982" },
        scopes,
      });
      expect(former).toEqual(successor);
    }
  });

  it("the grid was not empty (the agreements compared real sets)", () => {
    expect(nonEmpty).toBeGreaterThan(10);
  });
});

describe("on a synthetic graph with every case of the rule", () => {
  const p = uniquePrefix("cons")
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, "-");
  const id = (s: string) => `${p}-${s}`;
  // Utrecht (GM0344, PV26) is the asked municipality; Amersfoort (GM0307) lies in the same province;
  // Groningen (GM0014) elsewhere.
  const ORGS: [string, string, string, string[], string[]][] = [
    // key, scope, status, places (ACTIVE_IN; "B:" = BASED_IN), topics
    ["local-here", "LOCAL", "ACTIVE", ["B:GM0344"], ["root"]],
    ["local-sub", "LOCAL", "ACTIVE", ["GM0344"], ["sub"]],
    ["local-next-door", "LOCAL", "ACTIVE", ["GM0307"], ["root"]],
    ["regional-province", "REGIONAL", "ACTIVE", ["PV26"], ["root"]],
    ["regional-elsewhere", "REGIONAL", "ACTIVE", ["PV20"], ["root"]],
    ["local-in-province-node", "LOCAL", "ACTIVE", ["PV26"], ["root"]],
    ["national-seated-here", "NATIONAL", "ACTIVE", ["B:GM0344"], ["root"]],
    ["national-elsewhere", "NATIONAL", "ACTIVE", ["B:GM0014"], ["root"]],
    ["inactive-here", "LOCAL", "INACTIVE", ["GM0344"], ["root"]],
    ["experience-only", "LOCAL", "ACTIVE", ["GM0014"], []],
  ];

  beforeAll(async () => {
    await server.db.write(async (tx) => {
      await tx.run(
        `CREATE (r:Topic {id: $root, name: $root, nameKey: $root})
         CREATE (:Topic {id: $sub, name: $sub, nameKey: $sub})-[:SUBTOPIC_OF]->(r)`,
        { root: id("root"), sub: id("sub") },
      );
      for (const [key, scope, status, places, topics] of ORGS) {
        await tx.run(
          `CREATE (o:Organisation {id: $id, name: $id, nameKey: $id, kind: 'belangenvereniging', scope: $scope, status: $status})
           WITH o
           UNWIND $places AS place
           MATCH (x) WHERE (x:Municipality OR x:Province) AND x.code = place.code
           FOREACH (_ IN CASE WHEN place.based THEN [1] ELSE [] END | CREATE (o)-[:BASED_IN]->(x))
           FOREACH (_ IN CASE WHEN place.based THEN [] ELSE [1] END | CREATE (o)-[:ACTIVE_IN]->(x))`,
          {
            id: id(key),
            scope,
            status,
            places: places.map((c) => ({ code: c.replace("B:", ""), based: c.startsWith("B:") })),
          },
        );
        for (const t of topics)
          await tx.run("MATCH (o:Organisation {id: $o}), (t:Topic {id: $t}) CREATE (o)-[:WORKS_ON]->(t)", {
            o: id(key),
            t: id(t),
          });
      }
      await tx.run(
        `MATCH (o:Organisation {id: $o}), (t:Topic {id: $t}), (m:Municipality {code: 'GM0344'})
         CREATE (o)-[:SHARED]->(e:Experience {id: $e, title: $e, kind: 'STORY'})-[:ABOUT]->(t), (e)-[:IN]->(m)`,
        { o: id("experience-only"), t: id("sub"), e: id("exp") },
      );
    });
    // Raw writes skip the node writer: give them their Dutch sort keys as the service does at start.
    await backfillSortKeys(server.db);
  });
  afterAll(async () => {
    await server.db.write((tx) =>
      tx.run(
        "MATCH (n) WHERE (n:Organisation OR n:Topic OR n:Experience) AND n.id STARTS WITH $p DETACH DELETE n",
        {
          p,
        },
      ),
    );
  });

  const keys = (...names: string[]) => names.map(id).sort();
  const own = (list: string[]) => list.filter((k) => k.startsWith(p));

  it.each<[string, PlaceArg, Scope[] | null, string[]]>([
    // A municipality: based or active there, regional ones through the province; nationals only when asked.
    [
      "municipality",
      { municipality: "GM0344" },
      null,
      ["local-here", "local-sub", "regional-province", "national-seated-here"],
    ],
    [
      "municipality, NATIONAL asked",
      { municipality: "GM0344" },
      ["NATIONAL"],
      ["national-seated-here", "national-elsewhere"],
    ],
    ["municipality, LOCAL", { municipality: "Utrecht" }, ["LOCAL"], ["local-here", "local-sub"]],
    ["municipality, REGIONAL", { municipality: "GM0344" }, ["REGIONAL"], ["regional-province"]],
    // A province: the province itself or any of its municipalities, whatever the scope.
    [
      "province",
      { province: "PV26" },
      null,
      [
        "local-here",
        "local-sub",
        "local-next-door",
        "regional-province",
        "local-in-province-node",
        "national-seated-here",
      ],
    ],
    // Near: municipalities within the radius (no province spreading).
    [
      "near",
      { near: { lat: 52.0909, lon: 5.0757, radiusKm: 3 } },
      null,
      ["local-here", "local-sub", "national-seated-here"],
    ],
  ])("%s: the documented set, the same in every feature", async (_name, place, scopes, expected) => {
    const v = await expectAgreement({ topic: id("root"), place, scopes });
    expect(own(v.worksOn)).toEqual(keys(...expected));
    if (v.list) expect(own(v.list)).toEqual(keys(...expected));
  });

  it("whoWorksOn also counts an experience located in the place, and only there", async () => {
    const here = await expectAgreement({
      topic: id("root"),
      place: { municipality: "GM0344" },
      scopes: null,
    });
    expect(here.whoWorksOnOnly).toEqual([{ id: id("experience-only"), kinds: ["EXPERIENCE"] }]);
    expect(here.list).not.toContain(id("experience-only"));
    const subOnly = await expectAgreement({
      topic: id("root"),
      place: { municipality: "GM0014" },
      scopes: null,
    });
    expect(subOnly.whoWorksOnOnly).toEqual([]);
  });

  it("without subtopics the subtopic's organisation drops out everywhere", async () => {
    const res = await server.gql<ListOut>(LIST, {
      filter: { topic: id("root"), includeSubtopics: false, municipality: "GM0344", statuses: ["ACTIVE"] },
    });
    expect(res.data!.organisations.edges.map((e) => keyOf(e.node.id)).sort()).toEqual(
      keys("local-here", "regional-province", "national-seated-here"),
    );
  });
});
