import louvain from "graphology-communities-louvain";
import betweennessCentrality from "graphology-metrics/centrality/betweenness";
import closenessCentrality from "graphology-metrics/centrality/closeness";
import modularity from "graphology-metrics/graph/modularity";
import { NetworkAnalysis } from "../../src/features/network/network.analytics";
import {
  type EdgeInput,
  type NodeData,
  type Sector,
  buildGraph,
  truncate,
} from "../../src/features/network/network.graph";
import { Random } from "../../src/seed/synthetic.random";

function node(key: string, sector: Sector = "OTHER"): NodeData {
  return { key, name: key.toUpperCase(), kind: "test", scope: "LOCAL", status: "ACTIVE", sector };
}

function edge(source: string, target: string, weight = 1): EdgeInput {
  return { source, target, weight, sharedCount: 1, shared: [{ key: `${source}-${target}`, name: "x" }] };
}

function network(keys: string[], edges: [string, string][], sectors: Record<string, Sector> = {}) {
  return new NetworkAnalysis(
    buildGraph(
      keys.map((k) => node(k, sectors[k])),
      edges.map(([a, b]) => edge(a, b)),
    ),
  );
}

const clique = (keys: string[]): [string, string][] =>
  keys.flatMap((a, i) => keys.slice(i + 1).map((b): [string, string] => [a, b]));

