/** Each node type's key property; its label, global-id type and GraphQL type are its name. */
const NODE_KEYS = {
  Organisation: "id",
  Topic: "id",
  Condition: "id",
  Municipality: "code",
  Province: "code",
  Initiative: "id",
  Event: "id",
  Experience: "id",
} as const;

type NodeTypeName = keyof typeof NODE_KEYS;

/**
 * The node-type registry: label, key property, the type named in global ids and the GraphQL type.
 * global-id.ts, the node loader, node/nodes, paths, search and the relation table read it.
 */
export const NODE_TYPE_REGISTRY = Object.fromEntries(
  Object.entries(NODE_KEYS).map(([type, key]) => [
    type,
    { label: type, key, globalIdType: type, graphqlType: type },
  ]),
) as {
  readonly [T in NodeTypeName]: {
    readonly label: T;
    readonly key: (typeof NODE_KEYS)[T];
    readonly globalIdType: T;
    readonly graphqlType: T;
  };
};

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
