import type { Context } from "../../context";
import { AppError } from "../../errors";
import { type NodeType, parseKey } from "./global-id";
import { type Props, nodesByKeys } from "./node.repository";
import { UserErrorCode, type UserError, userError } from "./user-error.type";
import type { CreateRequest, DeleteRequest, UpdateRequest } from "./mutation.writes";
import type { NodeChange } from "./node.writer";
import { slugFrom } from "./node.writer";

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

/** The id a create asks for: the given one, or a slug of the name (then a suffix may be added). */
export function createRequest(
  ctx: Context,
  action: string,
  input: { id?: string | null; suffixOnCollision?: boolean | null },
  name: string,
  fallback: string,
  change: NodeChange,
): CreateRequest {
  const slug = input.id ?? slugFrom(name);
  return {
    action,
    actor: ctx.user,
    wantedId: slug || fallback,
    suffixOnCollision: Boolean(input.suffixOnCollision) || !slug,
    change,
    now: now(),
  };
}

export function updateRequest(
  ctx: Context,
  action: string,
  id: string,
  expectedVersion: number,
  change: NodeChange,
  more: Partial<Pick<UpdateRequest, "authorize" | "path">> = {},
): UpdateRequest {
  return { action, actor: ctx.user, id, expectedVersion, change, now: now(), ...more };
}

/** Fields an update may change but not clear (null). */
export function notClearable<K extends string>(
  input: Partial<Record<K, unknown>>,
  fields: readonly K[],
  path = "input",
): UserError[] {
  return fields
    .filter((field) => input[field] === null)
    .map((field) => userError(`${path}.${field}`, UserErrorCode.REQUIRED, `${field} cannot be cleared.`));
}

export function deleteRequest(
  ctx: Context,
  action: string,
  id: string,
  expectedVersion: number,
  authorize?: DeleteRequest["authorize"],
): DeleteRequest {
  return { action, actor: ctx.user, id, expectedVersion, now: now(), authorize };
}
