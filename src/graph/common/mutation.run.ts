import type { ManagedTransaction } from "neo4j-driver";
import type { Context } from "../../context";
import { AppError } from "../../errors";
import { type NodeType, parseKey } from "./global-id";
import { type Props, nodesByKeys } from "./node.repository";
import { isConstraintViolation } from "./node.writer";
import { Rollback, UserErrorCode, type UserError, userError } from "./user-error.type";

export type WriteOutcome<T> = { ok: true; value: T } | { ok: false; userErrors: UserError[] };

/**
 * Runs one mutation as ONE write transaction. A `Rollback` thrown inside (invalid reference, stale
 * version, taken id) and a uniqueness violation from a concurrent create both roll everything back and
 * become user errors; anything else propagates (and is masked as an internal error).
 */
export async function runWrite<T>(
  ctx: Context,
  work: (tx: ManagedTransaction) => Promise<T>,
  onDuplicate?: () => UserError,
): Promise<WriteOutcome<T>> {
  try {
    return { ok: true, value: await ctx.db.write(work) };
  } catch (error) {
    if (error instanceof Rollback) return { ok: false, userErrors: error.userErrors };
    if (onDuplicate && isConstraintViolation(error)) return { ok: false, userErrors: [onDuplicate()] };
    throw error;
  }
}

/** The write's result becomes what field resolvers of this request read (no second round trip). */
export function primeNode(ctx: Context, type: NodeType, props: Props): void {
  const key = String(props.id);
  ctx
    .loader<string, Props | undefined>(`node:${type}`, (keys) => nodesByKeys(ctx.db, type, "id", keys))
    .clear(key)
    .prime(key, props);
}

/** parseKey that reports a malformed id as a user error instead of throwing. */
export function keyOf(type: NodeType, value: string, field: string, errors: UserError[]): string {
  try {
    return parseKey(type, value, field);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    errors.push(userError(field, UserErrorCode.INVALID, error.message));
    return value;
  }
}

/** keyOf for a list; absent stays absent (unchanged), null clears. */
export function keysOf(
  type: NodeType,
  values: readonly string[] | null | undefined,
  field: string,
  errors: UserError[],
): string[] | undefined {
  if (values === undefined) return undefined;
  return (values ?? []).map((v, i) => keyOf(type, v, `${field}[${i}]`, errors));
}

/** One optional reference as a relation list: absent → unchanged, null → none, value → that one. */
export function optionalKey(
  type: NodeType,
  value: string | null | undefined,
  field: string,
  errors: UserError[],
): string[] | undefined {
  if (value === undefined) return undefined;
  return value === null ? [] : [keyOf(type, value, field, errors)];
}

export function now(): string {
  return new Date().toISOString();
}
