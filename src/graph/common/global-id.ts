import { type NodeType, isNodeType } from "../../domain";
import { badInput } from "../../errors";

export { NODE_TYPES, type NodeType } from "../../domain";

const KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

/** Opaque global id: base64url("<Type>:<key>"). Keys are the human-readable slugs or CBS codes. */
export function toGlobalId(type: NodeType, key: string): string {
  return Buffer.from(`${type}:${key}`, "utf8").toString("base64url");
}

export function fromGlobalId(id: string): { type: NodeType; key: string } | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(id)) return undefined;
  const decoded = Buffer.from(id, "base64url").toString("utf8");
  const separator = decoded.indexOf(":");
  if (separator < 0) return undefined;
  const type = decoded.slice(0, separator);
  const key = decoded.slice(separator + 1);
  if (!isNodeType(type) || !KEY_PATTERN.test(key)) return undefined;
  return { type, key };
}

/**
 * Accepts either the global id of `type` or its plain key (slug / CBS code), so that frontends can use
 * readable URLs. A global id of another type, or a string that is neither, is BAD_USER_INPUT.
 */
export function parseKey(type: NodeType, id: string, argument = "id"): string {
  const global = fromGlobalId(id);
  if (global) {
    if (global.type !== type)
      throw badInput(`${argument} is the id of a ${global.type}, not of a ${type}.`, argument);
    return global.key;
  }
  if (!KEY_PATTERN.test(id)) {
    throw badInput(`${argument} "${truncate(id)}" is not a valid ${type} id.`, argument);
  }
  return id;
}

export function truncate(value: string, max = 60): string {
  return value.length > max ? `${value.slice(0, max)}…` : value;
}
