import { Arg, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Resolver, Root } from "type-graphql";
import { requireRole } from "../../auth/auth.guard";
import { Role } from "../../auth/auth.user";
import type { Context } from "../../context";
import {
  createRequest,
  keyOf,
  keysOf,
  notClearable,
  optionalKey,
  primeNode,
  updateRequest,
} from "../common/mutation.run";
import { createReplay, runMutation } from "../common/mutation.runner";
import { validateInput } from "../common/mutation.validate";
import { createAudited, updateAudited } from "../common/mutation.writes";
import { loadNode } from "../common/node.loader";
import { type NodeChange, type PropValue, alreadyExists, versionOf } from "../common/node.writer";
import { UserError } from "../common/user-error.type";
import { CreateEventInput, UpdateEventInput } from "./event.input";
import { Event } from "./event.type";
import { EVENT } from "./event.writer";

@ObjectType({ description: "Result of an event mutation: the event, or why nothing changed." })
export class EventPayload {
  @Field(() => Event, { nullable: true })
  event!: Event | null;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

function payload(event: Event | null, userErrors: UserError[] = []): EventPayload {
  return Object.assign(new EventPayload(), { event, userErrors });
}

const DETAILS = ["name", "kind", "date", "source"] as const;
type Details = { [K in (typeof DETAILS)[number]]?: string | null };

function detailProps(input: Details): Record<string, PropValue> {
  const props: Record<string, PropValue> = {};
  for (const k of DETAILS) if (input[k] !== undefined) props[k] = input[k];
  return props;
}

function relationKeys(
  input: CreateEventInput | UpdateEventInput,
  errors: UserError[],
): Record<string, string[]> {
  const relations: Record<string, string[] | undefined> = {
    topics: keysOf("Topic", input.topics, "input.topics", errors),
    place: input.place === undefined ? undefined : input.place === null ? [] : [input.place],
    initiative: optionalKey("Initiative", input.initiative, "input.initiative", errors),
  };
  return Object.fromEntries(
    Object.entries(relations).filter((e): e is [string, string[]] => e[1] !== undefined),
  );
}

const MANAGERS = [Role.COORDINATOR, Role.ADMIN] as const;

@Resolver(() => Event)
export class EventMutationResolver {
  @FieldResolver(() => Int, {
    description: "Counts up by one with every change; send it back as expectedVersion when you update.",
  })
  async version(@Root() e: Event, @Ctx() ctx: Context): Promise<number> {
    const props = await loadNode(ctx, "Event", e.key, (p) => p);
    return props ? versionOf(props) : 1;
  }

  @Mutation(() => EventPayload, { nullable: true, description: "Adds an event. Coordinators and admins." })
  createEvent(
    @Arg("input", () => CreateEventInput, { validate: false }) input: CreateEventInput,
    @Ctx() ctx: Context,
  ): Promise<EventPayload | null> {
    return runMutation(ctx, {
      authorise: () => requireRole(ctx.user, MANAGERS, "Creating an event"),
      parse: async (errors) => {
        errors.push(...(await validateInput(input, "input")));
        const change: NodeChange = { props: detailProps(input), relations: relationKeys(input, errors) };
        return createRequest(ctx, "createEvent", input, input.name, "evenement", change);
      },
      write: (tx, request) => createAudited(tx, EVENT, request),
      onDuplicate: (request) => alreadyExists("Event", request.wantedId, "input.id"),
      retryOnDuplicate: (request) => request.suffixOnCollision,
      idempotent: createReplay("createEvent", input, "Event"),
      prime: (props) => primeNode(ctx, "Event", props),
      payload: (props, errors) => payload(props && Event.from(props), errors),
    });
  }

  @Mutation(() => EventPayload, { nullable: true, description: "Changes an event. Coordinators and admins." })
  updateEvent(
    @Arg("id", () => ID) id: string,
    @Arg("expectedVersion", () => Int) expectedVersion: number,
    @Arg("input", () => UpdateEventInput, { validate: false }) input: UpdateEventInput,
    @Ctx() ctx: Context,
  ): Promise<EventPayload | null> {
    return runMutation(ctx, {
      authorise: () => requireRole(ctx.user, MANAGERS, "Changing an event"),
      parse: async (errors) => {
        const key = keyOf("Event", id, "id", errors);
        errors.push(...(await validateInput(input, "input")));
        errors.push(...notClearable(input, ["name", "kind"]));
        const change: NodeChange = { props: detailProps(input), relations: relationKeys(input, errors) };
        return updateRequest(ctx, "updateEvent", key, expectedVersion, change);
      },
      write: (tx, request) => updateAudited(tx, EVENT, request),
      prime: (result) => primeNode(ctx, "Event", result.props),
      payload: (result, errors) => payload(result && Event.from(result.props), errors),
    });
  }
}