describe("network metrics on graphs with known answers", () => {
  it("path a-b-c-d-e: betweenness, closeness, diameter and average path length", () => {
    const path = network(
      ["a", "b", "c", "d", "e"],
      [
        ["a", "b"],
        ["b", "c"],
        ["c", "d"],
        ["d", "e"],
      ],
    );
    const b = path.betweenness();
    // c lies on the 4 shortest paths between {a,b} and {d,e}: 4 of the 6 pairs without c.
    expect(b.c).toBeCloseTo(4 / 6, 10);
    expect(b.b).toBeCloseTo(3 / 6, 10);
    expect(b.a).toBe(0);
    const c = path.closeness();
    expect(c.c).toBeCloseTo(4 / 6, 10); // distances 2+1+1+2
    expect(c.a).toBeCloseTo(4 / 10, 10); // distances 1+2+3+4
    expect(path.distances()).toEqual({
      components: 1,
      largestComponent: 5,
      diameter: 4,
      averagePathLength: 2, // (4·1 + 3·2 + 2·3 + 1·4) / 10
    });
    expect(path.density()).toBeCloseTo(4 / 10, 10);
  });

  it("star: the centre lies on every shortest path, the leaves on none", () => {
    const leaves = ["l1", "l2", "l3", "l4", "l5"];
    const star = network(
      ["hub", ...leaves],
      leaves.map((l): [string, string] => ["hub", l]),
    );
    expect(star.betweenness().hub).toBeCloseTo(1, 10);
    for (const l of leaves) expect(star.betweenness()[l]).toBe(0);
    expect(star.degree("hub")).toBe(5);
    expect(star.closeness().hub).toBeCloseTo(1, 10);
    expect(star.distances().diameter).toBe(2);
    const pr = star.pageRank();
    expect(pr.hub).toBeGreaterThan(pr.l1! * 3);
    expect(Object.values(pr).reduce((a, v) => a + v, 0)).toBeCloseTo(1, 6);
  });

  it("two cliques joined by one bridge: two communities, modularity above 0.3, bridge ends most between", () => {
    const left = ["a1", "a2", "a3", "a4", "a5"];
    const right = ["b1", "b2", "b3", "b4", "b5"];
    const analysis = network([...left, ...right], [...clique(left), ...clique(right), ["a1", "b1"]]);
    const { list, byNode, modularity: q } = analysis.communities();
    expect(list).toHaveLength(2);
    expect(new Set(left.map((k) => byNode.get(k))).size).toBe(1);
    expect(new Set(right.map((k) => byNode.get(k))).size).toBe(1);
    expect(byNode.get("a2")).not.toBe(byNode.get("b2"));
    expect(q).toBeGreaterThan(0.3);
    // The modularity reported is Louvain's own figure for a connected network.
    const own = louvain.detailed(analysis.graph, { getEdgeWeight: "weight", rng: () => 0.5 });
    expect(q).toBeCloseTo(own.modularity, 10);
    const b = analysis.betweenness();
    const ranked = Object.entries(b).sort((x, y) => y[1] - x[1]);
    expect(
      ranked
        .slice(0, 2)
        .map(([k]) => k)
        .sort(),
    ).toEqual(["a1", "b1"]);
    // Deterministic: the same network gives the same communities.
    const again = network([...left, ...right], [...clique(left), ...clique(right), ["a1", "b1"]]);
    expect([...again.communities().byNode]).toEqual([...byNode]);
  });

  it("finds communities per component: a large unrelated component does not merge them", () => {
    const left = ["a1", "a2", "a3", "a4", "a5"];
    const right = ["b1", "b2", "b3", "b4", "b5"];
    // A ring of 60 cliques of 4, unrelated to the two cliques.
    const ring = Array.from({ length: 240 }, (_, i) => `r${String(i).padStart(3, "0")}`);
    const ringEdges = Array.from({ length: 60 }, (_, g) => [
      ...clique(ring.slice(g * 4, g * 4 + 4)),
      [ring[g * 4 + 3]!, ring[(g * 4 + 4) % 240]!] as [string, string],
    ]).flat();
    const edges = [...clique(left), ...clique(right), ["a1", "b1"] as [string, string], ...ringEdges];
    const analysis = network([...left, ...right, ...ring], edges);
    const { byNode, modularity: q } = analysis.communities();
    expect(new Set(left.map((k) => byNode.get(k))).size).toBe(1);
    expect(byNode.get("a1")).not.toBe(byNode.get("b1"));
    // Louvain over the whole network merges the two cliques (the resolution limit).
    const whole = louvain(analysis.graph, { getEdgeWeight: "weight", rng: () => 0.5 });
    expect(whole.a1).toBe(whole.b1);
    const check = modularity(analysis.graph, {
      getNodeCommunity: (key: string) => byNode.get(key) ?? -1,
      getEdgeWeight: "weight",
    });
    expect(q).toBeCloseTo(check, 10);
    expect(q).toBeGreaterThan(0.8);
  });

  it("counts components, and gives isolated nodes zero metrics", () => {
    const analysis = network(
      ["a", "b", "c", "d", "lonely"],
      [
        ["a", "b"],
        ["c", "d"],
      ],
    );
    expect(analysis.distances()).toMatchObject({ components: 3, largestComponent: 2, diameter: 1 });
    expect(analysis.betweenness().lonely).toBe(0);
    expect(analysis.closeness().lonely).toBe(0);
    expect(analysis.degree("lonely")).toBe(0);
    expect(analysis.communities().byNode.has("lonely")).toBe(true);
  });

  it("computes path metrics without the isolated nodes yet normalised over the whole network", () => {
    const keys = ["a", "b", "c", "d", "e", "x1", "x2", "x3"];
    const analysis = network(keys, [
      ["a", "b"],
      ["b", "c"],
      ["c", "d"],
      ["c", "e"],
    ]);
    // The reference: graphology-metrics on the whole graph, isolated nodes included.
    const whole = betweennessCentrality(analysis.graph, { getEdgeWeight: null, normalized: true });
    const close = closenessCentrality(analysis.graph, { wassermanFaust: true });
    for (const key of keys) {
      expect(analysis.betweenness()[key]).toBeCloseTo(whole[key]!, 12);
      expect(analysis.closeness()[key]).toBeCloseTo(close[key]!, 12);
    }
    expect(analysis.sources()).toBe(5);
  });

  it("a network without ties has no modularity and a zero summary", () => {
    const analysis = network(["a", "b"], []);
    expect(analysis.communities().modularity).toBeNull();
    expect(analysis.communities().list).toHaveLength(2);
    expect(analysis.distances()).toEqual({
      components: 2,
      largestComponent: 1,
      diameter: 0,
      averagePathLength: 0,
    });
    expect(analysis.density()).toBe(0);
  });

  it("an empty network has empty metrics and a zero summary", () => {
    const analysis = network([], []);
    expect(analysis.pageRank()).toEqual({});
    expect(analysis.betweenness()).toEqual({});
    expect(analysis.closeness()).toEqual({});
    expect(analysis.bridges()).toEqual([]);
    expect(analysis.communities()).toMatchObject({ list: [], modularity: null });
    expect(analysis.distances()).toEqual({
      components: 0,
      largestComponent: 0,
      diameter: 0,
      averagePathLength: 0,
    });
  });

  it("weighted degree sums the weights of the ties", () => {
    const analysis = new NetworkAnalysis(
      buildGraph([node("a"), node("b"), node("c")], [edge("a", "b", 2.5), edge("a", "c", 1)]),
    );
    expect(analysis.weightedDegree("a")).toBe(3.5);
    expect(analysis.degree("a")).toBe(2);
  });
});

