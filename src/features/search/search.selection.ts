import type { GraphQLResolveInfo } from "graphql";
import type { NodeType } from "../../domain";
import { selectedEdgeNodes, selectedProperties } from "../../graph/common/selection";

/**
 * The node properties a search answer needs for `edges { node { … } }` of the given node types: each
 * type's key property and its selected leaf fields. Relations below the hits read their nodes by key
 * (planner or DataLoader). Sorted, so one selection is one query text.
 */
export function searchProperties(info: GraphQLResolveInfo, types: readonly NodeType[]): string[] {
  return selectedProperties(info, types, selectedEdgeNodes(info).nodes);
}
