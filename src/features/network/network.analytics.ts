import { UndirectedGraph } from "graphology";
import louvain from "graphology-communities-louvain";
import betweennessCentrality from "graphology-metrics/centrality/betweenness";
import closenessCentrality from "graphology-metrics/centrality/closeness";
import pagerank from "graphology-metrics/centrality/pagerank";
import { density } from "graphology-metrics/graph/density";
import modularityOf from "graphology-metrics/graph/modularity";
import { createUnweightedIndexedBrandes } from "graphology-shortest-path/indexed-brandes";
import { Random } from "../../lib/random";
import { type NetworkGraph, type NodeData, type EdgeData, compare } from "./network.graph";
import { type IndexedBrandes, accumulate, adjacency } from "./network.brandes";

/**
 * Network analytics on an organisation-to-organisation graph, with the graphology family doing the
 * algorithms. Every metric is computed once, on first use, so that a query pays only for what it
 * selects. Path-based metrics (betweenness, closeness, diameter) count hops: a tie's weight says how
 * strong it is, not how long, so it is used by weighted degree, PageRank and Louvain only.
 */

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

/**
 * Exact path metrics cost about nodes × (nodes + edges) steps, three times (betweenness, closeness,
 * distances), at 10–25 ns a step on the bench machine: 5e7 keeps them around 2 s. Larger networks
 * get pivot estimates (bench/RESULTS.md, "Network analytics").
 */
export const EXACT_WORK_BUDGET = 5e7;
const APPROXIMATE_MIN_PIVOTS = 64;
const SMALL_COMPONENT = 50;

/** Seed of Louvain's random moves: the same network gives the same communities on every run. */
export const LOUVAIN_SEED = 7;

export class NetworkAnalysis {
  private cache: {
    betweenness?: Record<string, number>;
    closeness?: Record<string, number>;
    pageRank?: Record<string, number>;
    communities?: Communities;
    distances?: Distances;
    components?: string[][];
    core?: NetworkGraph;
    componentGraphs?: NetworkGraph[];
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
    if (this.cache.pageRank) return this.cache.pageRank;
    if (this.graph.order === 0) return (this.cache.pageRank = {});
    // Tight first; graphology throws when rounding keeps the change above the tolerance.
    for (const tolerance of [1e-8, 1e-6]) {
      try {
        this.cache.pageRank = pagerank(this.graph, {
          getEdgeWeight: "weight",
          alpha: 0.85,
          maxIterations: 1000,
          tolerance,
        });
        return this.cache.pageRank;
      } catch (error) {
        if (!(error instanceof Error && /converge/.test(error.message)) || tolerance === 1e-6) throw error;
      }
    }
    return {};
  }

  /**
   * Louvain (weighted, seeded) in each connected component on its own, so that unrelated islands of
   * the network do not change the communities of another (modularity's resolution limit depends on
   * the total weight: a large unrelated component otherwise merges small communities elsewhere).
   * Isolated organisations are communities of one. Ids are renumbered by size, largest first;
   * modularity is that of the whole partition (graphology-metrics).
   */
  communities(): Communities {
    if (this.cache.communities) return this.cache.communities;
    const groups: string[][] = [];
    for (const component of this.componentGraphs()) {
      const random = new Random(LOUVAIN_SEED);
      const found = louvain(component, { getEdgeWeight: "weight", rng: () => random.next() });
      const local = new Map<number, string[]>();
      component.forEachNode((key) => {
        const c = found[key] ?? -1;
        const members = local.get(c);
        if (members) members.push(key);
        else local.set(c, [key]);
      });
      groups.push(...local.values());
    }
    this.graph.forEachNode((key) => {
      if (this.graph.degree(key) === 0) groups.push([key]);
    });
    const strength = new Map(this.graph.nodes().map((k) => [k, this.weightedDegree(k)]));
    const ordered = groups
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
      this.graph.size === 0
        ? null
        : modularityOf(this.graph, {
            getNodeCommunity: (key: string) => byNode.get(key) ?? -1,
            getEdgeWeight: "weight",
          });
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
   * same but builds an object per search, ~10× slower (docs/decisions/0006).
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
    const total = this.graph.order;
    const normaliser = total <= 2 ? 1 : 1 / ((total - 1) * (total - 2));
    const pivots = new Map(this.pivots().map((p) => [p.key, p]));
    const out: Record<string, number> = {};
    for (const component of this.componentGraphs()) {
      if (component.order < 3) continue; // no node lies between two others
      const brandes = createUnweightedIndexedBrandes(component) as IndexedBrandes;
      const keys = brandes.index.nodes;
      const sources = keys.flatMap((key, i) => {
        const pivot = pivots.get(key);
        return pivot ? [{ source: i, scale: pivot.scale }] : [];
      });
      const scores = accumulate(brandes, sources, () => 1);
      keys.forEach((key, i) => {
        out[key] = scores[i]! * normaliser;
      });
    }
    return this.onAllNodes(out, 1);
  }

