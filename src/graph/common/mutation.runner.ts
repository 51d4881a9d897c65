import type { ManagedTransaction } from "neo4j-driver";
import type { Context } from "../../context";
import { badInput } from "../../errors";
import {
  IdempotencyRepository,
  idempotencyScope,
  isKeyCollision,
  offerKey,
  recordKey,
  requestFingerprint,
  storedKeyRef,
} from "./idempotency.repository";
import { type WritableLabel, isConstraintViolation } from "./node.writer";
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
  /**
   * Writes that honour the Idempotency-Key header: the result's reference is stored with the write, and a
   * retry with the same key and input answers with the first result instead of writing again.
   */
  idempotent?: Replay<T>;
}

export interface Replay<T> {
  /** The mutation field (keys are scoped per caller and mutation). */
  operation: string;
  /** The arguments as sent: a retry must send the same ones. */
  input: unknown;
  /** A reference to the result that outlives the request (e.g. the created node's id). */
  ref: (result: T) => string;
  /** The result again from its reference (null: it was deleted since). */
  load: (ref: string, repository: IdempotencyRepository) => Promise<T | null>;
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
    if (onDuplicate && isConstraintViolation(error) && !isKeyCollision(error))
      return { ok: false, userErrors: [onDuplicate()], duplicate: true };
    throw error;
  }
}

interface KeyedWrite<T> {
  scope: string;
  fingerprint: string;
  replay: Replay<T>;
}

/** The first result of an earlier request with the same key, if there was one. */
async function replayed<T, P>(ctx: Context, keyed: KeyedWrite<T>, plan: MutationPlan<unknown, T, P>) {
  const repository = ctx.repo(IdempotencyRepository);
  const record = await repository.find(keyed.scope);
  if (!record) return undefined;
  if (record.fingerprint !== keyed.fingerprint) {
    throw badInput(
      "This Idempotency-Key was used for a request with other arguments; use a new key for a new request.",
      "Idempotency-Key",
    );
  }
  return { payload: plan.payload(await keyed.replay.load(record.ref, repository), []) };
}

/** The one mutation runner: see MutationPlan for the stages. */
export async function runMutation<V, T, P>(ctx: Context, plan: MutationPlan<V, T, P>): Promise<P> {
  plan.authorise?.();
  const keyed: KeyedWrite<T> | undefined =
    ctx.idempotencyKey && plan.idempotent
      ? {
          scope: idempotencyScope(
            ctx.user.subject ?? ctx.client,
            plan.idempotent.operation,
            ctx.idempotencyKey,
          ),
          fingerprint: requestFingerprint(plan.idempotent.input),
          replay: plan.idempotent,
        }
      : undefined;
  const generic = plan as MutationPlan<unknown, T, P>;
  if (keyed) {
    const earlier = await replayed(ctx, keyed, generic);
    if (earlier) return earlier.payload;
  }
  const errors: UserError[] = [];
  const value = await plan.parse(errors);
  if (errors.length) return plan.payload(null, errors);
  await plan.authoriseInput?.(value);
  await plan.validate?.(value, errors);
  if (errors.length) return plan.payload(null, errors);
  const onDuplicate = plan.onDuplicate ? () => plan.onDuplicate!(value) : undefined;
  const write = async (tx: ManagedTransaction): Promise<T> => {
    // A create stores the key in its own statement; other writes leave it to the statement below.
    if (keyed) offerKey(tx, { scope: keyed.scope, fingerprint: keyed.fingerprint });
    const result = await plan.write(tx, value);
    if (keyed) {
      const ref = keyed.replay.ref(result);
      const stored = storedKeyRef(tx);
      if (stored === undefined) await recordKey(tx, keyed.scope, { fingerprint: keyed.fingerprint, ref });
      else if (stored !== ref)
        throw new Error("The key was stored with another reference than replays read.");
    }
    return result;
  };
  let outcome: WriteOutcome<T>;
  try {
    outcome = await runWrite(ctx, write, onDuplicate);
    // A concurrent create took the id between the check and the write: with a suffix allowed, try again.
    if (!outcome.ok && outcome.duplicate && plan.retryOnDuplicate?.(value)) {
      outcome = await runWrite(ctx, write, onDuplicate);
    }
  } catch (error) {
    // A concurrent retry with the same key committed first: answer with its result.
    const earlier = keyed && isKeyCollision(error) ? await replayed(ctx, keyed, generic) : undefined;
    if (earlier) return earlier.payload;
    throw error;
  }
  if (!outcome.ok) return plan.payload(null, outcome.userErrors);
  plan.prime?.(outcome.value);
  return plan.payload(outcome.value, []);
}

/** Replay of a create: the created node's id is the reference, its current properties the result. */
export function createReplay(
  operation: string,
  input: unknown,
  label: WritableLabel,
): Replay<Record<string, unknown>> {
  return {
    operation,
    input,
    ref: (props) => String(props.id),
    load: (id, repository) => repository.nodeProps(label, id),
  };
}
