import { UndirectedGraph } from "graphology";
import louvain from "graphology-communities-louvain";
import betweennessCentrality from "graphology-metrics/centrality/betweenness";
import closenessCentrality from "graphology-metrics/centrality/closeness";
import pagerank from "graphology-metrics/centrality/pagerank";
import { density } from "graphology-metrics/graph/density";
import { createUnweightedIndexedBrandes } from "graphology-shortest-path/indexed-brandes";
import { singleSourceLength } from "graphology-shortest-path/unweighted";
import { Random } from "../../seed/synthetic.random";

/**
 * Network analytics on an organisation-to-organisation graph, with the graphology family doing the
 * algorithms. Every metric is computed once, on first use, so that a query pays only for what it
 * selects. Path-based metrics (betweenness, closeness, diameter) count hops: a tie's weight says how
 * strong it is, not how long, so it is used by weighted degree, PageRank and Louvain only.
 */

export type Sector = "MEDICAL" | "SOCIAL" | "OTHER";

export interface NodeData {
  key: string;
  name: string;
  kind: string;
  scope: string;
  status: string;
  sector: Sector;
}

export interface SharedRef {
  key: string;
  name: string;
}

export interface EdgeData {
  weight: number;
  sharedCount: number;
  shared: SharedRef[];
}

export interface EdgeInput extends EdgeData {
  source: string;
  target: string;
}

export type NetworkGraph = UndirectedGraph<NodeData, EdgeData>;

export interface Community {
  id: number;
  size: number;
  /** Members, highest weighted degree first. */
  members: string[];
}

export interface Communities {
  byNode: Map<string, number>;
  list: Community[];
  /** Null when the network has no ties (modularity is undefined). */
  modularity: number | null;
}

export interface Distances {
  components: number;
  largestComponent: number;
  /** Longest shortest path within any component (hops); 0 without ties. */
  diameter: number;
  /** Mean shortest path length over all connected pairs; 0 without ties. */
  averagePathLength: number;
}

export interface BridgeScore {
  key: string;
  /** Share of the shortest paths between medical and social organisations that pass through it. */
  value: number;
  /** The same as an expected number of medical–social pairs. */
  pairs: number;
  medicalNeighbours: number;
  socialNeighbours: number;
}

/** Seed of Louvain's random moves: the same network gives the same communities on every run. */
export const LOUVAIN_SEED = 7;

/** Builds the graph in key order so that results do not depend on database row order. */
export function buildGraph(nodes: NodeData[], edges: EdgeInput[]): NetworkGraph {
  const graph: NetworkGraph = new UndirectedGraph<NodeData, EdgeData>();
  for (const node of [...nodes].sort((a, b) => compare(a.key, b.key))) {
    if (!graph.hasNode(node.key)) graph.addNode(node.key, node);
  }
  const sorted = [...edges].sort((a, b) => compare(a.source, b.source) || compare(a.target, b.target));
  for (const e of sorted) {
    if (e.source === e.target || !graph.hasNode(e.source) || !graph.hasNode(e.target)) continue;
    if (graph.hasEdge(e.source, e.target)) continue;
    graph.addEdgeWithKey(`${e.source}--${e.target}`, e.source, e.target, {
      weight: e.weight,
      sharedCount: e.sharedCount,
      shared: [...e.shared].sort((a, b) => compare(a.name, b.name) || compare(a.key, b.key)),
    });
  }
  return graph;
}

/** Keeps the `max` nodes with the highest weighted degree (ties: key order) and the edges among them. */
export function truncate(graph: NetworkGraph, max: number): NetworkGraph {
  if (graph.order <= max) return graph;
  const strength = (key: string): number =>
    graph.reduceEdges(key, (sum, _edge, attributes) => sum + attributes.weight, 0);
  const keep = new Set(
    graph
      .nodes()
      .map((key) => ({ key, s: strength(key) }))
      .sort((a, b) => b.s - a.s || compare(a.key, b.key))
      .slice(0, max)
      .map((n) => n.key),
  );
  const nodes = graph.mapNodes((_key, attributes) => attributes).filter((n) => keep.has(n.key));
  const edges: EdgeInput[] = [];
  graph.forEachEdge((_edge, attributes, source, target) => {
    if (keep.has(source) && keep.has(target)) edges.push({ source, target, ...attributes });
  });
  return buildGraph(nodes, edges);
}

export class NetworkAnalysis {
  private cache: {
    betweenness?: Record<string, number>;
    closeness?: Record<string, number>;
    pageRank?: Record<string, number>;
    communities?: Communities;
    distances?: Distances;
    bridges?: BridgeScore[];
  } = {};

  constructor(readonly graph: NetworkGraph) {}

  degree(key: string): number {
    return this.graph.degree(key);
  }

  weightedDegree(key: string): number {
    return this.graph.reduceEdges(key, (sum, _edge, attributes) => sum + attributes.weight, 0);
  }

  density(): number {
    return this.graph.order < 2 ? 0 : density(this.graph);
  }

  /** Normalised betweenness (share of shortest paths between other pairs through the node), by hops. */
  betweenness(): Record<string, number> {
    this.cache.betweenness ??= betweennessCentrality(this.graph, { getEdgeWeight: null, normalized: true });
    return this.cache.betweenness;
  }

