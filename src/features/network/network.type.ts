import { Field, Float, ID, Int, ObjectType } from "type-graphql";
import { Scope, enumValue } from "../../graph/common/enums";
import { type NodeType, toGlobalId } from "../../graph/common/global-id";
import { Node } from "../../graph/common/node.type";
import { NETWORK_LIMITS, NetworkExportFormat, NetworkProjection } from "./network.args";
import type { NetworkAnalysis } from "./network.analytics";
import type { NetworkModel } from "./network.service";
import { type EnumOf, graphEnum } from "../../graph/common/graph-enum";

export const NetworkSector = graphEnum(
  "NetworkSector",
  {
    MEDICAL:
      "Condition-based: a patiëntenvereniging, or representing a condition of a medical group (any group but doelgroep).",
    SOCIAL:
      "Sociaal domein: adviesraad, gemeente, welzijnsorganisatie, zorgcoöperatie, cliëntondersteuning, bewonersorganisatie.",
    OTHER: "Neither (koepels without a condition, funds, knowledge institutes, …).",
  },
  "Which world an organisation belongs to, for bridges between them.",
);
export type NetworkSector = EnumOf<typeof NetworkSector>;

export const BridgeMeasure = graphEnum("BridgeMeasure", {
  MEDICAL_SOCIAL_BETWEENNESS:
    "Betweenness restricted to medical–social pairs: the share of shortest paths from a MEDICAL to a SOCIAL organisation that pass through the organisation (0..1; ties of equal length share the credit).",
});
export type BridgeMeasure = EnumOf<typeof BridgeMeasure>;

export const PathDirection = graphEnum(
  "PathDirection",
  { FORWARD: null, BACKWARD: null },
  "FORWARD: the relationship points from the path's previous node to its next one.",
);
export type PathDirection = EnumOf<typeof PathDirection>;

const SHARED_TYPE: Record<NetworkModel["sharedLabel"], NodeType> = {
  Initiative: "Initiative",
  Topic: "Topic",
  Municipality: "Municipality",
  Event: "Event",
};

@ObjectType({ description: "A thing two organisations share: the reason for their tie." })
export class SharedThing {
  @Field(() => String, { description: "Initiative, Topic, Municipality or Event." })
  type!: NodeType;

  @Field(() => ID, {
    description: "The thing's global id, for node(id). Not named `id`: this object is not itself a Node.",
  })
  nodeId!: string;

  @Field()
  key!: string;

  @Field()
  name!: string;

  static from(label: NetworkModel["sharedLabel"], key: string, name: string): SharedThing {
    const type = SHARED_TYPE[label];
    return Object.assign(new SharedThing(), { type, nodeId: toGlobalId(type, key), key, name });
  }
}

@ObjectType({
  description:
    "An organisation in one network answer with its metrics (computed only when selected). It has no `id`: its metrics belong to this answer, so normalised caches keep it inside the answer; the organisation itself is `organisation`.",
})
export class NetworkNode {
  @Field({ description: "The organisation's key (slug); the node id in exported files." })
  key!: string;

  @Field()
  name!: string;

  @Field()
  kind!: string;

  @Field(() => Scope)
  scope!: Scope;

  @Field(() => NetworkSector)
  sector!: NetworkSector;

  analysis!: NetworkAnalysis;

  @Field(() => Int, { description: "Number of ties." })
  degree(): number {
    return this.analysis.degree(this.key);
  }

  @Field(() => Float, { description: "Sum of the weights of its ties." })
  weightedDegree(): number {
    return this.analysis.weightedDegree(this.key);
  }

  @Field(() => Float, {
    description:
      "Normalised betweenness (0..1) by hops: share of shortest paths between other organisations through it. Estimated from sampled sources on large networks (summary.exact).",
  })
  betweenness(): number {
    return this.analysis.betweenness()[this.key] ?? 0;
  }

  @Field(() => Float, {
    description: "Closeness (Wasserman–Faust, comparable across components), by hops; 0 when isolated.",
  })
  closeness(): number {
    return this.analysis.closeness()[this.key] ?? 0;
  }

  @Field(() => Float, { description: "Weighted PageRank (damping 0.85); all nodes sum to 1." })
  pageRank(): number {
    return this.analysis.pageRank()[this.key] ?? 0;
  }

  @Field(() => Int, { description: "Louvain community id (0 is the largest community)." })
  community(): number {
    return this.analysis.communities().byNode.get(this.key) ?? -1;
  }
}

@ObjectType({ description: "A weighted, undirected tie between two organisations." })
export class NetworkEdge {
  @Field(() => ID, { description: "Global id of one organisation (the smaller key)." })
  source!: string;

