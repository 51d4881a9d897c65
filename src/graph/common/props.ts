import { type NodeType, keyProperty } from "../../domain";
import { enumValue } from "./enums";
import { toGlobalId } from "./global-id";
import type { Props } from "./node.repository";
import type { Node } from "./node.type";

/** Typed readers for node properties coming back from Neo4j. */
export const str = (p: Props, k: string): string => (typeof p[k] === "string" ? (p[k] as string) : "");
export const optStr = (p: Props, k: string): string | null =>
  typeof p[k] === "string" ? (p[k] as string) : null;
export const optNum = (p: Props, k: string): number | null =>
  typeof p[k] === "number" ? (p[k] as number) : null;

/** Reads one property (named like the field it fills) of a node. */
export type PropReader<V> = (p: Props, property: string) => V;

/** A node's `key` is its `id` property (the slug), whatever the field is called. */
export const nodeKey: PropReader<string> = (p) => str(p, "id");

/** An enum property; a value the enum does not know reads as `fallback`. */
export function enumOr<E extends Record<string, string>>(
  enumType: E,
  fallback: E[keyof E],
): PropReader<E[keyof E]> {
  return (p, property) => enumValue(enumType, p[property]) ?? fallback;
}

type DataFields<T> = {
  [
    K in keyof T as K extends "id" ? never : T[K] extends (...args: never[]) => unknown ? never : K
  ]: PropReader<T[K]>;
};

/**
 * A node's properties read into its GraphQL object: the global id from the type's key property, then
 * every other field through its reader, so each type lists its fields once and the reading is here.
 */
export function readNode<T extends Node>(
  make: new () => T,
  type: NodeType,
  p: Props,
  fields: DataFields<T>,
): T {
  // A plain loop: this runs for every node of every answer (hundreds per whoWorksOn page), and the
  // entries/fromEntries/assign version allocated three arrays and two objects per node.
  const node = new make();
  node.id = toGlobalId(type, str(p, keyProperty(type)));
  const values = node as unknown as Record<string, unknown>;
  const readers = fields as Record<string, PropReader<unknown>>;
  for (const field of Object.keys(readers)) values[field] = readers[field]!(p, field);
  return node;
}
