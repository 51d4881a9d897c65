import { readFile } from "node:fs/promises";
import path from "node:path";
import { uniquePrefix } from "../support/database";
import { startTestServer, type TestServer } from "../support/server";

/**
 * Network analytics through HTTP on the real Neo4j: small graphs with known answers (built with unique
 * ids and a unique kind, selected by that kind), and the factual data.
 */

interface NodeOut {
  key: string;
  degree: number;
  weightedDegree: number;
  betweenness: number;
  closeness: number;
  pageRank: number;
  community: number;
  sector: string;
}

interface NetworkOut {
  nodes: NodeOut[];
  edges: {
    source: string;
    target: string;
    weight: number;
    sharedCount: number;
    shared: { type: string; key: string; name: string }[];
  }[];
  communities: { index: number; size: number; members: { key: string }[] }[];
  modularity: number | null;
  summary: {
    nodes: number;
    edges: number;
    density: number;
    components: number;
    largestComponent: number;
    diameter: number;
    averagePathLength: number;
    exact: boolean;
    truncated: boolean;
    totalNodes: number;
  };
}

const NETWORK = `
query ($filter: NetworkFilter, $projection: NetworkProjection!, $maxNodes: Int) {
  network(filter: $filter, projection: $projection, maxNodes: $maxNodes) {
    nodes { key degree weightedDegree betweenness closeness pageRank community sector }
    edges { source target weight sharedCount shared { type key name } }
    communities { index size members { key } }
    modularity
    summary { nodes edges density components largestComponent diameter averagePathLength exact truncated totalNodes }
  }
}`;

const byKey = (network: NetworkOut): Map<string, NodeOut> => new Map(network.nodes.map((n) => [n.key, n]));