  @Field(() => ID)
  target!: string;

  @Field(() => Float)
  weight!: number;

  @Field(() => Int, { description: "Number of things they share." })
  sharedCount!: number;

  @Field(() => [SharedThing], {
    description: `Why they are tied: the shared things (at most ${NETWORK_LIMITS.sharedPerEdge}).`,
  })
  shared!: SharedThing[];
}

@ObjectType({ description: "A Louvain community." })
export class NetworkCommunity {
  @Field(() => Int, { description: "Number of the community within this answer (0 is the largest)." })
  index!: number;

  @Field(() => Int)
  size!: number;

  @Field(() => [NetworkNode], {
    description: `Members, highest weighted degree first (at most ${NETWORK_LIMITS.defaultCommunityMembers}).`,
  })
  members!: NetworkNode[];
}

@ObjectType()
export class SkippedGroup {
  @Field()
  key!: string;

  @Field()
  name!: string;

  @Field(() => Int, { description: "Organisations of the network that share it." })
  size!: number;
}

@ObjectType({ description: "Whole-network figures." })
export class NetworkSummary {
  model!: NetworkModel;

  @Field(() => Int)
  nodes!: number;

  @Field(() => Int)
  edges!: number;

  @Field(() => Float, { description: "Ties / possible ties." })
  density!: number;

  @Field(() => Boolean, {
    description:
      "True when the organisations were more than maxNodes: the ones with the highest weighted degree were kept.",
  })
  truncated!: boolean;

  @Field(() => Int, { description: "Organisations before truncation." })
  totalNodes!: number;

  @Field(() => Int, {
    description: "Shared things left out because more than maxGroupSize organisations share them.",
  })
  skippedGroupCount!: number;

  @Field(() => [SkippedGroup], { description: "The largest of them (at most 20)." })
  skippedGroups!: SkippedGroup[];

  @Field(() => Int, { description: "Connected components (isolated organisations count as one each)." })
  components(): number {
    return this.model.analysis.distances().components;
  }

  @Field(() => Int)
  largestComponent(): number {
    return this.model.analysis.distances().largestComponent;
  }

  @Field(() => Int, { description: "Longest shortest path within a component, in ties (hops)." })
  diameter(): number {
    return this.model.analysis.distances().diameter;
  }

  @Field(() => Float, { description: "Mean shortest path length over all connected pairs, in hops." })
  averagePathLength(): number {
    return this.model.analysis.distances().averagePathLength;
  }

  @Field({
    description:
      "True when betweenness, closeness, diameter and average path length are exact; false on large networks, where they are estimated from a seeded sample of sources (diameter is then a lower bound).",
  })
  exact(): boolean {
    return this.model.analysis.exact;
  }

  @Field(() => Int, { description: "Breadth-first searches the path metrics rest on." })
  sources(): number {
    return this.model.analysis.sources();
  }
}

@ObjectType({ description: "An organisation-to-organisation network with metrics and communities." })
export class Network {
  model!: NetworkModel;

  @Field({
    description:
      "Identity of this answer, derived from the field and its arguments: equal for the same question, different for another projection or filter. A cache key if a client wants to normalise answers.",
  })
  identity!: string;

  @Field(() => NetworkProjection)
  projection!: NetworkProjection;

  @Field(() => [NetworkNode], { description: "Organisations, by key." })
  nodes!: NetworkNode[];

  @Field(() => [NetworkEdge])
  edges!: NetworkEdge[];

  @Field(() => NetworkSummary)
  summary!: NetworkSummary;

  @Field(() => [NetworkCommunity], {
    description:
      "Louvain communities (per connected component; isolated organisations alone), largest first.",
  })
  communities(): NetworkCommunity[] {
    const byKey = new Map(this.nodes.map((n) => [n.key, n]));
    return this.model.analysis.communities().list.map((c) =>
      Object.assign(new NetworkCommunity(), {
        index: c.id,
        size: c.size,
        members: c.members
          .slice(0, NETWORK_LIMITS.defaultCommunityMembers)
          .flatMap((key) => byKey.get(key) ?? []),
      }),
    );
  }

  @Field(() => Float, {
    nullable: true,
    description:
      "Modularity (weighted) of the communities, found by Louvain in each connected component; null for a network without ties.",
  })
  modularity(): number | null {
    return this.model.analysis.communities().modularity;
  }

