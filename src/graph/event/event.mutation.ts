import { Arg, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Resolver, Root } from "type-graphql";
import { requireRole } from "../../auth/auth.guard";
import { Role } from "../../auth/auth.user";
import type { Context } from "../../context";
import { keyOf, keysOf, now, optionalKey, primeNode, runWrite } from "../common/mutation.run";
import { validateInput } from "../common/mutation.validate";
import { createAudited, updateAudited } from "../common/mutation.writes";
import { loadNode } from "../common/node.loader";
import { type NodeChange, type PropValue, alreadyExists, slugFrom, versionOf } from "../common/node.writer";
import { UserError, UserErrorCode, userError } from "../common/user-error.type";
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
  async createEvent(
    @Arg("input", () => CreateEventInput, { validate: false }) input: CreateEventInput,
    @Ctx() ctx: Context,
  ): Promise<EventPayload | null> {
    requireRole(ctx.user, MANAGERS, "Creating an event");
    const errors = await validateInput(input, "input");
    const change: NodeChange = { props: detailProps(input), relations: relationKeys(input, errors) };
    if (errors.length) return payload(null, errors);
    const slug = input.id ?? slugFrom(input.name);
    const request = {
      action: "createEvent",
      actor: ctx.user,
      wantedId: slug || "evenement",
      suffixOnCollision: input.suffixOnCollision || !slug,
      change,
      now: now(),
    };
    const outcome = await runWrite(
      ctx,
      (tx) => createAudited(tx, EVENT, request),
      () => alreadyExists("Event", request.wantedId, "input.id"),
    );
    if (!outcome.ok) return payload(null, outcome.userErrors);
    primeNode(ctx, "Event", outcome.value);
    return payload(Event.from(outcome.value));
  }

  @Mutation(() => EventPayload, { nullable: true, description: "Changes an event. Coordinators and admins." })
  async updateEvent(
    @Arg("id", () => ID) id: string,
    @Arg("expectedVersion", () => Int) expectedVersion: number,
    @Arg("input", () => UpdateEventInput, { validate: false }) input: UpdateEventInput,
    @Ctx() ctx: Context,
  ): Promise<EventPayload | null> {
    requireRole(ctx.user, MANAGERS, "Changing an event");
    const errors: UserError[] = [];
    const key = keyOf("Event", id, "id", errors);
    errors.push(...(await validateInput(input, "input")));
    for (const field of ["name", "kind"] as const) {
      if (input[field] === null)
        errors.push(userError(`input.${field}`, UserErrorCode.REQUIRED, `${field} cannot be cleared.`));
    }
    const change: NodeChange = { props: detailProps(input), relations: relationKeys(input, errors) };
    if (errors.length) return payload(null, errors);
    const outcome = await runWrite(ctx, (tx) =>
      updateAudited(tx, EVENT, {
        action: "updateEvent",
        actor: ctx.user,
        id: key,
        expectedVersion,
        change,
        now: now(),
      }),
    );
    if (!outcome.ok) return payload(null, outcome.userErrors);
    primeNode(ctx, "Event", outcome.value.props);
    return payload(Event.from(outcome.value.props));
  }
}