describe("network analytics over HTTP", () => {
  let server: TestServer;
  const prefix = uniquePrefix("net");
  const kind = (graph: string): string => `${prefix}-${graph}`;
  const id = (graph: string, name: string): string => `${prefix}-${graph}-${name}`;

  /** Organisations of one test graph, tied by one initiative per group of members. */
  async function createGraph(
    graph: string,
    members: string[],
    groups: string[][],
    extra: Record<string, string> = {},
  ) {
    await server.db.write((tx) =>
      tx.run(
        `UNWIND $orgs AS o
         CREATE (:Organisation {id: o.id, name: o.name, nameKey: toLower(o.name), sortKey: toLower(o.name), kind: o.kind, scope: 'LOCAL', status: 'ACTIVE'})
         WITH count(*) AS created
         UNWIND range(0, size($groups) - 1) AS i
         CREATE (x:Initiative {id: $prefix + '-' + $graph + '-ini-' + toString(i), name: 'Test ' + toString(i), kind: 'project', status: 'ACTIVE'})
         WITH x, $groups[i] AS group
         UNWIND group AS member
         MATCH (o:Organisation {id: member})
         CREATE (o)-[:PARTICIPATES_IN {role: 'PARTNER'}]->(x)`,
        {
          prefix,
          graph,
          orgs: members.map((m) => ({
            id: id(graph, m),
            name: `${graph} ${m}`,
            kind: extra[m] ?? kind(graph),
          })),
          groups: groups.map((g) => g.map((m) => id(graph, m))),
        },
      ),
    );
  }

  async function network(graph: string, projection = "SHARED_INITIATIVES"): Promise<NetworkOut> {
    const res = await server.gql<{ network: NetworkOut }>(NETWORK, {
      filter: { kinds: [kind(graph)] },
      projection,
    });
    expect(res.errors).toBeUndefined();
    return res.data!.network;
  }

  beforeAll(async () => {
    server = await startTestServer();
    await createGraph(
      "path",
      ["p1", "p2", "p3", "p4", "p5"],
      [
        ["p1", "p2"],
        ["p2", "p3"],
        ["p3", "p4"],
        ["p4", "p5"],
      ],
    );
    const leaves = ["l1", "l2", "l3", "l4", "l5"];
    await createGraph(
      "star",
      ["hub", ...leaves],
      leaves.map((l) => ["hub", l]),
    );
    const a = ["a1", "a2", "a3", "a4", "a5"];
    const b = ["b1", "b2", "b3", "b4", "b5"];
    // Two cliques (one initiative each, a1–a2 share a second one) joined by one bridge initiative.
    await createGraph("cliques", [...a, ...b], [a, b, ["a1", "b1"], ["a1", "a2"]]);
  });

  afterAll(async () => {
    await server.db.write((tx) =>
      tx.run("MATCH (n) WHERE n.id STARTS WITH $prefix DETACH DELETE n", { prefix }),
    );
    await server.stop();
  });

  describe("metrics on graphs with known answers", () => {
    it("path of five: betweenness, closeness, diameter, average path length, one round trip", async () => {
      const res = await server.gql<{ network: NetworkOut }>(NETWORK, {
        filter: { kinds: [kind("path")] },
        projection: "SHARED_INITIATIVES",
      });
      expect(res.errors).toBeUndefined();
      expect(res.extensions?.roundTrips).toBe(1);
      const net = res.data!.network;
      const nodes = byKey(net);
      expect(net.summary).toMatchObject({
        nodes: 5,
        edges: 4,
        components: 1,
        largestComponent: 5,
        diameter: 4,
        averagePathLength: 2,
        exact: true,
        truncated: false,
      });
      expect(net.summary.density).toBeCloseTo(0.4, 10);
      expect(nodes.get(id("path", "p3"))!.betweenness).toBeCloseTo(4 / 6, 6);
      expect(nodes.get(id("path", "p2"))!.betweenness).toBeCloseTo(3 / 6, 6);
      expect(nodes.get(id("path", "p1"))!.betweenness).toBe(0);
      expect(nodes.get(id("path", "p3"))!.closeness).toBeCloseTo(4 / 6, 6);
      expect(nodes.get(id("path", "p1"))!.degree).toBe(1);
      // Each tie names the initiative it rests on.
      const edge = net.edges.find((e) => e.weight === 1)!;
      expect(edge.sharedCount).toBe(1);
      expect(edge.shared[0]).toMatchObject({ type: "Initiative", name: expect.stringMatching(/^Test /) });
    });

    it("star: the centre has betweenness 1 and the highest PageRank", async () => {
      const net = await network("star");
      const nodes = byKey(net);
      const hub = nodes.get(id("star", "hub"))!;
      expect(hub.betweenness).toBeCloseTo(1, 6);
      expect(hub.degree).toBe(5);
      for (const leaf of ["l1", "l2", "l3", "l4", "l5"]) {
        expect(nodes.get(id("star", leaf))!.betweenness).toBe(0);
        expect(hub.pageRank).toBeGreaterThan(nodes.get(id("star", leaf))!.pageRank * 3);
      }
      expect(net.summary.diameter).toBe(2);
    });

    it("two cliques joined by a bridge: two communities, modularity above 0.3, weights summed", async () => {
      const net = await network("cliques");
      const nodes = byKey(net);
      expect(net.communities).toHaveLength(2);
      expect(net.modularity).toBeGreaterThan(0.3);
      const community = (m: string): number => nodes.get(id("cliques", m))!.community;
      for (const m of ["a2", "a3", "a4", "a5"]) expect(community(m)).toBe(community("a1"));
      for (const m of ["b2", "b3", "b4", "b5"]) expect(community(m)).toBe(community("b1"));
      expect(community("a1")).not.toBe(community("b1"));
      expect(net.communities.map((c) => c.size)).toEqual([5, 5]);
      // a1 and a2 share two initiatives.
      const a1a2 = net.edges.find(
        (e) =>
          [e.source, e.target].sort().join() ===
          [globalId(id("cliques", "a1")), globalId(id("cliques", "a2"))].sort().join(),
      );
      expect(a1a2).toMatchObject({ weight: 2, sharedCount: 2 });
      expect(nodes.get(id("cliques", "a1"))!.weightedDegree).toBe(6);
      const ranked = [...net.nodes].sort((x, y) => y.betweenness - x.betweenness);
      expect(
        ranked
          .slice(0, 2)
          .map((n) => n.key)
          .sort(),
      ).toEqual([id("cliques", "a1"), id("cliques", "b1")]);
    });

    it("keeps the most connected organisations when the network exceeds maxNodes", async () => {
      const res = await server.gql<{ network: NetworkOut }>(NETWORK, {
        filter: { kinds: [kind("star")] },
        projection: "SHARED_INITIATIVES",
        maxNodes: 3,
      });
      expect(res.errors).toBeUndefined();
      const net = res.data!.network;
      expect(net.summary).toMatchObject({ nodes: 3, truncated: true, totalNodes: 6 });
      expect(net.nodes.map((n) => n.key)).toContain(id("star", "hub"));
    });
  });

  describe("the factual data", () => {
    const read = async <T>(file: string): Promise<T> =>
      JSON.parse(await readFile(path.join(__dirname, "../../seeds", file), "utf8")) as T;
    const seedOrganisations = async (): Promise<string[]> =>
      (await read<{ id: string }[]>("organisations.json")).map((o) => o.id);

    /** The active partners as the factual dataset lists them (other suites may add their own records). */
    const members = async (initiative: string): Promise<string[]> => {
      const initiatives =
        await read<{ id: string; participants: { organisation: string }[] }[]>("initiatives.json");
      const organisations = await read<{ id: string; status: string }[]>("organisations.json");
      const active = new Set(organisations.filter((o) => o.status === "ACTIVE").map((o) => o.id));
      return initiatives
        .find((i) => i.id === initiative)!
        .participants.map((p) => p.organisation)
        .filter((k) => active.has(k) && k !== "iederin"); // Ieder(in) is in both
    };
    const majority = (communities: number[]): { community: number; share: number } => {
      const counts = new Map<number, number>();
      for (const c of communities) counts.set(c, (counts.get(c) ?? 0) + 1);
      const [community, count] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
      return { community, share: count / communities.length };
    };

    it("#Kennercadeau and Toiletalliantie partners form visible groups: distinct communities", async () => {
      // Other suites add networks of their own meanwhile: room for them, assertions on the factual ones.
      const res = await server.gql<{ network: NetworkOut }>(NETWORK, {
        projection: "SHARED_INITIATIVES",
        maxNodes: 20000,
      });
      expect(res.errors).toBeUndefined();
      const net = res.data!.network;
      const nodes = byKey(net);
      const kenner = await members("kennercadeau");
      const toilet = await members("toiletalliantie");
      expect(kenner.length).toBeGreaterThanOrEqual(12);
      expect(toilet.length).toBeGreaterThanOrEqual(8);
      const k = majority(kenner.map((m) => nodes.get(m)!.community));
      const t = majority(toilet.map((m) => nodes.get(m)!.community));
      expect(k.share).toBeGreaterThanOrEqual(0.8);
      expect(t.share).toBeGreaterThanOrEqual(0.8);
      expect(k.community).not.toBe(t.community);
      expect(net.modularity).toBeGreaterThan(0.3);
      // Ieder(in), in both, is the organisation between them: the alliance's strongest bridge, and one of the
      // two strongest of the factual graph (VNG links #Kennercadeau to the ggz initiatives of issue 15's data).
      const iederin = nodes.get("iederin")!;
      const factual = new Set(await seedOrganisations());
      const byBetweenness = (a: { betweenness: number }, b: { betweenness: number }): number =>
        b.betweenness - a.betweenness;
      const strongest = net.nodes.filter((n) => factual.has(n.key)).sort(byBetweenness);
      expect(strongest.slice(0, 2).map((n) => n.key)).toContain("iederin");
      const alliance = [...toilet, "iederin"].map((k) => nodes.get(k)!).sort(byBetweenness);
      expect(alliance[0]!.key).toBe("iederin");
      expect(iederin.degree).toBeGreaterThanOrEqual(kenner.length + toilet.length);
      expect(iederin.sector).toBe("MEDICAL");
      expect(nodes.get("burgerkracht-limburg")!.sector).toBe("SOCIAL");
    });

    it("filters by topic (with subtopics), place and condition: known answers on the test's own graph", async () => {
      // Own topics (a chain of three), a condition and organisations of one unique kind, placed in real
      // municipalities: each expected set below is written out by hand from the works-in rule.
      const g = "filters";
      const topic = (t: string): string => `${prefix}-${g}-${t}`;
      await server.db.write((tx) =>
        tx.run(
          `CREATE (root:Topic {id: $root, name: 'wortel', nameKey: 'wortel', sortKey: 'wortel'})
           CREATE (child:Topic {id: $child, name: 'kind', nameKey: 'kind', sortKey: 'kind'})-[:SUBTOPIC_OF]->(root)
           CREATE (:Topic {id: $grandchild, name: 'kleinkind', nameKey: 'kleinkind', sortKey: 'kleinkind'})-[:SUBTOPIC_OF]->(child)
           CREATE (:Topic {id: $other, name: 'anders', nameKey: 'anders', sortKey: 'anders'})
           CREATE (:Condition {id: $condition, name: 'aandoening', nameKey: 'aandoening', sortKey: 'aandoening'})
           WITH 1 AS one
           UNWIND $orgs AS o
           CREATE (n:Organisation {id: o.id, name: o.id, nameKey: o.id, sortKey: o.id, kind: $kind, scope: o.scope, status: o.status})
           WITH n, o
           CALL (n, o) {
             UNWIND o.topics AS t MATCH (x:Topic {id: t}) CREATE (n)-[:WORKS_ON]->(x)
           }
           CALL (n, o) {
             UNWIND o.activeIn AS c OPTIONAL MATCH (m:Municipality {code: c}) OPTIONAL MATCH (p:Province {code: c})
             WITH n, coalesce(m, p) AS x CREATE (n)-[:ACTIVE_IN]->(x)
           }
           CALL (n, o) {
             UNWIND o.basedIn AS c MATCH (x:Municipality {code: c}) CREATE (n)-[:BASED_IN]->(x)
           }
           CALL (n, o) {
             UNWIND o.represents AS c MATCH (x:Condition {id: c}) CREATE (n)-[:REPRESENTS]->(x)
           }`,
          {
            kind: kind(g),
            root: topic("root"),
            child: topic("child"),
            grandchild: topic("grandchild"),
            other: topic("other"),
            condition: topic("condition"),
            orgs: [
              // name, scope, status, topics, activeIn, basedIn, represents
              ["utrecht", "LOCAL", "ACTIVE", ["root"], ["GM0344"], [], []],
              ["zeist", "LOCAL", "ACTIVE", ["child"], [], ["GM0355"], ["condition"]],
              ["provincie", "REGIONAL", "ACTIVE", ["grandchild"], ["PV26"], [], []],
              ["amsterdam", "LOCAL", "ACTIVE", ["other"], ["GM0363"], [], ["condition"]],
              ["gestopt", "LOCAL", "INACTIVE", ["root"], ["GM0344"], [], ["condition"]],
              ["landelijk", "NATIONAL", "ACTIVE", ["root"], [], [], []],
              ["cuijk", "LOCAL", "ACTIVE", ["other"], ["GM1982"], [], []],
            ].map(([name, scope, status, topics, activeIn, basedIn, represents]) => ({
              id: id(g, name as string),
              scope,
              status,
              topics: (topics as string[]).map(topic),
              activeIn,
              basedIn,
              represents: (represents as string[]).map(topic),
            })),
          },
        ),
      );
      const cases: [string, Record<string, unknown>, string[]][] = [
        [
          "a topic with its subtopics",
          { topic: topic("root") },
          ["utrecht", "zeist", "provincie", "landelijk"],
        ],
        [
          "a topic without subtopics",
          { topic: topic("root"), includeSubtopics: false },
          ["utrecht", "landelijk"],
        ],
        ["a subtopic", { topic: topic("child") }, ["zeist", "provincie"]],
        ["a province", { place: { province: "Utrecht" } }, ["utrecht", "zeist", "provincie"]],
        // Zeist: based there, or regional and active in its province; Utrecht's own organisation is not.
        ["a municipality by name", { place: { municipality: "Zeist" } }, ["zeist", "provincie"]],
        ["a municipality by code", { place: { municipality: "GM0344" } }, ["utrecht", "provincie"]],
        ["a merged-away municipality", { place: { municipality: "Sint Anthonis" } }, ["cuijk"]],
        [
          "a place with national scope asked for",
          { place: { municipality: "GM0344" }, scopes: ["NATIONAL", "LOCAL", "REGIONAL"] },
          ["utrecht", "provincie", "landelijk"],
        ],
        ["a condition", { condition: topic("condition") }, ["zeist", "amsterdam"]],
        [
          "inactive ones when asked",
          { condition: topic("condition"), includeInactive: true },
          ["zeist", "amsterdam", "gestopt"],
        ],
        [
          "topic and place together",
          { topic: topic("root"), place: { municipality: "Zeist" } },
          ["zeist", "provincie"],
        ],
      ];
      for (const [name, filter, expected] of cases) {
        const res = await server.gql<{ network: NetworkOut }>(NETWORK, {
          filter: { ...filter, kinds: [kind(g)], includeIsolated: true },
          projection: "SHARED_TOPICS",
        });
        expect([name, res.errors]).toEqual([name, undefined]);
        const keys = res.data!.network.nodes.map((n) => n.key).sort();
        expect([name, keys]).toEqual([name, expected.map((m) => id(g, m)).sort()]);
      }
    });

    it("weighs shared topics by rarity: a rare shared topic ties more than a common one", async () => {
      // Own organisations and topics, so that nobody else's writes change the counts: "zeldzaam" is
      // worked on by 2 organisations, "gewoon" by 7; decision 0006 weighs a topic 1/log2(1 + n).
      const members = ["a", "b", "c", "d", "e", "f", "g", "h"];
      await createGraph("rarity", members, []);
      await server.db.write((tx) =>
        tx.run(
          `CREATE (rare:Topic {id: $prefix + '-zeldzaam', name: 'zeldzaam', nameKey: 'zeldzaam'})
           CREATE (common:Topic {id: $prefix + '-gewoon', name: 'gewoon', nameKey: 'gewoon'})
           WITH rare, common
           UNWIND $rare AS r MATCH (o:Organisation {id: r}) CREATE (o)-[:WORKS_ON]->(rare)
           WITH DISTINCT common
           UNWIND $common AS c MATCH (o:Organisation {id: c}) CREATE (o)-[:WORKS_ON]->(common)`,
          {
            prefix,
            rare: ["a", "b"].map((m) => id("rarity", m)),
            common: ["a", "c", "d", "e", "f", "g", "h"].map((m) => id("rarity", m)),
          },
        ),
      );
      const answer = await network("rarity", "SHARED_TOPICS");
      const globalId = (m: string) => Buffer.from(`Organisation:${id("rarity", m)}`).toString("base64url");
      const tie = (x: string, y: string) =>
        answer.edges.find(
          (e) => [e.source, e.target].sort().join() === [globalId(x), globalId(y)].sort().join(),
        );
      const rareTie = tie("a", "b");
      const commonTie = tie("a", "c");
      expect(rareTie?.shared.map((t) => t.key)).toEqual([`${prefix}-zeldzaam`]);
      expect(commonTie?.shared.map((t) => t.key)).toEqual([`${prefix}-gewoon`]);
      expect(rareTie?.weight).toBeCloseTo(1 / Math.log2(3), 5);
      expect(commonTie?.weight).toBeCloseTo(1 / Math.log2(8), 5);
      expect(rareTie!.weight).toBeGreaterThan(commonTie!.weight);
      expect(answer.edges.every((e) => e.shared.every((t) => t.type === "Topic"))).toBe(true);
      // 2 organisations tied by the rare topic, 7 × 6 / 2 = 21 pairs by the common one (a–? once each).
      expect(answer.edges).toHaveLength(1 + 21);
    });

    it("names Ieder(in)'s partners as its ego network, and VNG as the strongest medical–social bridge", async () => {
      const ego = await server.gql<{ egoNetwork: NetworkOut }>(
        `{ egoNetwork(organisation: "iederin", depth: 1) { nodes { key } summary { nodes edges } } }`,
      );
      expect(ego.errors).toBeUndefined();
      const rows = await server.db.read(
        "MATCH (:Organisation {id: 'iederin'})-[:PARTICIPATES_IN]->(:Initiative)<-[:PARTICIPATES_IN]-(o:Organisation {status: 'ACTIVE'}) RETURN collect(DISTINCT o.id) AS ids",
      );
      expect(ego.data!.egoNetwork.nodes.map((n) => n.key).sort()).toEqual(
        ["iederin", ...(rows[0]?.ids as string[])].sort(),
      );
      // Depth 2 reaches VNG's other partners (koplopers cliëntondersteuning) too.
      const deeper = await server.gql<{ egoNetwork: NetworkOut }>(
        `{ egoNetwork(organisation: "iederin", depth: 2) { nodes { key } } }`,
      );
      expect(deeper.data!.egoNetwork.nodes.map((n) => n.key)).toContain("mee-de-meent");

      const bridges = await server.gql<{
        bridges: {
          measure: string;
          exact: boolean;
          medicalOrganisations: number;
          socialOrganisations: number;
          items: { value: number; node: { key: string } }[];
        };
      }>(
        `{ bridges(first: 100, maxNodes: 20000) { measure exact medicalOrganisations socialOrganisations items { value node { key } } } }`,
      );
      expect(bridges.errors).toBeUndefined();
      const result = bridges.data!.bridges;
      expect(result.measure).toBe("MEDICAL_SOCIAL_BETWEENNESS");
      expect(result.exact).toBe(true);
      expect(result.medicalOrganisations).toBeGreaterThan(10);
      // Other suites' networks may hold bridges of their own: the factual ones in their order.
      const factual = new Set(await seedOrganisations());
      const keys = result.items.map((b) => b.node.key).filter((k) => factual.has(k));
      expect(keys[0]).toBe("vng");
      expect(keys.slice(0, 3)).toContain("iederin");
      const values = result.items.map((b) => b.value);
      expect([...values].sort((a, b) => b - a)).toEqual(values);
      expect(values.every((v) => v > 0 && v <= 1)).toBe(true);
    });
  });

  describe("shortestPath", () => {
    const PATH = `query ($from: ID!, $to: ID!) { shortestPath(from: $from, to: $to) {
      length nodes { type nodeId key name node { id __typename } } relationships { type direction from to } } }`;
    interface PathOut {
      length: number;
      nodes: {
        type: string;
        nodeId: string;
        key: string;
        name: string;
        node: { id: string; __typename: string };
      }[];
      relationships: { type: string; direction: string; from: string; to: string }[];
    }

    it("connects two factual organisations through any nodes, as short as Cypher finds", async () => {
      const res = await server.gql<{ shortestPath: PathOut | null }>(PATH, { from: "mlds", to: "vng" });
      expect(res.errors).toBeUndefined();
      const path = res.data!.shortestPath!;
      const rows = await server.db.read(
        "MATCH p = shortestPath((:Organisation {id: 'mlds'})-[*..8]-(:Organisation {id: 'vng'})) RETURN length(p) AS length",
      );
      expect(path.length).toBe(rows[0]?.length);
      expect(path.nodes).toHaveLength(path.length + 1);
      expect(path.relationships).toHaveLength(path.length);
      expect(path.nodes[0]).toMatchObject({
        type: "Organisation",
        key: "mlds",
        name: "Maag Lever Darm Stichting",
      });
      expect(path.nodes.at(-1)).toMatchObject({ type: "Organisation", key: "vng" });
      for (const node of path.nodes) expect(node.node).toEqual({ id: node.nodeId, __typename: node.type });
      // Every relationship exists in the stated direction between neighbouring path nodes.
      for (const [i, r] of path.relationships.entries()) {
        const [a, b] = [path.nodes[i]!, path.nodes[i + 1]!];
        expect([r.from, r.to]).toEqual(
          r.direction === "FORWARD" ? [a.nodeId, b.nodeId] : [b.nodeId, a.nodeId],
        );
        const [from, to] = r.direction === "FORWARD" ? [a, b] : [b, a];
        const found = await server.db.read(
          `MATCH (x)-[r]->(y) WHERE coalesce(x.id, x.code) = $from AND coalesce(y.id, y.code) = $to AND type(r) = $type RETURN count(r) AS n`,
          { from: from.key, to: to.key, type: r.type },
        );
        expect(Number(found[0]?.n)).toBeGreaterThan(0);
      }
    });

    it("is null for organisations that are not connected, and a single node for one organisation", async () => {
      await createGraph("alone", ["x", "y"], []);
      const none = await server.gql<{ shortestPath: PathOut | null }>(PATH, {
        from: id("alone", "x"),
        to: id("alone", "y"),
      });
      expect(none.errors).toBeUndefined();
      expect(none.data!.shortestPath).toBeNull();
      const self = await server.gql<{ shortestPath: PathOut | null }>(PATH, { from: "vng", to: "vng" });
      expect(self.data!.shortestPath).toMatchObject({ length: 0, relationships: [] });
      expect(self.data!.shortestPath!.nodes.map((n) => n.key)).toEqual(["vng"]);
    });
  });

  describe("limits and bad input give coded errors", () => {
    const code = (res: { errors?: { extensions?: { code?: string } }[] }): string | undefined =>
      res.errors?.[0]?.extensions?.code;

    it.each([
      [
        "maxNodes above 20,000",
        `{ network(projection: SHARED_INITIATIVES, maxNodes: 20001) { summary { nodes } } }`,
        "BAD_USER_INPUT",
      ],
      [
        "maxNodes 0",
        `{ network(projection: SHARED_INITIATIVES, maxNodes: 0) { summary { nodes } } }`,
        "BAD_USER_INPUT",
      ],
      [
        "maxGroupSize 1",
        `{ network(projection: SHARED_TOPICS, filter: { maxGroupSize: 1 }) { summary { nodes } } }`,
        "BAD_USER_INPUT",
      ],
      [
        "depth 4",
        `{ egoNetwork(organisation: "iederin", depth: 4) { summary { nodes } } }`,
        "BAD_USER_INPUT",
      ],
      [
        "depth 0",
        `{ egoNetwork(organisation: "iederin", depth: 0) { summary { nodes } } }`,
        "BAD_USER_INPUT",
      ],
      ["unknown ego", `{ egoNetwork(organisation: "does-not-exist") { summary { nodes } } }`, "NOT_FOUND"],
      [
        "unknown topic",
        `{ network(projection: SHARED_TOPICS, filter: { topic: "no-such-topic" }) { summary { nodes } } }`,
        "NOT_FOUND",
      ],
      [
        "unknown province",
        `{ network(projection: SHARED_TOPICS, filter: { place: { province: "Atlantis" } }) { summary { nodes } } }`,
        "BAD_USER_INPUT",
      ],
      [
        "a topic id as organisation",
        `{ shortestPath(from: "${Buffer.from("Topic:wonen").toString("base64url")}", to: "vng") { length } }`,
        "BAD_USER_INPUT",
      ],
      [
        "path maxLength 9",
        `{ shortestPath(from: "mlds", to: "vng", maxLength: 9) { length } }`,
        "BAD_USER_INPUT",
      ],
      ["unknown path end", `{ shortestPath(from: "mlds", to: "nobody-here") { length } }`, "NOT_FOUND"],
      ["bridges first 0", `{ bridges(first: 0) { items { value } } }`, "BAD_USER_INPUT"],
      [
        "export above 5,000 nodes",
        `{ networkExport(format: GEXF, projection: SHARED_INITIATIVES, maxNodes: 5001) { bytes } }`,
        "BAD_USER_INPUT",
      ],
    ])("%s", async (_name, query, expected) => {
      const res = await server.gql(query);
      expect(code(res)).toBe(expected);
      expect(res.data?.[Object.keys(res.data ?? {})[0] ?? ""] ?? null).toBeNull();
    });

    it.each([
      ["an over-long topic", { topic: "t".repeat(129) }, `topic=${"t".repeat(129)}`, "filter.topic"],
      [
        "an over-long municipality",
        { place: { municipality: "m".repeat(81) } },
        `municipality=${"m".repeat(81)}`,
        "filter.place.municipality",
      ],
      [
        "a centre outside the Netherlands",
        { place: { near: { lat: 10, lon: 5, radiusKm: 10 } } },
        "near=10,5,10",
        "filter.place.near.lat",
      ],
    ])("refuses %s through GraphQL and /export by the same rule", async (_name, filter, query, argument) => {
      const graphql = await server.gql(
        `query ($filter: NetworkFilter) { network(projection: SHARED_TOPICS, filter: $filter) { summary { nodes } } }`,
        { filter },
      );
      expect(code(graphql)).toBe("BAD_USER_INPUT");
      expect(graphql.errors?.[0]?.extensions?.argument).toBe(argument);
      const exported = await fetch(`${server.url}/export/network.json?projection=shared-topics&${query}`);
      expect(exported.status).toBe(400);
      const body = (await exported.json()) as {
        errors: { message: string; extensions: { code: string; argument: string } }[];
      };
      expect(body.errors[0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", argument });
      // One rule, one wording.
      expect(body.errors[0]!.message).toBe(graphql.errors?.[0]?.message);
    });

    it("a path shorter than its shortest path is no path", async () => {
      const res = await server.gql<{ shortestPath: unknown }>(
        `{ shortestPath(from: "mlds", to: "vng", maxLength: 1) { length } }`,
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.shortestPath).toBeNull();
    });

    it("counts a large network against the query cost limit (QUERY_TOO_COMPLEX)", async () => {
      const small = await startTestServer({ maxCost: 500, database: server.db });
      try {
        const res = await small.gql(
          `{ network(projection: SHARED_INITIATIVES, maxNodes: 20000) { summary { nodes } } }`,
        );
        expect(res.status).toBe(400);
        expect(code(res)).toBe("QUERY_TOO_COMPLEX");
        const fine = await small.gql(
          `{ network(projection: SHARED_INITIATIVES, maxNodes: 100) { summary { nodes } } }`,
        );
        expect(fine.errors).toBeUndefined();
      } finally {
        await small.stop();
      }
    });

    it("answers the organisation of every node in one extra round trip", async () => {
      const res = await server.gql<{
        network: { nodes: { organisation: { name: string; website: string | null } }[] };
      }>(`{ network(projection: SHARED_INITIATIVES) { nodes { key organisation { name website } } } }`);
      expect(res.errors).toBeUndefined();
      expect(res.data!.network.nodes.length).toBeGreaterThan(20);
      expect(res.data!.network.nodes.every((n) => n.organisation.name.length > 0)).toBe(true);
      expect(res.extensions?.roundTrips).toBe(2);
    });
  });
});

function globalId(key: string): string {
  return Buffer.from(`Organisation:${key}`, "utf8").toString("base64url");
}