  /** Closeness with the Wasserman–Faust correction, which keeps it comparable across components. */
  closeness(): Record<string, number> {
    this.cache.closeness ??= closenessCentrality(this.graph, { wassermanFaust: true });
    return this.cache.closeness;
  }

  /** Weighted PageRank (damping 0.85); nodes without ties get the teleport share. */
  pageRank(): Record<string, number> {
    this.cache.pageRank ??= pagerank(this.graph, {
      getEdgeWeight: "weight",
      alpha: 0.85,
      maxIterations: 1000,
      tolerance: 1e-9,
    });
    return this.cache.pageRank;
  }

  /** Louvain on the weighted graph with a seeded random source; ids renumbered by size, largest first. */
  communities(): Communities {
    if (this.cache.communities) return this.cache.communities;
    const random = new Random(LOUVAIN_SEED);
    const detailed = louvain.detailed(this.graph, {
      getEdgeWeight: "weight",
      rng: () => random.next(),
    });
    const groups = new Map<number, string[]>();
    for (const key of this.graph.nodes()) {
      const community = detailed.communities[key] ?? -1;
      const members = groups.get(community);
      if (members) members.push(key);
      else groups.set(community, [key]);
    }
    const strength = new Map(this.graph.nodes().map((k) => [k, this.weightedDegree(k)]));
    const ordered = [...groups.values()]
      .map((members) =>
        members.sort((a, b) => (strength.get(b) ?? 0) - (strength.get(a) ?? 0) || compare(a, b)),
      )
      .sort((a, b) => b.length - a.length || compare(a[0] ?? "", b[0] ?? ""));
    const byNode = new Map<string, number>();
    const list = ordered.map((members, id) => {
      for (const key of members) byNode.set(key, id);
      return { id, size: members.length, members };
    });
    const modularity =
      this.graph.size === 0 || !Number.isFinite(detailed.modularity) ? null : detailed.modularity;
    this.cache.communities = { byNode, list, modularity };
    return this.cache.communities;
  }

  /** Components, diameter and average path length from one breadth-first search per node. */
  distances(): Distances {
    if (this.cache.distances) return this.cache.distances;
    const component = new Map<string, number>();
    const sizes: number[] = [];
    let diameter = 0;
    let total = 0;
    let pairs = 0;
    for (const source of this.graph.nodes()) {
      const lengths = singleSourceLength(this.graph, source);
      const seen = component.has(source);
      if (!seen) sizes.push(0);
      for (const target in lengths) {
        const d = lengths[target] as number;
        if (!seen) {
          component.set(target, sizes.length - 1);
          sizes[sizes.length - 1]! += 1;
        }
        if (d > 0) {
          total += d;
          pairs += 1;
          if (d > diameter) diameter = d;
        }
      }
    }
    this.cache.distances = {
      components: sizes.length,
      largestComponent: sizes.reduce((max, s) => Math.max(max, s), 0),
      diameter,
      averagePathLength: pairs === 0 ? 0 : total / pairs,
    };
    return this.cache.distances;
  }

  /**
   * Medical–social brokerage: for every organisation, the share of shortest paths from a medical
   * (condition-based) organisation to a sociaal-domein organisation that pass through it — betweenness
   * restricted to those source–target pairs (Brandes 2008, "group/subset betweenness"). The library
   * does the shortest paths (indexed Brandes); only the accumulation is restricted to social targets.
   */
  bridges(): BridgeScore[] {
    if (this.cache.bridges) return this.cache.bridges;
    const graph = this.graph;
    const brandes = createUnweightedIndexedBrandes(graph) as ReturnType<
      typeof createUnweightedIndexedBrandes
    > & { index: { nodes: string[] } };
    const keys = brandes.index.nodes;
    const n = keys.length;
    const isSocial = new Uint8Array(n);
    const medical: number[] = [];
    let socialCount = 0;
    keys.forEach((key, i) => {
      const sector = graph.getNodeAttribute(key, "sector");
      if (sector === "SOCIAL") {
        isSocial[i] = 1;
        socialCount++;
      } else if (sector === "MEDICAL") medical.push(i);
    });
    const scores = new Float64Array(n);
    const delta = new Float64Array(n);
    for (const s of medical) {
      const [stack, predecessors, sigma] = brandes(s);
      delta.fill(0);
      while (stack.size !== 0) {
        const w = stack.pop() as number;
        const coefficient = (isSocial[w]! + delta[w]!) / sigma[w]!;
        for (const v of predecessors[w]!) delta[v]! += sigma[v]! * coefficient;
        if (w !== s) scores[w]! += delta[w]!;
      }
    }
    const possible = medical.length * socialCount;
    const result: BridgeScore[] = [];
    keys.forEach((key, i) => {
      const raw = scores[i]!;
      if (raw <= 0) return;
      let medicalNeighbours = 0;
      let socialNeighbours = 0;
      graph.forEachNeighbor(key, (_neighbour, attributes) => {
        if (attributes.sector === "MEDICAL") medicalNeighbours++;
        if (attributes.sector === "SOCIAL") socialNeighbours++;
      });
      result.push({
        key,
        value: possible === 0 ? 0 : raw / possible,
        pairs: raw,
        medicalNeighbours,
        socialNeighbours,
      });
    });
    result.sort((a, b) => b.value - a.value || compare(a.key, b.key));
    this.cache.bridges = result;
    return result;
  }
}

/** Locale-independent ordering for deterministic output. */
export const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
