import { badInput } from "../../errors";

/** Keyset position: the sort value of the last item and its key (the tie-breaker). */
export interface Position {
  value: string | number | null;
  key: string;
}

/**
 * Opaque keyset cursor: base64url(JSON [ordering, value, key]). It names the ordering it belongs to, so
 * a cursor from another ordering is rejected instead of silently paging wrong. Keyset cursors stay
 * correct when nodes are added between pages (no offsets).
 */
export function encodeCursor(ordering: string, position: Position): string {
  return Buffer.from(JSON.stringify([ordering, position.value, position.key]), "utf8").toString("base64url");
}

export function decodeCursor(
  ordering: string,
  cursor: string | null | undefined,
  argument = "after",
): Position | undefined {
  if (cursor == null) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw badInput(
      `${argument} is not a valid cursor; use an endCursor or edge cursor from a previous page.`,
      argument,
    );
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 3 ||
    typeof parsed[2] !== "string" ||
    !(parsed[1] === null || typeof parsed[1] === "string" || typeof parsed[1] === "number")
  ) {
    throw badInput(
      `${argument} is not a valid cursor; use an endCursor or edge cursor from a previous page.`,
      argument,
    );
  }
  if (parsed[0] !== ordering) {
    throw badInput(
      `${argument} is a cursor for another ordering or list; ask the first page again.`,
      argument,
    );
  }
  return { value: parsed[1] as Position["value"], key: parsed[2] };
}