  /**
   * Every component of two or more nodes as a graph of its own: a Brandes run then costs its
   * component, not the whole network (which matters with hundreds of small components).
   */
  private componentGraphs(): NetworkGraph[] {
    if (this.cache.componentGraphs) return this.cache.componentGraphs;
    const components = this.components().filter((members) => members.length >= 2);
    const componentOf = new Map<string, number>();
    const graphs = components.map((members, c) => {
      const graph: NetworkGraph = new UndirectedGraph<NodeData, EdgeData>();
      for (const key of members) {
        componentOf.set(key, c);
        graph.addNode(key, this.graph.getNodeAttributes(key));
      }
      return graph;
    });
    this.graph.forEachEdge((edge, attributes, source, target) => {
      graphs[componentOf.get(source)!]!.addEdgeWithKey(edge, source, target, attributes);
    });
    this.cache.componentGraphs = graphs;
    return graphs;
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
    const medicalKeys = graph.filterNodes((_key, a) => a.sector === "MEDICAL");
    const budget = Math.max(
      APPROXIMATE_MIN_PIVOTS,
      Math.floor(this.workBudget / Math.max(1, graph.order + graph.size)),
    );
    const exact = this.exact || medicalKeys.length <= budget;
    const chosen = new Set(
      exact ? medicalKeys : new Random(LOUVAIN_SEED).shuffle(medicalKeys).slice(0, budget),
    );
    const scale = medicalKeys.length / Math.max(1, chosen.size);
    const raw = new Map<string, number>();
    for (const component of this.componentGraphs()) {
      if (component.order < 3) continue;
      const brandes = createUnweightedIndexedBrandes(component) as IndexedBrandes;
      const keys = brandes.index.nodes;
      const isSocial = Uint8Array.from(keys, (key) =>
        component.getNodeAttribute(key, "sector") === "SOCIAL" ? 1 : 0,
      );
      const sources = keys.flatMap((key, i) => (chosen.has(key) ? [{ source: i, scale }] : []));
      if (sources.length === 0) continue;
      const scores = accumulate(brandes, sources, (w) => isSocial[w]!);
      keys.forEach((key, i) => {
        if (scores[i]! > 0) raw.set(key, scores[i]!);
      });
    }
    // Over all pairs of the network, as betweenness is normalised (isolated ones included).
    let [medicalTotal, socialTotal] = [0, 0];
    this.graph.forEachNode((_key, a) => {
      if (a.sector === "MEDICAL") medicalTotal++;
      if (a.sector === "SOCIAL") socialTotal++;
    });
    const possible = medicalTotal * socialTotal;
    const result: BridgeScore[] = [];
    for (const [key, pairs] of raw) {
      let [medicalNeighbours, socialNeighbours] = [0, 0];
      this.graph.forEachNeighbor(key, (_neighbour, attributes) => {
        if (attributes.sector === "MEDICAL") medicalNeighbours++;
        if (attributes.sector === "SOCIAL") socialNeighbours++;
      });
      result.push({
        key,
        value: possible === 0 ? 0 : pairs / possible,
        pairs,
        medicalNeighbours,
        socialNeighbours,
      });
    }
    result.sort((a, b) => b.value - a.value || compare(a.key, b.key));
    this.cache.bridges = { scores: result, exact };
    return this.cache.bridges;
  }
}
