import { UndirectedGraph } from "graphology";
import louvain from "graphology-communities-louvain";
import betweennessCentrality from "graphology-metrics/centrality/betweenness";
import closenessCentrality from "graphology-metrics/centrality/closeness";
import pagerank from "graphology-metrics/centrality/pagerank";
import { density } from "graphology-metrics/graph/density";
import { createUnweightedIndexedBrandes } from "graphology-shortest-path/indexed-brandes";
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

interface Pivot {
  key: string;
  /** Component size / pivots in it: what one pivot's contribution stands for. */
  scale: number;
  componentSize: number;
}

interface DistancePass {
  diameter: number;
  averagePathLength: number;
  closeness: Record<string, number>;
}

type IndexedBrandes = ReturnType<typeof createUnweightedIndexedBrandes> & { index: { nodes: string[] } };

/**
 * Exact path metrics cost about nodes × (nodes + edges) steps (~25 ns each): 1.5e8 is about 4 s for
 * betweenness, closeness and distances together. Larger networks get pivot estimates.
 */
export const EXACT_WORK_BUDGET = 5e7;
const APPROXIMATE_MIN_PIVOTS = 64;
const SMALL_COMPONENT = 50;

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

/**
 * Keeps the `max` nodes with the highest weighted degree (ties: key order) and the edges among them;
 * `pinned` (an ego network's centre) is always kept.
 */
