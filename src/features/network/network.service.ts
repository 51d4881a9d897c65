import type { Context } from "../../context";
import { badInput, notFound } from "../../errors";
import { checkArgs } from "../../graph/common/args.validate";
import { parseKey } from "../../graph/common/global-id";
import { loadNode } from "../../graph/common/node.loader";
import { PlaceRepository } from "../../graph/place/place.repository";
import { NETWORK_LIMITS, type NetworkFilter, NetworkProjection } from "./network.args";
import { NetworkAnalysis } from "./network.analytics";
import { buildGraph, truncate } from "./network.graph";
import { type Folded, foldGroups } from "./network.projection";
import {
  NetworkRepository,
  type NetworkSelection,
  type PathRow,
  type ProjectionResult,
} from "./network.repository";

/** A computed network: what the GraphQL types and the file writers read. */
export interface NetworkModel {
  projection: NetworkProjection;
  analysis: NetworkAnalysis;
  sharedLabel: ProjectionResult["sharedLabel"];
  truncated: boolean;
  totalNodes: number;
  skippedGroups: Folded["skipped"];
}

export interface NetworkRequest {
  filter?: NetworkFilter | null;
  projection: NetworkProjection;
  maxNodes: number;
}

export function checkRange(value: number, min: number, max: number, argument: string): number {
  if (!Number.isInteger(value) || value < min || value > max)
    throw badInput(`${argument} must be a whole number from ${min} to ${max} (got ${value}).`, argument);
  return value;
}

/** Turns the graph into networks: validation, projection (Cypher) and analysis (graphology). */
export class NetworkService {
  constructor(private readonly ctx: Context) {}

  async network(
    request: NetworkRequest,
    maxNodesLimit: number = NETWORK_LIMITS.maxNodes,
  ): Promise<NetworkModel> {
    const maxNodes = checkRange(request.maxNodes, 1, maxNodesLimit, "maxNodes");
    if (request.filter) await checkArgs(request.filter, "filter");
    const maxGroupSize = groupSize(request.filter);
    const selection = await this.selection(request.filter);
    const result = await this.ctx
      .repo(NetworkRepository)
      .project(selection, { projection: request.projection, maxGroupSize });
    return this.model(request.projection, result, maxNodes, Boolean(request.filter?.includeIsolated));
  }

  async egoNetwork(args: {
    organisation: string;
    depth: number;
    projection: NetworkProjection;
    maxNodes: number;
  }): Promise<NetworkModel> {
    const key = parseKey("Organisation", args.organisation, "organisation");
    const depth = checkRange(args.depth, 1, NETWORK_LIMITS.maxEgoDepth, "depth");
    const maxNodes = checkRange(args.maxNodes, 1, NETWORK_LIMITS.maxNodes, "maxNodes");
    const result = await this.ctx.repo(NetworkRepository).projectEgo(key, depth, {
      projection: args.projection,
      maxGroupSize: NETWORK_LIMITS.defaultMaxGroupSize,
    });
    if (!result.nodes.some((n) => n.key === key)) throw notFound(`organisation "${key}" does not exist.`);
    return this.model(args.projection, result, maxNodes, true, key);
  }

  async shortestPath(from: string, to: string, maxLength: number): Promise<PathRow | null> {
    const fromKey = parseKey("Organisation", from, "from");
    const toKey = parseKey("Organisation", to, "to");
    checkRange(maxLength, 1, NETWORK_LIMITS.maxPathLength, "maxLength");
    const row = await this.ctx.repo(NetworkRepository).shortestPath(fromKey, toKey);
    if (!row.fromFound) throw notFound(`organisation "${fromKey}" does not exist.`);
    if (!row.toFound) throw notFound(`organisation "${toKey}" does not exist.`);
    if (!row.nodes || !row.relationships || row.relationships.length > maxLength) return null;
    return row;
  }

  /** Organisations matching the filter, with names resolved and references checked. */
  private async selection(filter: NetworkFilter | null | undefined): Promise<NetworkSelection> {
    const topic = filter?.topic ? parseKey("Topic", filter.topic, "filter.topic") : null;
    const condition = filter?.condition ? parseKey("Condition", filter.condition, "filter.condition") : null;
    const [topicNode, conditionNode, place] = await Promise.all([
      topic ? loadNode(this.ctx, "Topic", topic, (p) => p) : null,
      condition ? loadNode(this.ctx, "Condition", condition, (p) => p) : null,
      this.ctx.repo(PlaceRepository).resolve(filter?.place, "filter.place"),
    ]);
    if (topic && !topicNode) throw notFound(`topic "${topic}" does not exist.`);
    if (condition && !conditionNode) throw notFound(`condition "${condition}" does not exist.`);
    return {
      topic,
      includeSubtopics: filter?.includeSubtopics ?? true,
      condition,
      kinds: filter?.kinds?.length ? filter.kinds : null,
      scopes: filter?.scopes?.length ? filter.scopes : null,
      place,
      includeInactive: filter?.includeInactive ?? false,
    };
  }

  private model(
    projection: NetworkProjection,
    result: ProjectionResult,
    maxNodes: number,
    includeIsolated: boolean,
    keep?: string,
  ): NetworkModel {
    const { edges, skipped } = foldGroups(result.groups);
    const connected = new Set(edges.flatMap((e) => [e.source, e.target]));
    const nodes = includeIsolated
      ? result.nodes
      : result.nodes.filter((n) => connected.has(n.key) || n.key === keep);
    const full = buildGraph(nodes, edges);
    const graph = truncate(full, maxNodes, keep);
    return {
      projection,
      analysis: new NetworkAnalysis(graph),
      sharedLabel: result.sharedLabel,
      truncated: graph !== full,
      totalNodes: full.order,
      skippedGroups: skipped,
    };
  }
}

function groupSize(filter: NetworkFilter | null | undefined): number {
  const size = filter?.maxGroupSize ?? NETWORK_LIMITS.defaultMaxGroupSize;
  return checkRange(size, 2, NETWORK_LIMITS.maxGroupSize, "filter.maxGroupSize");
}
