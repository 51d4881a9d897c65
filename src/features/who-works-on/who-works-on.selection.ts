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
import { EVERY_PROPERTY, type Projection } from "./who-works-on.repository";

/**
 * Which node properties whoWorksOn's page must read for the client's selection (through aliases,
 * fragments and @include/@skip, as graphql-js collects them): a popular topic's page otherwise carries
 * every property of every organisation and piece of evidence, experience texts included.
 */

/** Leaf fields filled from a property of another name; every other leaf field reads its namesake. */
const RENAMED: Partial<Record<NodeType, Record<string, string>>> = { Municipality: { current: "validTo" } };

/** The field nodes selected as `name` (under any alias) below `nodes` of `type`. */
function below(info: GraphQLResolveInfo, type: GraphQLObjectType, nodes: readonly FieldNode[], name: string) {
  if (nodes.length === 0) return [];
  const fields = collectSubfields(info.schema, info.fragments, info.variableValues, type, nodes);
  return [...fields.values()].flat().filter((n) => n.name.value === name);
}

/** The object type of field `name` of `type`. */
function fieldType(type: GraphQLObjectType, name: string): GraphQLObjectType {
  const named = getNamedType(type.getFields()[name]?.type);
  if (!named || !isObjectType(named)) throw new Error(`${type.name}.${name} is not an object field`);
  return named;
}

/**
 * The properties of nodes of `types` the selection `nodes` reads: the key (ids, cursors and the lists
 * planned below the page need it), each selected leaf field's property, and `extra`.
 */
function propertiesOf(
  info: GraphQLResolveInfo,
  types: NodeType[],
  nodes: readonly FieldNode[],
  extra: string[] = [],
): string[] {
  const props = new Set(extra);
  for (const name of types) {
    props.add(keyProperty(name));
    const type = info.schema.getType(name);
    if (!type || !isObjectType(type) || nodes.length === 0) continue;
    const fields = collectSubfields(info.schema, info.fragments, info.variableValues, type, nodes);
    for (const [first] of fields.values()) {
      const field = first && type.getFields()[first.name.value];
      if (!field || !isLeafType(getNamedType(field.type))) continue; // relations: their own reads, by key
      const fieldName = field.name;
      props.add(
        fieldName === "id" || fieldName === "key"
          ? keyProperty(name)
          : (RENAMED[name]?.[fieldName] ?? fieldName),
      );
    }
  }
  return [...props];
}

/** What whoWorksOn's page reads for the selection of `info` (its return type: WhoWorksOnConnection). */
export function projectionOf(info: GraphQLResolveInfo): Projection {
  const connection = getNamedType(info.returnType);
  if (!isObjectType(connection)) return EVERY_PROPERTY;
  const edgeType = fieldType(connection, "edges");
  const edges = below(info, connection, info.fieldNodes, "edges");
  const evidence = below(info, edgeType, edges, "evidence");
  const evidenceType = fieldType(edgeType, "evidence");
  const of = (name: string) => below(info, evidenceType, evidence, name);
  // The evidence in words names its topic, place, experience and initiative (who-works-on.evidence.ts).
  const described = of("description").length > 0;
  const named = described ? ["name"] : [];
  return {
    organisation: propertiesOf(info, ["Organisation"], below(info, edgeType, edges, "node")),
    evidence:
      evidence.length === 0
        ? null
        : {
            topic: propertiesOf(info, ["Topic"], of("topic"), named),
            place: propertiesOf(info, ["Municipality", "Province"], of("place"), named),
            experience: propertiesOf(info, ["Experience"], of("experience"), described ? ["title"] : []),
            initiative: propertiesOf(info, ["Initiative"], of("initiative"), named),
          },
  };
}