export function truncate(graph: NetworkGraph, max: number, pinned?: string): NetworkGraph {
  if (graph.order <= max) return graph;
  const strength = (key: string): number =>
    graph.reduceEdges(key, (sum, _edge, attributes) => sum + attributes.weight, 0);
  const keep = new Set(
    graph
      .nodes()
      .map((key) => ({ key, s: key === pinned ? Infinity : strength(key) }))
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
    components?: string[][];
    core?: NetworkGraph;
    pivots?: Pivot[];
    distancePass?: DistancePass;
    bridges?: { scores: BridgeScore[]; exact: boolean };
  } = {};

  private readonly workBudget: number;

  constructor(
    readonly graph: NetworkGraph,
    options: { exactWorkBudget?: number } = {},
  ) {
    this.workBudget = options.exactWorkBudget ?? EXACT_WORK_BUDGET;
  }

  degree(key: string): number {
    return this.graph.degree(key);
  }

  weightedDegree(key: string): number {
    return this.graph.reduceEdges(key, (sum, _edge, attributes) => sum + attributes.weight, 0);
  }

  density(): number {
    return this.graph.order < 2 ? 0 : density(this.graph);
  }

  /**
   * The network without its isolated nodes: path metrics of an isolated node are 0, and the
   * libraries' per-source set-up costs O(nodes) even for them.
   */
  private core(): NetworkGraph {
    if (this.cache.core) return this.cache.core;
    const isolated = this.graph.filterNodes((key) => this.graph.degree(key) === 0);
    let core = this.graph;
    if (isolated.length > 0) {
      core = this.graph.copy();
      for (const key of isolated) core.dropNode(key);
    }
    this.cache.core = core;
    return core;
  }

  /** Values computed on the core, completed with 0 for isolated nodes and scaled by `factor`. */
  private onAllNodes(values: Record<string, number>, factor: number): Record<string, number> {
    const out: Record<string, number> = {};
    this.graph.forEachNode((key) => {
      out[key] = (values[key] ?? 0) * factor;
    });
    return out;
  }

  /**
   * Normalised betweenness (share of shortest paths between other pairs through the node), by hops:
   * graphology-metrics on the core, rescaled to the whole network's number of pairs.
   */
  betweenness(): Record<string, number> {
    if (this.cache.betweenness) return this.cache.betweenness;
    const core = this.core();
    const [n, c] = [this.graph.order, core.order];
    if (c <= 2 || !this.exact) {
      this.cache.betweenness = c <= 2 ? this.onAllNodes({}, 0) : this.sampledBetweenness();
      return this.cache.betweenness;
    }
    const values = betweennessCentrality(core, { getEdgeWeight: null, normalized: true });
    this.cache.betweenness = this.onAllNodes(values, ((c - 1) * (c - 2)) / ((n - 1) * (n - 2)));
    return this.cache.betweenness;
  }

  /** Closeness with the Wasserman–Faust correction, which keeps it comparable across components. */
  closeness(): Record<string, number> {
    if (this.cache.closeness) return this.cache.closeness;
    const core = this.core();
    const [n, c] = [this.graph.order, core.order];
    if (c < 2 || !this.exact) {
      this.cache.closeness = c < 2 ? this.onAllNodes({}, 0) : this.distancePass().closeness;
      return this.cache.closeness;
    }
    const values = closenessCentrality(core, { wassermanFaust: true });
    this.cache.closeness = this.onAllNodes(values, (c - 1) / (n - 1));
    return this.cache.closeness;
  }

  /** Weighted PageRank (damping 0.85); nodes without ties get the teleport share. */
  pageRank(): Record<string, number> {
    this.cache.pageRank ??= pagerank(this.graph, {
      getEdgeWeight: "weight",
      alpha: 0.85,
      maxIterations: 1000,
      tolerance: 1e-8,
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

  /** Exact metrics while nodes × (nodes + edges) stays under the budget; pivot estimates beyond. */
  get exact(): boolean {
    const n = this.core().order;
    return n * (n + this.graph.size) <= this.workBudget;
  }

  /** Components (union-find over the ties; graphology-components is not a dependency). */
  components(): string[][] {
    if (this.cache.components) return this.cache.components;
    const keys = this.graph.nodes();
    const index = new Map(keys.map((k, i) => [k, i]));
    const parent = keys.map((_k, i) => i);
    const root = (i: number): number => {
      while (parent[i] !== i) {
        parent[i] = parent[parent[i]!]!;
        i = parent[i]!;
      }
      return i;
    };
    this.graph.forEachEdge((_e, _a, source, target) => {
      const a = root(index.get(source)!);
      const b = root(index.get(target)!);
      if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
    });
    const groups = new Map<number, string[]>();
    keys.forEach((key, i) => {
      const r = root(i);
      const list = groups.get(r);
      if (list) list.push(key);
      else groups.set(r, [key]);
    });
    this.cache.components = [...groups.values()].sort((a, b) => b.length - a.length);
    return this.cache.components;
  }

  /** Components, diameter and average path length (estimated from pivots on large networks). */
  distances(): Distances {
    if (this.cache.distances) return this.cache.distances;
    const components = this.components();
    const pass = this.distancePass();
    this.cache.distances = {
      components: components.length,
      largestComponent: components[0]?.length ?? 0,
      diameter: pass.diameter,
      averagePathLength: pass.averagePathLength,
    };
    return this.cache.distances;
  }

  /** How many breadth-first searches the path metrics rest on (every connected node when exact). */
  sources(): number {
    return this.pivots().length;
  }

  /**
   * The sources of the path metrics: every connected node when exact; otherwise all nodes of small
   * components (≤ 50) and, in larger ones, a seeded sample in proportion to the component's size.
   * `scale` is component size / sources in it (1 when exact).
   */
  private pivots(): Pivot[] {
    if (this.cache.pivots) return this.cache.pivots;
    const n = this.core().order;
    const budget = Math.max(
      APPROXIMATE_MIN_PIVOTS,
      Math.floor(this.workBudget / Math.max(1, n + this.graph.size)),
    );
    const random = new Random(LOUVAIN_SEED);
    const pivots: Pivot[] = [];
    for (const members of this.components()) {
      const r = members.length;
      if (r < 2) continue;
      const count =
        this.exact || r <= SMALL_COMPONENT
          ? r
          : Math.min(r, Math.max(SMALL_COMPONENT, Math.ceil((budget * r) / n)));
      const chosen = count === r ? members : random.shuffle(members).slice(0, count);
      for (const key of chosen) pivots.push({ key, scale: r / count, componentSize: r });
    }
    this.cache.pivots = pivots;
    return pivots;
  }

  /**
   * Breadth-first searches from the pivots over a compact adjacency index: diameter, average path
   * length and (on large networks) estimated closeness. graphology's singleSourceLength answers the
   * same but builds an object per search, ~10× slower (docs/decisions: network analytics).
   */
  private distancePass(): DistancePass {
    if (this.cache.distancePass) return this.cache.distancePass;
    const { keys, indexOf, start, neighbours } = adjacency(this.core());
    const n = keys.length;
    const total = this.graph.order;
    const distance = new Int32Array(n).fill(-1);
    const queue = new Int32Array(n);
    const distanceSum = new Float64Array(n);
    const pivotsSeen = new Uint32Array(n);
    const componentSize = new Int32Array(n);
    let [diameter, weightedTotal, connectedPairs] = [0, 0, 0];
    for (const members of this.components()) {
      if (members.length >= 2) connectedPairs += members.length * (members.length - 1);
    }
    for (const pivot of this.pivots()) {
      const s = indexOf.get(pivot.key)!;
      let [head, tail, sum] = [0, 0, 0];
      queue[tail++] = s;
      distance[s] = 0;
      while (head < tail) {
        const v = queue[head++]!;
        const d = distance[v]!;
        componentSize[v] = pivot.componentSize;
        if (d > 0) {
          sum += d;
          distanceSum[v]! += d;
          pivotsSeen[v]! += 1;
          if (d > diameter) diameter = d;
        }
        for (let j = start[v]!; j < start[v + 1]!; j++) {
          const w = neighbours[j]!;
          if (distance[w] === -1) {
            distance[w] = d + 1;
            queue[tail++] = w;
          }
        }
      }
      for (let i = 0; i < tail; i++) distance[queue[i]!] = -1;
      weightedTotal += sum * pivot.scale;
    }
    const closeness: Record<string, number> = {};
    keys.forEach((key, i) => {
      const r = componentSize[i]!;
      const seen = pivotsSeen[i]!;
      // Estimated sum of distances from i to the r - 1 others of its component (exact with all pivots).
      const sum = seen === 0 ? 0 : (distanceSum[i]! * (r - 1)) / seen;
      closeness[key] = sum > 0 && total > 1 ? ((r - 1) / sum) * ((r - 1) / (total - 1)) : 0;
    });
    this.cache.distancePass = {
      diameter,
      averagePathLength: connectedPairs === 0 ? 0 : weightedTotal / connectedPairs,
      closeness: this.onAllNodes(closeness, 1),
    };
    return this.cache.distancePass;
  }

  /**
   * Betweenness estimated by source sampling (Brandes & Pich 2007): graphology's indexed Brandes
   * routine from each pivot, dependencies scaled by component size / pivots, normalised over the whole
   * network like graphology-metrics ((N - 1)(N - 2) ordered pairs).
   */
  private sampledBetweenness(): Record<string, number> {
    const core = this.core();
    const total = this.graph.order;
    const brandes = createUnweightedIndexedBrandes(core) as IndexedBrandes;
    const keys = brandes.index.nodes;
    const indexOf = new Map(keys.map((k, i) => [k, i]));
    const scores = accumulate(
      brandes,
      this.pivots().map((p) => ({ source: indexOf.get(p.key)!, scale: p.scale })),
      () => 1,
    );
    const normaliser = total <= 2 ? 1 : 1 / ((total - 1) * (total - 2));
    const out: Record<string, number> = {};
    keys.forEach((key, i) => {
      out[key] = scores[i]! * normaliser;
    });
    return this.onAllNodes(out, 1);
  }

  /**
   * Medical–social brokerage: for every organisation, the share of shortest paths from a medical
   * (condition-based) organisation to a sociaal-domein organisation that pass through it — betweenness
   * restricted to those source–target pairs (Brandes 2008, "group/subset betweenness"). The library
   * does the shortest paths (indexed Brandes); only the accumulation is restricted to social targets.
   */
  bridges(): BridgeScore[] {
    return this.bridgeAnalysis().scores;
  }

  /** Whether bridges() used every medical organisation as a source (else a seeded sample). */
  bridgesExact(): boolean {
    return this.bridgeAnalysis().exact;
  }

  private bridgeAnalysis(): { scores: BridgeScore[]; exact: boolean } {
    if (this.cache.bridges) return this.cache.bridges;
    const graph = this.core();
    if (graph.order === 0) return (this.cache.bridges = { scores: [], exact: true });
    const brandes = createUnweightedIndexedBrandes(graph) as IndexedBrandes;
    const keys = brandes.index.nodes;
    const isSocial = new Uint8Array(keys.length);
    const medical: number[] = [];
    keys.forEach((key, i) => {
      const sector = graph.getNodeAttribute(key, "sector");
      if (sector === "SOCIAL") isSocial[i] = 1;
      else if (sector === "MEDICAL") medical.push(i);
    });
    const budget = Math.max(
      APPROXIMATE_MIN_PIVOTS,
      Math.floor(this.workBudget / Math.max(1, graph.order + graph.size)),
    );
    const exact = this.exact || medical.length <= budget;
    const sources = exact ? medical : new Random(LOUVAIN_SEED).shuffle(medical).slice(0, budget);
    const scale = medical.length / Math.max(1, sources.length);
    const scores = accumulate(
      brandes,
      sources.map((source) => ({ source, scale })),
      (w) => isSocial[w]!,
    );
    // Over all pairs of the network, as betweenness is normalised (isolated ones included).
    let [medicalTotal, socialTotal] = [0, 0];
    this.graph.forEachNode((_key, a) => {
      if (a.sector === "MEDICAL") medicalTotal++;
      if (a.sector === "SOCIAL") socialTotal++;
    });
    const possible = medicalTotal * socialTotal;
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
    this.cache.bridges = { scores: result, exact };
    return this.cache.bridges;
  }
}

/**
 * Brandes' dependency accumulation from the given sources, each scaled, counting as targets the nodes
 * for which `target` is 1 (all nodes: betweenness; social ones: bridges). graphology's indexed
 * Brandes routine finds the shortest paths; graphology-metrics offers no source or target subsets.
 */
function accumulate(
  brandes: IndexedBrandes,
  sources: { source: number; scale: number }[],
  target: (node: number) => number,
): Float64Array {
  const n = brandes.index.nodes.length;
  const scores = new Float64Array(n);
  const delta = new Float64Array(n);
  for (const { source, scale } of sources) {
    const [stack, predecessors, sigma] = brandes(source);
    const order = visitOrder(stack);
    for (const v of order) delta[v] = 0;
    for (let i = order.length - 1; i > 0; i--) {
      const w = order[i]!;
      const coefficient = (target(w) + delta[w]!) / sigma[w]!;
      for (const v of predecessors[w]!) delta[v]! += sigma[v]! * coefficient;
      scores[w]! += delta[w]! * scale;
    }
  }
  return scores;
}

/** A compact adjacency index (CSR) of an undirected graph, for fast breadth-first searches. */
function adjacency(graph: NetworkGraph): {
  keys: string[];
  indexOf: Map<string, number>;
  start: Int32Array;
  neighbours: Int32Array;
} {
  const keys = graph.nodes();
  const indexOf = new Map(keys.map((k, i) => [k, i]));
  const start = new Int32Array(keys.length + 1);
  const neighbours = new Int32Array(graph.size * 2);
  let next = 0;
  keys.forEach((key, i) => {
    start[i] = next;
    graph.forEachNeighbor(key, (neighbour) => {
      neighbours[next++] = indexOf.get(neighbour)!;
    });
  });
  start[keys.length] = next;
  return { keys, indexOf, start, neighbours };
}

/** The nodes a Brandes run visited, source first (FixedStack lists top first), emptying its stack. */
function visitOrder(stack: { toArray(): ArrayLike<number> | Iterable<number>; clear(): void }): number[] {
  const order = Array.from(stack.toArray() as ArrayLike<number>).reverse();
  stack.clear();
  return order;
}

/** Locale-independent ordering for deterministic output. */
export const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
