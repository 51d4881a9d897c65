import type { ComplexityEstimatorArgs } from "graphql-query-complexity";
import { Args, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../context";
import { AppError, ErrorCode } from "../../errors";
import { answerIdentity } from "../../graph/common/answer.identity";
import { loadNode } from "../../graph/common/node.loader";
import { Organisation } from "../../graph/organisation/organisation.type";
import {
  BridgesArgs,
  EgoNetworkArgs,
  NETWORK_LIMITS,
  NetworkArgs,
  NetworkExportArgs,
  ShortestPathArgs,
} from "./network.args";
import { EXPORT_SPECS, exportFilename, writeNetwork } from "./network.export";
import { toPath } from "./network.path";
import { NetworkService, checkRange } from "./network.service";
import { Node } from "../../graph/common/node.type";
import { nodeFrom } from "../../graph/node/node.mappers";
import {
  Bridge,
  BridgeMeasure,
  Bridges,
  Network,
  NetworkExport,
  NetworkNode,
  Path,
  SharedThing,
} from "./network.type";

/** Analytics cost grows with the network: a unit per 20 organisations asked for, plus the selection. */
function networkComplexity({ args, childComplexity }: ComplexityEstimatorArgs): number {
  const maxNodes = typeof args.maxNodes === "number" ? args.maxNodes : NETWORK_LIMITS.defaultMaxNodes;
  return 10 + Math.ceil(Math.min(Math.max(maxNodes, 1), NETWORK_LIMITS.maxNodes) / 20) + childComplexity;
}

function egoComplexity({ args, childComplexity }: ComplexityEstimatorArgs): number {
  const depth = typeof args.depth === "number" ? Math.min(Math.max(args.depth, 1), 3) : 1;
  return 10 * depth + networkComplexity({ args, childComplexity } as ComplexityEstimatorArgs);
}

const BRIDGE_DESCRIPTION =
  "Share of the shortest paths (in ties of the projection) from a MEDICAL organisation to a SOCIAL one that pass through the organisation; ties of equal length share the credit. 1 means every medical–social connection runs through it.";

@Resolver()
export class NetworkResolver {
  @Query(() => Network, {
    complexity: networkComplexity,
    description:
      "An organisation-to-organisation network projected from the graph, with metrics, Louvain communities and a summary.",
  })
  async network(@Args(() => NetworkArgs) args: NetworkArgs, @Ctx() ctx: Context): Promise<Network> {
    return Network.from(await new NetworkService(ctx).network(args), answerIdentity("network", args));
  }

  @Query(() => Network, {
    complexity: egoComplexity,
    description: "The organisations within `depth` ties of one organisation, and all ties among them.",
  })
  async egoNetwork(@Args(() => EgoNetworkArgs) args: EgoNetworkArgs, @Ctx() ctx: Context): Promise<Network> {
    return Network.from(await new NetworkService(ctx).egoNetwork(args), answerIdentity("egoNetwork", args));
  }

  @Query(() => Path, {
    nullable: true,
    complexity: 20,
    description:
      "A shortest path between two organisations through any nodes and relationships (undirected, at most maxLength relationships); null when they are not connected that closely.",
  })
  async shortestPath(
    @Args(() => ShortestPathArgs) args: ShortestPathArgs,
    @Ctx() ctx: Context,
  ): Promise<Path | null> {
    const row = await new NetworkService(ctx).shortestPath(args.from, args.to, args.maxLength);
    return row ? toPath(row) : null;
  }

  @Query(() => Bridges, {
    complexity: networkComplexity,
    description:
      "The organisations that connect condition-based (MEDICAL) organisations with sociaal-domein (SOCIAL) ones most, in a projected network.",
  })
  async bridges(@Args(() => BridgesArgs) args: BridgesArgs, @Ctx() ctx: Context): Promise<Bridges> {
    const first = checkRange(args.first, 1, NETWORK_LIMITS.maxBridges, "first");
    const model = await new NetworkService(ctx).network(args);
    const identity = answerIdentity("bridges", args);
    const network = Network.from(model, identity);
    const byKey = new Map(network.nodes.map((n) => [n.key, n]));
    const sectors = network.nodes.map((n) => n.sector);
    const items = model.analysis
      .bridges()
      .slice(0, first)
      .map((b) =>
        Object.assign(new Bridge(), {
          node: byKey.get(b.key),
          measure: BridgeMeasure.MEDICAL_SOCIAL_BETWEENNESS,
          value: b.value,
          pairs: b.pairs,
          medicalNeighbours: b.medicalNeighbours,
          socialNeighbours: b.socialNeighbours,
        }),
      );
    return Object.assign(new Bridges(), {
      identity,
      measure: BridgeMeasure.MEDICAL_SOCIAL_BETWEENNESS,
      description: BRIDGE_DESCRIPTION,
      projection: args.projection,
      medicalOrganisations: sectors.filter((s) => s === "MEDICAL").length,
      socialOrganisations: sectors.filter((s) => s === "SOCIAL").length,
      truncated: model.truncated,
      exact: model.analysis.bridgesExact(),
      items,
    });
  }

  @Query(() => NetworkExport, {
    complexity: networkComplexity,
    description: `A network as a file (GEXF, GraphML, JSON, CSV) in one string, for networks up to ${NETWORK_LIMITS.maxExportNodesGraphQL} organisations; GET /export/network.<gexf|graphml|csv|json> streams larger ones.`,
  })
  async networkExport(
    @Args(() => NetworkExportArgs) args: NetworkExportArgs,
    @Ctx() ctx: Context,
  ): Promise<NetworkExport> {
    const model = await new NetworkService(ctx).network(args, NETWORK_LIMITS.maxExportNodesGraphQL);
    let content = "";
    for (const chunk of writeNetwork(model, args.format)) {
      content += chunk;
      if (content.length > NETWORK_LIMITS.maxExportBytesGraphQL)
        throw new AppError(
          ErrorCode.QUERY_TOO_COMPLEX,
          `The file exceeds ${NETWORK_LIMITS.maxExportBytesGraphQL} bytes: use GET /export/network.<format> instead.`,
        );
    }
    return Object.assign(new NetworkExport(), {
      format: args.format,
      contentType: EXPORT_SPECS[args.format].contentType,
      filename: exportFilename(model, args.format),
      bytes: Buffer.byteLength(content, "utf8"),
      nodes: model.analysis.graph.order,
      edges: model.analysis.graph.size,
      content,
    });
  }
}

@Resolver(() => NetworkNode)
export class NetworkNodeResolver {
  @FieldResolver(() => Organisation, { description: "The organisation (batched: one round trip for all)." })
  async organisation(@Root() node: NetworkNode, @Ctx() ctx: Context): Promise<Organisation> {
    const organisation = await loadNode(ctx, "Organisation", node.key, Organisation.from);
    // The network was read a moment ago; a concurrent delete leaves the network's own facts.
    return (
      organisation ?? Organisation.from({ id: node.key, name: node.name, kind: node.kind, scope: node.scope })
    );
  }
}

@Resolver(() => SharedThing)
export class SharedThingResolver {
  @FieldResolver(() => Node, {
    nullable: true,
    description: "The shared thing itself (batched); null when it was deleted since the answer was computed.",
  })
  node(@Root() thing: SharedThing, @Ctx() ctx: Context): Promise<Node | null> {
    return loadNode(ctx, thing.type, thing.key, (p) => nodeFrom(thing.type, p));
  }
}
