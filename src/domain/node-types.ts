/**
 * The node-type registry: label, key property, the type named in global ids and the GraphQL type.
 * global-id.ts, the node loader, node/nodes, paths, search and the relation table read it.
 */
export const NODE_TYPE_REGISTRY = {
  Organisation: {
    label: "Organisation",
    key: "id",
    globalIdType: "Organisation",
    graphqlType: "Organisation",
  },
  Topic: { label: "Topic", key: "id", globalIdType: "Topic", graphqlType: "Topic" },
  Condition: { label: "Condition", key: "id", globalIdType: "Condition", graphqlType: "Condition" },
  Municipality: {
    label: "Municipality",
    key: "code",
    globalIdType: "Municipality",
    graphqlType: "Municipality",
  },
  Province: { label: "Province", key: "code", globalIdType: "Province", graphqlType: "Province" },
  Initiative: { label: "Initiative", key: "id", globalIdType: "Initiative", graphqlType: "Initiative" },
  Event: { label: "Event", key: "id", globalIdType: "Event", graphqlType: "Event" },
  Experience: { label: "Experience", key: "id", globalIdType: "Experience", graphqlType: "Experience" },
} as const;

export type NodeType = keyof typeof NODE_TYPE_REGISTRY;
export type KeyProperty = (typeof NODE_TYPE_REGISTRY)[NodeType]["key"];

export const NODE_TYPES = Object.keys(NODE_TYPE_REGISTRY) as NodeType[];

export function isNodeType(value: string): value is NodeType {
  return Object.prototype.hasOwnProperty.call(NODE_TYPE_REGISTRY, value);
}

export function keyProperty(type: NodeType): KeyProperty {
  return NODE_TYPE_REGISTRY[type].key;
}

/** The registered type among a node's labels (the first in registry order), or undefined. */
export function nodeTypeOf(labels: readonly string[]): NodeType | undefined {
  return NODE_TYPES.find((t) => labels.includes(NODE_TYPE_REGISTRY[t].label));
}

/** The node's key (id or CBS code) from its properties. */
export function keyOf(type: NodeType, props: Readonly<Record<string, unknown>>): string {
  const value = props[keyProperty(type)];
  return typeof value === "string" ? value : "";
}
