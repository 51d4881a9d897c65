import type { createUnweightedIndexedBrandes } from "graphology-shortest-path/indexed-brandes";
import type { NetworkGraph } from "./network.graph";

/** Low-level shortest-path helpers of the analytics, on graphology's indexed Brandes routine. */

export type IndexedBrandes = ReturnType<typeof createUnweightedIndexedBrandes> & {
  index: { nodes: string[] };
};

/**
 * Brandes' dependency accumulation from the given sources, each scaled, counting as targets the nodes
 * for which `target` is 1 (all nodes: betweenness; social ones: bridges). graphology's indexed
 * Brandes routine finds the shortest paths; graphology-metrics offers no source or target subsets.
 */
export function accumulate(
  brandes: IndexedBrandes,
  sources: { source: number; scale: number }[],
  target: (node: number) => number,
): Float64Array {
  const n = brandes.index.nodes.length;
  const scores = new Float64Array(n);
  const delta = new Float64Array(n);
  for (const { source, scale } of sources) {
    const [stack, predecessors, sigma] = brandes(source);
    const order = farthestFirst(stack);
    for (let i = 0; i < order.length; i++) delta[order[i]!] = 0;
    for (let i = 0; i < order.length - 1; i++) {
      const w = order[i]!;
      const coefficient = (target(w) + delta[w]!) / sigma[w]!;
      for (const v of predecessors[w]!) delta[v]! += sigma[v]! * coefficient;
      scores[w]! += delta[w]! * scale;
    }
  }
  return scores;
}

/** A compact adjacency index (CSR) of an undirected graph, for fast breadth-first searches. */
export function adjacency(graph: NetworkGraph): {
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

/**
 * The nodes a Brandes run visited, farthest first and the source last (the order dependencies
 * accumulate in: mnemonist's FixedStack lists its top first), emptying the stack for the next run.
 */
function farthestFirst(stack: {
  toArray(): ArrayLike<number> | Iterable<number>;
  clear(): void;
}): ArrayLike<number> {
  const order = stack.toArray() as ArrayLike<number>;
  stack.clear();
  return order;
}
