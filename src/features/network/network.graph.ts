import { UndirectedGraph } from "graphology";

/** The network as graphology holds it: organisations as nodes, weighted undirected ties. */

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

/** Locale-independent ordering for deterministic output. */
export const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
