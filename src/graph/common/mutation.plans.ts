import { type ClassType, Ctx, FieldResolver, Int, Resolver, Root } from "type-graphql";
import type { Context } from "../../context";
import { primeNode } from "./mutation.run";
import { type MutationPlan, createReplay } from "./mutation.runner";
import { type CreateRequest, type UpdateRequest, createAudited, updateAudited } from "./mutation.writes";
import { loadNode } from "./node.loader";
import type { Props } from "./node.repository";
import { type NodeSpec, type PropValue, type WritableLabel, alreadyExists, versionOf } from "./node.writer";
import type { UserError } from "./user-error.type";

/**
 * The parts the entity mutation modules share, on top of runMutation: what a create and an update
 * do after their request is made, the `version` field, and reading an input into a NodeChange.
 */

/** The properties an input gives (absent fields are left out: unchanged; null clears). */
export function givenProps<K extends string>(
  input: Partial<Record<K, PropValue | undefined>>,
  fields: readonly K[],
): Record<string, PropValue> {
  const props: Record<string, PropValue> = {};
  for (const field of fields) {
    const value = input[field];
    if (value !== undefined) props[field] = value;
  }
  return props;
}

/** The relation fields an input gives (absent ones are left out: unchanged). */
export function givenRelations(relations: Record<string, string[] | undefined>): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(relations).filter((e): e is [string, string[]] => e[1] !== undefined),
  );
}

/** One optional code as a relation list: absent → unchanged, null → none, value → that one. */
export function optionalCode(value: string | null | undefined): string[] | undefined {
  return value === undefined ? undefined : value === null ? [] : [value];
}

/** A node type that mutations write: its label and how its input fields become relations. */
export interface WrittenType {
  type: WritableLabel;
  spec: NodeSpec;
}

/**
 * The stages of a create after its request is made: the audited write, a taken id as a user error (a
 * second attempt when a suffix is allowed), the Idempotency-Key replay and the loaders primed.
 */
export function createStages<P>(
  ctx: Context,
  node: WrittenType,
  operation: { name: string; input: unknown },
  payload: (props: Props | null, userErrors: UserError[]) => P,
): Omit<MutationPlan<CreateRequest, Props, P>, "parse">;
/** The same for a plan whose parsed value is not the request itself: `request` finds it. */
export function createStages<V, P>(
  ctx: Context,
  node: WrittenType,
  operation: { name: string; input: unknown },
  payload: (props: Props | null, userErrors: UserError[]) => P,
  request: (value: V) => CreateRequest,
): Omit<MutationPlan<V, Props, P>, "parse">;
export function createStages<V, P>(
  ctx: Context,
  node: WrittenType,
  operation: { name: string; input: unknown },
  payload: (props: Props | null, userErrors: UserError[]) => P,
  given?: (value: V) => CreateRequest,
): Omit<MutationPlan<V, Props, P>, "parse"> {
  const request = given ?? ((value: V) => value as CreateRequest);
  return {
    write: (tx, value) => createAudited(tx, node.spec, request(value)),
    onDuplicate: (value) => alreadyExists(node.type, request(value).wantedId, "input.id"),
    retryOnDuplicate: (value) => request(value).suffixOnCollision,
    idempotent: createReplay(operation.name, operation.input, node.type),
    prime: (props) => primeNode(ctx, node.type, props),
    payload,
  };
}

type Updated = Awaited<ReturnType<typeof updateAudited>>;

/** The stages of an update after its request is made: the audited write, the loaders primed. */
type UpdateStages<V, P> = Pick<MutationPlan<V, Updated, P>, "write" | "prime" | "payload">;

export function updateStages<P>(
  ctx: Context,
  node: WrittenType,
  payload: (props: Props | null, userErrors: UserError[]) => P,
): UpdateStages<UpdateRequest, P>;
/** The same for a plan whose parsed value is not the request itself: `request` finds it. */
export function updateStages<V, P>(
  ctx: Context,
  node: WrittenType,
  payload: (props: Props | null, userErrors: UserError[]) => P,
  request: (value: V) => UpdateRequest,
): UpdateStages<V, P>;
export function updateStages<V, P>(
  ctx: Context,
  node: WrittenType,
  payload: (props: Props | null, userErrors: UserError[]) => P,
  given?: (value: V) => UpdateRequest,
): UpdateStages<V, P> {
  const request = given ?? ((value: V) => value as UpdateRequest);
  return {
    write: (tx, value) => updateAudited(tx, node.spec, request(value)),
    prime: (result) => primeNode(ctx, node.type, result.props),
    payload: (result, userErrors) => payload(result?.props ?? null, userErrors),
  };
}

/** The `version` field of a writable type, for its mutation resolver to extend. */
export function VersionedResolver(type: WritableLabel, objectType: ClassType) {
  @Resolver(() => objectType)
  abstract class Versioned {
    @FieldResolver(() => Int, {
      description: "Counts up by one with every change; send it back as expectedVersion when you update.",
    })
    async version(@Root() node: { key: string }, @Ctx() ctx: Context): Promise<number> {
      const props = await loadNode(ctx, type, node.key, (p) => p);
      return props ? versionOf(props) : 1;
    }
  }
  return Versioned;
}
