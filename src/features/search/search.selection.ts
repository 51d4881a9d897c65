import { type FieldNode, type GraphQLResolveInfo, getNamedType, isLeafType, isObjectType } from "graphql";
import { collectSubfields } from "graphql/execution/collectFields";
import { type NodeType, keyProperty } from "../../domain";
import { nodeFrom } from "../../graph/node/node.mappers";

/**
 * The properties a node type's GraphQL object is read from: the mapper fills each data field from the
 * property of that name (readNode), and `id`/`key` from the key property. Found once per type.
 */
const DATA_FIELDS = new Map<NodeType, Set<string>>();
function dataFields(type: NodeType): Set<string> {
  let fields = DATA_FIELDS.get(type);
  if (!fields) {
    fields = new Set(Object.keys(nodeFrom(type, {})));
    fields.delete("id");
    fields.delete("key");
    DATA_FIELDS.set(type, fields);
  }
  return fields;
}

/** Sub-fields selected below `nodes` on `type` (aliases, fragments, @include/@skip as graphql-js does). */
function subfields(info: GraphQLResolveInfo, typeName: string, nodes: readonly FieldNode[]): FieldNode[] {
  const type = info.schema.getType(typeName);
  if (!isObjectType(type) || nodes.length === 0) return [];
  const map = collectSubfields(info.schema, info.fragments, info.variableValues, type, nodes);
  return [...map.values()].flat();
}

/**
 * The node properties a search answer needs for `edges { node { … } }`: each type's key property and
 * its selected scalar fields, for the given node types. Relations below the hits read their nodes by
 * key (planner or DataLoader), so they need nothing here. Sorted, so one selection is one query text.
 */
export function selectedProperties(info: GraphQLResolveInfo, types: readonly NodeType[]): string[] {
  const connection = getNamedType(info.returnType);
  const edges = subfields(info, connection.name, info.fieldNodes).filter((f) => f.name.value === "edges");
  const edgeType = isObjectType(connection) ? connection.getFields().edges?.type : undefined;
  const edge = edgeType ? getNamedType(edgeType).name : "";
  const nodes = subfields(info, edge, edges).filter((f) => f.name.value === "node");
  const properties = new Set<string>();
  for (const type of types) {
    properties.add(keyProperty(type));
    const graphqlType = info.schema.getType(type);
    if (!isObjectType(graphqlType)) continue;
    const data = dataFields(type);
    for (const field of subfields(info, type, nodes)) {
      const def = graphqlType.getFields()[field.name.value];
      if (def && isLeafType(getNamedType(def.type)) && data.has(field.name.value))
        properties.add(field.name.value);
    }
  }
  return [...properties].sort();
}
