import {
  type FieldNode,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  getNamedType,
  isLeafType,
  isObjectType,
} from "graphql";
import { collectSubfields } from "graphql/execution/collectFields";
import { type NodeType, keyProperty } from "../../domain";

/**
 * Reads of the client's selection below the field being resolved, through aliases, fragments and
 * @include/@skip as graphql-js itself collects them. Features use them to read no more than is asked:
 * a total in the page's own query, only the selected properties of the nodes they return.
 */

/** The fields selected directly below `nodes` on `type`, every alias and branch flattened. */
function collected(info: GraphQLResolveInfo, type: GraphQLObjectType, nodes: readonly FieldNode[]): FieldNode[] {
  if (nodes.length === 0) return [];
  return [...collectSubfields(info.schema, info.fragments, info.variableValues, type, nodes).values()].flat();
}

/** Whether the client selected `name` directly under the field being resolved. */
export function selectsField(info: GraphQLResolveInfo, name: string): boolean {
  const type = getNamedType(info.returnType);
  return isObjectType(type) && collected(info, type, info.fieldNodes).some((n) => n.name.value === name);
}

/** The field nodes selected as `name` (under any alias) below `nodes` of `type`. */
export function selectedBelow(
  info: GraphQLResolveInfo,
  type: GraphQLObjectType,
  nodes: readonly FieldNode[],
  name: string,
): FieldNode[] {
  return collected(info, type, nodes).filter((n) => n.name.value === name);
}

/** The object type of field `name` of `type` (a programming error when it is not one). */
export function objectFieldType(type: GraphQLObjectType, name: string): GraphQLObjectType {
  const named = getNamedType(type.getFields()[name]?.type);
  if (!named || !isObjectType(named)) throw new Error(`${type.name}.${name} is not an object field`);
  return named;
}

/** Leaf fields computed from a property of another name; every other leaf field reads its namesake. */
const COMPUTED_FROM: Partial<Record<NodeType, Record<string, string>>> = { Municipality: { current: "validTo" } };

/**
 * The node properties that the selection `nodes` of nodes of `types` reads: the key (ids, cursors and the
 * relations planned below read by it), each selected leaf field's property, and `extra`. Relations are
 * read by key elsewhere and add nothing. Sorted: one selection, one list.
 */
export function selectedProperties(
  info: GraphQLResolveInfo,
  types: readonly NodeType[],
  nodes: readonly FieldNode[],
  extra: readonly string[] = [],
): string[] {
  const props = new Set(extra);
  for (const name of types) {
    props.add(keyProperty(name));
    const type = info.schema.getType(name);
    if (!isObjectType(type)) continue;
    for (const node of collected(info, type, nodes)) {
      const field = type.getFields()[node.name.value];
      if (!field || !isLeafType(getNamedType(field.type))) continue;
      props.add(
        field.name === "id" || field.name === "key"
          ? keyProperty(name)
          : (COMPUTED_FROM[name]?.[field.name] ?? field.name),
      );
    }
  }
  return [...props].sort();
}

/** The connection of the field being resolved and the field nodes of its `edges { node }`. */
export function selectedEdgeNodes(info: GraphQLResolveInfo): {
  connection: GraphQLObjectType | null;
  edgeType: GraphQLObjectType | null;
  edges: FieldNode[];
  nodes: FieldNode[];
} {
  const connection = getNamedType(info.returnType);
  if (!isObjectType(connection)) return { connection: null, edgeType: null, edges: [], nodes: [] };
  const edgeType = objectFieldType(connection, "edges");
  const edges = selectedBelow(info, connection, info.fieldNodes, "edges");
  return { connection, edgeType, edges, nodes: selectedBelow(info, edgeType, edges, "node") };
}
