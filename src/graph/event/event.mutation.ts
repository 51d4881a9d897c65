import { Arg, Ctx, ID, Int, Mutation, Resolver } from "type-graphql";
import { requireRole } from "../../auth/auth.guard";
import { Role } from "../../auth/auth.user";
import type { Context } from "../../context";
import {
  createRequest,
  keyOf,
  keysOf,
  notClearable,
  optionalKey,
  updateRequest,
} from "../common/mutation.run";
import * as plan from "../common/mutation.plans";
import { runMutation } from "../common/mutation.runner";
import { validateInput } from "../common/mutation.validate";
import type { NodeChange } from "../common/node.writer";
import { NodePayload, UserError } from "../common/user-error.type";
import { CreateEventInput, UpdateEventInput } from "./event.input";
import { Event } from "./event.type";
import { EVENT } from "./event.writer";

export const EventPayload = NodePayload(
  Event,
  "event",
  "Result of an event mutation: the event, or why nothing changed.",
);
export type EventPayload = InstanceType<typeof EventPayload>;

const payload = EventPayload.of;

const NODE: plan.WrittenType = { type: "Event", spec: EVENT };
const DETAILS = ["name", "kind", "date", "source"] as const;
const MANAGERS = [Role.COORDINATOR, Role.ADMIN] as const;

/** The input as a change: its properties and relation fields (absent: unchanged, null: none). */
async function changeOf(
  input: CreateEventInput | UpdateEventInput,
  errors: UserError[],
  required: readonly ("name" | "kind")[] = [],
): Promise<NodeChange> {
  errors.push(...(await validateInput(input, "input")));
  errors.push(...notClearable(input, required));
  const relations = plan.givenRelations({
    topics: keysOf("Topic", input.topics, "input.topics", errors),
    place: plan.optionalCode(input.place),
    initiative: optionalKey("Initiative", input.initiative, "input.initiative", errors),
  });
  return { props: plan.givenProps(input, DETAILS), relations };
}

@Resolver(() => Event)
export class EventMutationResolver extends plan.VersionedResolver("Event", Event) {
  @Mutation(() => EventPayload, { nullable: true, description: "Adds an event. Coordinators and admins." })
  createEvent(
    @Arg("input", () => CreateEventInput, { validate: false }) input: CreateEventInput,
    @Ctx() ctx: Context,
  ): Promise<EventPayload | null> {
    return runMutation(ctx, {
      authorise: () => requireRole(ctx.user, MANAGERS, "Creating an event"),
      parse: async (errors) =>
        createRequest(ctx, "createEvent", input, input.name, "evenement", await changeOf(input, errors)),
      ...plan.createStages(ctx, NODE, { name: "createEvent", input }, payload),
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
        const change = await changeOf(input, errors, ["name", "kind"]);
        return updateRequest(ctx, "updateEvent", key, expectedVersion, change);
      },
      ...plan.updateStages(ctx, NODE, payload),
    });
  }
}
