import { MaxLength, ValidateNested } from "class-validator";
import { ArgsType, Field, ID, InputType, Int } from "type-graphql";
import { Scope } from "../../graph/common/enums";
import { PlaceInput } from "../../graph/place/place.input";
import { type EnumOf, graphEnum } from "../../graph/common/graph-enum";
import { KindsField, ScopesField } from "../../graph/common/filter.fields";

/** Bounds of the analytics: metrics are O(nodes × edges), so the network size is capped. */
export const NETWORK_LIMITS = {
  defaultMaxNodes: 2_000,
  maxNodes: 20_000,
  /** The GraphQL export returns one string: larger files go through GET /export/network.<format>. */
  maxExportNodesGraphQL: 5_000,
  maxExportBytesGraphQL: 20 * 1024 * 1024,
  defaultMaxGroupSize: 200,
  maxGroupSize: 1_000,
  /** Organisation pairs the projection may produce before it refuses (protects Neo4j and memory). */
  maxPairs: 1_000_000,
  maxEgoDepth: 3,
  maxPathLength: 8,
  /** Shared things listed per edge ("why"); the edge still counts all of them. */
  sharedPerEdge: 5,
  defaultBridges: 20,
  maxBridges: 100,
  defaultCommunityMembers: 10,
  maxCommunityMembers: 100,
} as const;

export const NetworkProjection = graphEnum(
  "NetworkProjection",
  {
    SHARED_INITIATIVES: "Both take part in the same initiative; weight: the number of shared initiatives.",
    SHARED_TOPICS:
      "Both work on the same topic; weight: the sum over shared topics of 1/log2(1 + organisations on the topic), so rare topics tie more than common ones.",
    SHARED_PLACES:
      "Both are active in or based in the same municipality; weight: the number of shared municipalities.",
    SHARED_EVENTS: "Both took part in the same event; weight: the number of shared events.",
  },
  "How organisations are tied in an organisation-to-organisation network.",
);
export type NetworkProjection = EnumOf<typeof NetworkProjection>;

export const NetworkExportFormat = graphEnum(
  "NetworkExportFormat",
  { GEXF: null, GRAPHML: null, JSON: null, CSV_NODES: null, CSV_EDGES: null },
  "File formats: GEXF 1.3 and GraphML (Gephi), graphology JSON, CSV node and edge tables (Gephi, Kumu, spreadsheets).",
);
export type NetworkExportFormat = EnumOf<typeof NetworkExportFormat>;

@InputType({ description: "Which organisations form the network (all conditions must hold)." })
export class NetworkFilter {
  @Field(() => ID, { nullable: true, description: "Topic id or key: organisations working on it." })
  @MaxLength(128)
  topic?: string | null;

  @Field({ defaultValue: true, description: "With topic: also organisations working on its subtopics." })
  includeSubtopics!: boolean;

  @Field(() => PlaceInput, {
    nullable: true,
    description:
      "Organisations active in or based in the place (a regional organisation active in the municipality's province counts).",
  })
  @ValidateNested()
  place?: PlaceInput | null;

  @Field(() => ID, { nullable: true, description: "Condition id or key: organisations representing it." })
  @MaxLength(128)
  condition?: string | null;

  @KindsField("Organisation kinds, e.g. patiëntenvereniging.")
  kinds?: string[] | null;

  @ScopesField()
  scopes?: Scope[] | null;

  @Field({ defaultValue: false, description: "Also inactive organisations." })
  includeInactive!: boolean;

  @Field({
    defaultValue: false,
    description: "Also organisations without any tie in the projection (isolated nodes).",
  })
  includeIsolated!: boolean;

  @Field(() => Int, {
    nullable: true,
    description: `A shared thing (topic, place, initiative, event) with more organisations than this ties nobody: it would add a clique of n² ties that says little. Default ${NETWORK_LIMITS.defaultMaxGroupSize}, at most ${NETWORK_LIMITS.maxGroupSize}.`,
  })
  maxGroupSize?: number | null;
}

@ArgsType()
export class NetworkArgs {
  @Field(() => NetworkFilter, { nullable: true })
  filter?: NetworkFilter | null;

  @Field(() => NetworkProjection)
  projection!: NetworkProjection;

  @Field(() => Int, {
    defaultValue: NETWORK_LIMITS.defaultMaxNodes,
    description: `At most this many organisations (up to ${NETWORK_LIMITS.maxNodes}); a larger network keeps the ones with the highest weighted degree and reports truncated.`,
  })
  maxNodes!: number;
}

/** The projection and size of the analytics that start from one organisation or rank bridges. */
@ArgsType()
abstract class ProjectedArgs {
  @Field(() => NetworkProjection, { defaultValue: NetworkProjection.SHARED_INITIATIVES })
  projection!: NetworkProjection;

  @Field(() => Int, { defaultValue: NETWORK_LIMITS.defaultMaxNodes })
  maxNodes!: number;
}

@ArgsType()
export class EgoNetworkArgs extends ProjectedArgs {
  @Field(() => ID, { description: "Organisation id or key at the centre." })
  organisation!: string;

  @Field(() => Int, {
    defaultValue: 1,
    description: `Steps from the organisation in the projection, 1..${NETWORK_LIMITS.maxEgoDepth}.`,
  })
  depth!: number;
}

@ArgsType()
export class ShortestPathArgs {
  @Field(() => ID, { description: "Organisation id or key." })
  from!: string;

  @Field(() => ID, { description: "Organisation id or key." })
  to!: string;

  @Field(() => Int, {
    defaultValue: NETWORK_LIMITS.maxPathLength,
    description: `Longest path looked for, 1..${NETWORK_LIMITS.maxPathLength} relationships.`,
  })
  maxLength!: number;
}

@ArgsType()
export class BridgesArgs extends ProjectedArgs {
  @Field(() => NetworkFilter, { nullable: true })
  filter?: NetworkFilter | null;

  @Field(() => Int, { defaultValue: NETWORK_LIMITS.defaultBridges })
  first!: number;
}

/** The network's arguments, and the file format; fewer nodes than GET /export may stream. */
@ArgsType()
export class NetworkExportArgs extends NetworkArgs {
  @Field(() => NetworkExportFormat)
  format!: NetworkExportFormat;

  @Field(() => Int, {
    defaultValue: NETWORK_LIMITS.defaultMaxNodes,
    description: `At most ${NETWORK_LIMITS.maxExportNodesGraphQL} here; GET /export/network.<format> streams up to ${NETWORK_LIMITS.maxNodes}.`,
  })
  declare maxNodes: number;
}
