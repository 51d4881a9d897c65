import type { ManagedTransaction } from "neo4j-driver";
import type { Context } from "../../context";
import { isConstraintViolation } from "./node.writer";
import { Rollback, type UserError } from "./user-error.type";

/**
 * What one mutation does, stage by stage. The runner (runMutation) calls the stages in this order and
 * owns what every mutation must do alike: authorise before reading input, stop on user errors before
 * writing, ONE write transaction (the audited writes record the audit event in it), roll back on a
 * Rollback, answer with a `userErrors` payload, and retry once when a concurrent create took the id.
 */
export interface MutationPlan<V, T, P> {
  /** Throws UNAUTHENTICATED / FORBIDDEN before any input is looked at (role checks). */
  authorise?: () => void;
  /** Parses ids, relation keys and (unless `validate` must wait for authoriseInput) the input's rules;
   * pushes user errors, which stop the mutation here. */
  parse: (errors: UserError[]) => V | Promise<V>;
  /** Checks that need the parsed ids (ownership, membership); throws FORBIDDEN. */
  authoriseInput?: (value: V) => void | Promise<void>;
  /** The input's rules (lengths, dates, required fields); pushes user errors. */
  validate?: (value: V, errors: UserError[]) => void | Promise<void>;
  /** The writes, in one transaction. Throw Rollback to undo everything and answer with user errors. */
  write: (tx: ManagedTransaction, value: V) => Promise<T>;
  /** A uniqueness violation from a concurrent create: the user error to answer with. */
  onDuplicate?: (value: V) => UserError;
  /** With the duplicate: whether a second attempt may pick another id (suffixOnCollision). */
  retryOnDuplicate?: (value: V) => boolean;
  /** After the commit: prime the request's loaders with what was written. */
  prime?: (result: T) => void;
  /** The payload: the result, or null with the user errors. */
  payload: (result: T | null, userErrors: UserError[]) => P;
}

export type WriteOutcome<T> =
  { ok: true; value: T } | { ok: false; userErrors: UserError[]; duplicate?: boolean };

/**
 * Runs `work` as ONE write transaction. A Rollback and (with onDuplicate) a uniqueness violation roll
 * it all back and become user errors; anything else propagates (and is masked as an internal error).
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
    if (onDuplicate && isConstraintViolation(error))
      return { ok: false, userErrors: [onDuplicate()], duplicate: true };
    throw error;
  }
}

/** The one mutation runner: see MutationPlan for the stages. */
export async function runMutation<V, T, P>(ctx: Context, plan: MutationPlan<V, T, P>): Promise<P> {
  plan.authorise?.();
  const errors: UserError[] = [];
  const value = await plan.parse(errors);
  if (errors.length) return plan.payload(null, errors);
  await plan.authoriseInput?.(value);
  await plan.validate?.(value, errors);
  if (errors.length) return plan.payload(null, errors);
  const onDuplicate = plan.onDuplicate ? () => plan.onDuplicate!(value) : undefined;
  let outcome = await runWrite(ctx, (tx) => plan.write(tx, value), onDuplicate);
  // A concurrent create took the id between the check and the write: with a suffix allowed, try again.
  if (!outcome.ok && outcome.duplicate && plan.retryOnDuplicate?.(value)) {
    outcome = await runWrite(ctx, (tx) => plan.write(tx, value), onDuplicate);
  }
  if (!outcome.ok) return plan.payload(null, outcome.userErrors);
  plan.prime?.(outcome.value);
  return plan.payload(outcome.value, []);
}
