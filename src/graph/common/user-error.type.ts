import { type ClassType, Field, ObjectType } from "type-graphql";
import type { Props } from "./node.repository";
import { type NodeType, toGlobalId } from "./global-id";
import { type EnumOf, graphEnum } from "./graph-enum";

export const UserErrorCode = graphEnum(
  "UserErrorCode",
  {
    INVALID: "The value has the wrong form.",
    REQUIRED: "The value is missing, blank or cannot be cleared.",
    TOO_LONG: "The text or list is longer than allowed.",
    NOT_FOUND: "The node or a referenced node does not exist.",
    ALREADY_EXISTS: "A node with this id exists; ask for suffixOnCollision or choose an id.",
    CONFLICT: "Someone else changed the node since you read it: read it again (version) and retry.",
  },
  "Why a mutation's input was refused; nothing was written.",
);
export type UserErrorCode = EnumOf<typeof UserErrorCode>;

@ObjectType({ description: "A problem with a mutation's input: the mutation changed nothing." })
export class UserError {
  @Field(() => String, {
    nullable: true,
    description: 'Path of the offending argument, e.g. "input.name" or "expectedVersion".',
  })
  field!: string | null;

  @Field()
  message!: string;

  @Field(() => UserErrorCode)
  code!: UserErrorCode;
}

export function userError(field: string | null, code: UserErrorCode, message: string): UserError {
  return Object.assign(new UserError(), { field, code, message });
}

/** Thrown inside a write transaction to roll it back and answer with user errors instead. */
export class Rollback extends Error {
  constructor(readonly userErrors: UserError[]) {
    super(userErrors.map((e) => e.message).join("; "));
  }
}

@ObjectType({ description: "Result of a delete: the id of what was deleted, or why nothing was." })
export class DeletionPayload {
  @Field(() => String, { nullable: true, description: "Global id of the deleted node; null when refused." })
  deletedId!: string | null;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

/** The payload of a delete: the global id when `key` was deleted, else the user errors. */
export function deletion(type: NodeType, key: string | null, userErrors: UserError[]): DeletionPayload {
  return Object.assign(new DeletionPayload(), { deletedId: key ? toGlobalId(type, key) : null, userErrors });
}

/**
 * The payload type of an entity's mutations, written once: `<Type>Payload { <field>: Type, userErrors }`.
 * The node sits in the property `node`; GraphQL names it `field` (e.g. "event").
 */
export function NodePayload<T extends object>(
  node: ClassType<T> & { from(p: Props): T },
  field: string,
  description: string,
) {
  @ObjectType(`${node.name}Payload`, { description })
  class Payload {
    @Field(() => node, { name: field, nullable: true })
    node!: T | null;

    @Field(() => [UserError])
    userErrors!: UserError[];

    /** The node as written (null when refused) with the user errors. */
    static of(props: Props | null, userErrors: UserError[]): Payload {
      return Object.assign(new Payload(), { node: props && node.from(props), userErrors });
    }
  }
  return Payload;
}
