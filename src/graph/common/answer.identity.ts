import { createHash } from "node:crypto";

/** JSON with object keys sorted, so that equal parameters give equal text whatever their order. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, canonical(v)]),
    );
  }
  return value;
}

/**
 * The identity of a computed answer (a network, a set of suggestions): derived from the field and its
 * parameters, so two answers to different questions never share it and the same question always does.
 */
export function answerIdentity(field: string, args: object): string {
  const digest = createHash("sha256")
    .update(JSON.stringify([field, canonical(args)]))
    .digest("base64url")
    .slice(0, 22);
  return `${field}:${digest}`;
}