  static from(model: NetworkModel, identity: string): Network {
    const { analysis } = model;
    const graph = analysis.graph;
    const nodes = graph.mapNodes((key, a) =>
      Object.assign(new NetworkNode(), {
        key,
        name: a.name,
        kind: a.kind,
        scope: enumValue(Scope, a.scope) ?? Scope.LOCAL,
        sector: enumValue(NetworkSector, a.sector) ?? NetworkSector.OTHER,
        analysis,
      }),
    );
    const edges = graph.mapEdges((_edge, a, source, target) =>
      Object.assign(new NetworkEdge(), {
        source: toGlobalId("Organisation", source),
        target: toGlobalId("Organisation", target),
        weight: round(a.weight),
        sharedCount: a.sharedCount,
        shared: a.shared.map((s) => SharedThing.from(model.sharedLabel, s.key, s.name)),
      }),
    );
    const summary = Object.assign(new NetworkSummary(), {
      model,
      nodes: graph.order,
      edges: graph.size,
      density: analysis.density(),
      truncated: model.truncated,
      totalNodes: model.totalNodes,
      skippedGroupCount: model.skippedGroups.length,
      skippedGroups: model.skippedGroups.slice(0, 20).map((g) => Object.assign(new SkippedGroup(), g)),
    });
    return Object.assign(new Network(), {
      model,
      identity,
      projection: model.projection,
      nodes,
      edges,
      summary,
    });
  }
}

@ObjectType({ description: "A node on a path (the node itself is `node`)." })
export class PathNode {
  @Field({ description: "Its label: Organisation, Topic, Initiative, Municipality, …" })
  type!: string;

  @Field(() => ID, { description: "The node's global id (also `node.id`)." })
  nodeId!: string;

  @Field({ description: "Key (slug or CBS code)." })
  key!: string;

  @Field({ description: "Name (or title for experiences)." })
  name!: string;

  @Field(() => Node, { description: "The node itself, for its other fields." })
  node!: Node;
}

@ObjectType({ description: "A relationship on a path, between path.nodes[i] and path.nodes[i + 1]." })
export class PathRelationship {
  @Field({ description: "Relationship type, e.g. PARTICIPATES_IN." })
  type!: string;

  @Field(() => PathDirection)
  direction!: PathDirection;

  @Field(() => ID, { description: "Global id of the node it starts from." })
  from!: string;

  @Field(() => ID, { description: "Global id of the node it points to." })
  to!: string;
}

@ObjectType({ description: "How two organisations are connected: a shortest path through any nodes." })
export class Path {
  @Field(() => Int, { description: "Number of relationships." })
  length!: number;

  @Field(() => [PathNode])
  nodes!: PathNode[];

  @Field(() => [PathRelationship])
  relationships!: PathRelationship[];
}

@ObjectType({ description: "An organisation that connects medical and social organisations." })
export class Bridge {
  @Field(() => NetworkNode)
  node!: NetworkNode;

  @Field(() => BridgeMeasure)
  measure!: BridgeMeasure;

  @Field(() => Float, { description: "The measure's value (0..1)." })
  value!: number;

  @Field(() => Float, {
    description: "The same as a number of medical–social pairs (shared ties of equal length split one pair).",
  })
  pairs!: number;

  @Field(() => Int)
  medicalNeighbours!: number;

  @Field(() => Int)
  socialNeighbours!: number;
}

@ObjectType({ description: "The organisations that bridge the medical world and the sociaal domein most." })
export class Bridges {
  @Field({ description: "Identity of this answer, derived from its arguments (see Network.identity)." })
  identity!: string;

  @Field(() => BridgeMeasure)
  measure!: BridgeMeasure;

  @Field({ description: "What the measure means." })
  description!: string;

  @Field(() => NetworkProjection)
  projection!: NetworkProjection;

  @Field(() => Int, { description: "MEDICAL organisations in the network." })
  medicalOrganisations!: number;

  @Field(() => Int, { description: "SOCIAL organisations in the network." })
  socialOrganisations!: number;

  @Field(() => Boolean, { description: "True when the network was larger than maxNodes." })
  truncated!: boolean;

  @Field(() => Boolean, {
    description:
      "True when every medical organisation was a source; false on large networks, where a seeded sample of them was.",
  })
  exact!: boolean;

  @Field(() => [Bridge], { description: "Strongest first; only organisations with a value above 0." })
  items!: Bridge[];
}

@ObjectType({ description: "A network file; large ones: GET /export/network.<gexf|graphml|csv|json>." })
export class NetworkExport {
  @Field(() => NetworkExportFormat)
  format!: NetworkExportFormat;

  @Field()
  contentType!: string;

  @Field()
  filename!: string;

  @Field(() => Int)
  bytes!: number;

  @Field(() => Int)
  nodes!: number;

  @Field(() => Int)
  edges!: number;

  @Field()
  content!: string;
}

export function round(value: number, digits = 6): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
