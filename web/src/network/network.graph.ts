import Graph from "graphology";
import { bfsFromNode } from "graphology-traversal";
import type { VerkennerNetworkQuery } from "../gql/graphql";

type RawNetwork = VerkennerNetworkQuery["network"];
type RawNode = RawNetwork["nodes"][number];
/** A network node with its organisation's global id as `id` (the id edges name as source and target). */
export type NetworkNodeData = Omit<RawNode, "organisation"> & { id: string };
export type NetworkData = Omit<RawNetwork, "nodes"> & { nodes: NetworkNodeData[] };

/** The API's network with each node's id lifted from its organisation (NetworkNode has no id of its own). */
export function normaliseNetwork(raw: RawNetwork): NetworkData {
  return { ...raw, nodes: raw.nodes.map(({ organisation, ...node }) => ({ ...node, id: organisation.id })) };
}

export const CENTRALITIES = [
  { value: "pageRank", label: "PageRank" },
  { value: "betweenness", label: "Tussenliggendheid (betweenness)" },
  { value: "degree", label: "Aantal banden (graad)" },
  { value: "weightedDegree", label: "Gewogen graad" },
  { value: "closeness", label: "Nabijheid (closeness)" },
] as const;
export type Centrality = (typeof CENTRALITIES)[number]["value"];

/** Colour-blind-safe palette (Okabe–Ito and Tol); communities past it share grey. */
export const PALETTE = [
  "#0072B2",
  "#D55E00",
  "#009E73",
  "#CC79A7",
  "#E69F00",
  "#56B4E9",
  "#882255",
  "#117733",
  "#332288",
  "#AA4499",
  "#999933",
];
export const OTHER_COLOUR = "#8c8c8c";
export const communityColour = (community: number): string => PALETTE[community] ?? OTHER_COLOUR;

export interface NodeAttributes {
  label: string;
  key: string;
  x: number;
  y: number;
  size: number;
  color: string;
  forceLabel: boolean;
  community: number;
}
export interface EdgeAttributes {
  weight: number;
  size: number;
  color: string;
}

/**
 * The answer as a graphology graph: nodes by global id, sized by the chosen centrality, coloured by
 * community, bridges labelled. Start positions: communities on a circle, so ForceAtlas2 starts untangled.
 */
export function buildGraph(
  data: NetworkData,
  centrality: Centrality,
  bridges: Set<string>,
): Graph<NodeAttributes, EdgeAttributes> {
  const graph = new Graph<NodeAttributes, EdgeAttributes>({ type: "undirected", multi: false });
  // Loops, not Math.max(...list): a spread of tens of thousands of ties overflows the call stack.
  const max = data.nodes.reduce((m, n) => Math.max(m, n[centrality]), Number.EPSILON);
  const communities = Math.max(1, data.communities.length);
  const maxWeight = data.edges.reduce((m, e) => Math.max(m, e.weight), Number.EPSILON);
  data.nodes.forEach((node, i) => {
    const angle = (2 * Math.PI * (node.community % communities)) / communities;
    const spread = 10 + (i % 17);
    graph.addNode(node.id, {
      label: node.name,
      key: node.key,
      x: 100 * Math.cos(angle) + spread * Math.cos(i * 2.399963),
      y: 100 * Math.sin(angle) + spread * Math.sin(i * 2.399963),
      size: 3 + 12 * Math.sqrt(node[centrality] / max),
      color: communityColour(node.community),
      forceLabel: bridges.has(node.id),
      community: node.community,
    });
  });
  for (const edge of data.edges) {
    if (!graph.hasNode(edge.source) || !graph.hasNode(edge.target) || graph.hasEdge(edge.source, edge.target))
      continue;
    graph.addEdge(edge.source, edge.target, {
      weight: edge.weight,
      size: 0.5 + 2 * (edge.weight / maxWeight),
      color: "#c8c8c8",
    });
  }
  return graph;
}

/** The organisations within `depth` ties of one organisation (itself included). */
export function neighbourhood(graph: Graph, node: string, depth: number): Set<string> {
  const found = new Set<string>();
  if (!graph.hasNode(node)) return found;
  bfsFromNode(graph, node, (key, _attributes, distance) => {
    if (distance > depth) return true;
    found.add(key);
    return distance >= depth;
  });
  return found;
}