describe("estimates on large networks", () => {
  function randomNetwork(n: number, m: number, seed: number): ReturnType<typeof buildGraph> {
    const random = new Random(seed);
    const keys = Array.from({ length: n }, (_, i) => `n${String(i).padStart(4, "0")}`);
    const edges: EdgeInput[] = [];
    // A spanning path keeps it connected; random chords make it interesting.
    for (let i = 1; i < n; i++) edges.push(edge(keys[i - 1]!, keys[i]!));
    for (let i = 0; i < m; i++) {
      const a = random.pick(keys);
      const b = random.pick(keys);
      if (a !== b) edges.push(edge(a < b ? a : b, a < b ? b : a));
    }
    return buildGraph(
      keys.map((k) => node(k)),
      edges,
    );
  }

  it("pivot estimates equal the exact values when every node is a pivot (small components)", () => {
    const graph = buildGraph(
      ["a", "b", "c", "d", "e", "x", "y", "z"].map((k) => node(k)),
      [edge("a", "b"), edge("b", "c"), edge("c", "d"), edge("b", "e"), edge("x", "y"), edge("y", "z")],
    );
    const exact = new NetworkAnalysis(graph);
    const estimated = new NetworkAnalysis(graph, { exactWorkBudget: 0 });
    expect(exact.exact).toBe(true);
    expect(estimated.exact).toBe(false);
    for (const key of graph.nodes()) {
      expect(estimated.betweenness()[key]).toBeCloseTo(exact.betweenness()[key]!, 10);
      expect(estimated.closeness()[key]).toBeCloseTo(exact.closeness()[key]!, 10);
    }
    expect(estimated.distances()).toEqual(exact.distances());
  });

  it("sampled betweenness and closeness of a 400-node network correlate with the exact ones", () => {
    const graph = randomNetwork(400, 600, 3);
    const exact = new NetworkAnalysis(graph);
    // A budget for about 150 breadth-first searches instead of 400.
    const estimated = new NetworkAnalysis(graph, { exactWorkBudget: 150 * (graph.order + graph.size) });
    expect(estimated.exact).toBe(false);
    expect(estimated.sources()).toBe(150);
    const correlation = (a: Record<string, number>, b: Record<string, number>): number => {
      const keys = Object.keys(a);
      const mean = (m: Record<string, number>): number => keys.reduce((s, k) => s + m[k]!, 0) / keys.length;
      const [ma, mb] = [mean(a), mean(b)];
      let [sab, saa, sbb] = [0, 0, 0];
      for (const k of keys) {
        sab += (a[k]! - ma) * (b[k]! - mb);
        saa += (a[k]! - ma) ** 2;
        sbb += (b[k]! - mb) ** 2;
      }
      return sab / Math.sqrt(saa * sbb);
    };
    expect(correlation(exact.betweenness(), estimated.betweenness())).toBeGreaterThan(0.9);
    expect(correlation(exact.closeness(), estimated.closeness())).toBeGreaterThan(0.9);
    const apl = exact.distances().averagePathLength;
    expect(Math.abs(estimated.distances().averagePathLength - apl) / apl).toBeLessThan(0.05);
    expect(estimated.distances().diameter).toBeLessThanOrEqual(exact.distances().diameter);
    expect(estimated.distances().diameter).toBeGreaterThanOrEqual(exact.distances().diameter - 2);
  });
});

describe("medical–social bridges", () => {
  // M1, M2 medical; S1, S2, S3 social; X, O other. X joins everyone; S3 hangs off M1.
  const sectors: Record<string, Sector> = {
    m1: "MEDICAL",
    m2: "MEDICAL",
    s1: "SOCIAL",
    s2: "SOCIAL",
    s3: "SOCIAL",
  };
  const analysis = network(
    ["m1", "m2", "s1", "s2", "s3", "x", "o"],
    [
      ["x", "m1"],
      ["x", "m2"],
      ["x", "s1"],
      ["x", "s2"],
      ["x", "o"],
      ["m1", "s3"],
    ],
    sectors,
  );

  it("scores the share of medical–social shortest paths through each organisation", () => {
    const bridges = analysis.bridges();
    // 6 medical–social pairs: x lies on 5 (all but m1–s3), m1 on one (m2–s3).
    expect(bridges.map((b) => b.key)).toEqual(["x", "m1"]);
    expect(bridges[0]!.value).toBeCloseTo(5 / 6, 10);
    expect(bridges[0]!.pairs).toBeCloseTo(5, 10);
    expect(bridges[1]!.value).toBeCloseTo(1 / 6, 10);
    expect(bridges[0]).toMatchObject({ medicalNeighbours: 2, socialNeighbours: 2 });
  });
});

describe("truncation", () => {
  it("keeps the nodes with the highest weighted degree and the ties among them", () => {
    const graph = buildGraph(
      ["a", "b", "c", "d"].map((k) => node(k)),
      [edge("a", "b", 3), edge("a", "c", 2), edge("c", "d", 0.5)],
    );
    const kept = truncate(graph, 3);
    expect(kept.nodes().sort()).toEqual(["a", "b", "c"]);
    expect(kept.size).toBe(2);
    expect(truncate(graph, 10)).toBe(graph);
  });
});
