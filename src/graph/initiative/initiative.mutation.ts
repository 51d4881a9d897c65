import { Arg, Ctx, Field, ID, Int, Mutation, ObjectType, Resolver } from "type-graphql";
import { forbidden } from "../../auth/auth.errors";
import { requireRole, requireRoleOrMember, requireSignedIn } from "../../auth/auth.guard";
import { Role } from "../../auth/auth.user";
import type { Context } from "../../context";
import { aggregatesFollowAudited, auditEntriesParams } from "../common/audit.writer";
import { ParticipationRole } from "../common/enums";
import {
  createRequest,
  keyOf,
  keysOf,
  notClearable,
  now,
  primeNode,
  updateRequest,
} from "../common/mutation.run";
import * as plan from "../common/mutation.plans";
import { runMutation } from "../common/mutation.runner";
import { validateInput } from "../common/mutation.validate";
import type { NodeChange } from "../common/node.writer";
import { NodePayload, Rollback, UserError, UserErrorCode, userError } from "../common/user-error.type";
import { Organisation } from "../organisation/organisation.type";
import { CreateInitiativeInput, UpdateInitiativeInput } from "./initiative.input";
import { Initiative } from "./initiative.type";
import { INITIATIVE, changeParticipation, readParticipation } from "./initiative.writer";

export const InitiativePayload = NodePayload(
  Initiative,
  "initiative",
  "Result of an initiative mutation: the initiative, or why nothing changed.",
);
export type InitiativePayload = InstanceType<typeof InitiativePayload>;

@ObjectType({ description: "Result of joining or leaving an initiative." })
export class ParticipationPayload {
  @Field(() => Initiative, { nullable: true })
  initiative!: Initiative | null;

  @Field(() => Organisation, { nullable: true })
  organisation!: Organisation | null;

  @Field(() => ParticipationRole, { nullable: true, description: "Its role now; null after leaving." })
  role!: ParticipationRole | null;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

const payload = InitiativePayload.of;

function participation(
  fields: Partial<Omit<ParticipationPayload, "userErrors">>,
  userErrors: UserError[] = [],
): ParticipationPayload {
  return Object.assign(new ParticipationPayload(), {
    initiative: null,
    organisation: null,
    role: null,
    ...fields,
    userErrors,
  });
}

const NODE: plan.WrittenType = { type: "Initiative", spec: INITIATIVE };
const DETAILS = ["name", "kind", "goal", "startDate", "endDate", "status", "source"] as const;
const MANAGERS = [Role.COORDINATOR, Role.ADMIN] as const;

/** The input as a change (absent: unchanged, null: none); `required` fields may not be cleared. */
async function changeOf(
  input: CreateInitiativeInput | UpdateInitiativeInput,
  errors: UserError[],
  required: readonly ("name" | "kind" | "status")[] = [],
): Promise<NodeChange> {
  errors.push(...(await validateInput(input, "input")));
  if (input.startDate && input.endDate && input.endDate < input.startDate) {
    errors.push(userError("input.endDate", UserErrorCode.INVALID, "endDate lies before startDate."));
  }
  errors.push(...notClearable(input, required));
  const relations = plan.givenRelations({
    topics: keysOf("Topic", input.topics, "input.topics", errors),
    conditions: keysOf("Condition", input.conditions, "input.conditions", errors),
    places: input.places === undefined ? undefined : (input.places ?? []),
  });
  return { props: plan.givenProps(input, DETAILS), relations };
}

@Resolver(() => Initiative)
export class InitiativeMutationResolver extends plan.VersionedResolver("Initiative", Initiative) {
  @Mutation(() => InitiativePayload, {
    nullable: true,
    description: "Starts an initiative. Coordinators and admins.",
  })
  createInitiative(
    @Arg("input", () => CreateInitiativeInput, { validate: false }) input: CreateInitiativeInput,
    @Ctx() ctx: Context,
  ): Promise<InitiativePayload | null> {
    return runMutation(ctx, {
      authorise: () => requireRole(ctx.user, MANAGERS, "Creating an initiative"),
      parse: async (errors) => {
        const change = await changeOf(input, errors);
        return createRequest(ctx, "createInitiative", input, input.name, "initiatief", change);
      },
      ...plan.createStages(ctx, NODE, { name: "createInitiative", input }, payload),
    });
  }

  @Mutation(() => InitiativePayload, {
    nullable: true,
    description: "Changes an initiative. Coordinators and admins.",
  })
  updateInitiative(
    @Arg("id", () => ID) id: string,
    @Arg("expectedVersion", () => Int) expectedVersion: number,
    @Arg("input", () => UpdateInitiativeInput, { validate: false }) input: UpdateInitiativeInput,
    @Ctx() ctx: Context,
  ): Promise<InitiativePayload | null> {
    return runMutation(ctx, {
      authorise: () => requireRole(ctx.user, MANAGERS, "Changing an initiative"),
      parse: async (errors) => {
        const key = keyOf("Initiative", id, "id", errors);
        const change = await changeOf(input, errors, ["name", "kind", "status"]);
        return updateRequest(ctx, "updateInitiative", key, expectedVersion, change);
      },
      ...plan.updateStages(ctx, NODE, payload),
    });
  }

  @Mutation(() => ParticipationPayload, {
    nullable: true,
    description:
      "An organisation joins an initiative with a role (or changes its role). Members for their own organisation (not as COORDINATOR); coordinators and admins for any.",
  })
  async joinInitiative(
    @Arg("initiative", () => ID) initiative: string,
    @Arg("organisation", () => ID) organisation: string,
    @Arg("role", () => ParticipationRole) role: ParticipationRole,
    @Ctx() ctx: Context,
  ): Promise<ParticipationPayload | null> {
    return this.participate(ctx, initiative, organisation, role);
  }

  @Mutation(() => ParticipationPayload, {
    nullable: true,
    description:
      "An organisation leaves an initiative. Members for their own organisation; coordinators and admins for any.",
  })
  async leaveInitiative(
    @Arg("initiative", () => ID) initiative: string,
    @Arg("organisation", () => ID) organisation: string,
    @Ctx() ctx: Context,
  ): Promise<ParticipationPayload | null> {
    return this.participate(ctx, initiative, organisation, null);
  }

  /** Join (role given) or leave (null): one transaction, one audit event on each side when it changes. */
  private participate(
    ctx: Context,
    initiativeId: string,
    organisationId: string,
    role: ParticipationRole | null,
  ): Promise<ParticipationPayload> {
    const action = role ? "Joining an initiative" : "Leaving an initiative";
    return runMutation(ctx, {
      authorise: () => requireSignedIn(ctx.user, action),
      parse: (errors) => ({
        initiative: keyOf("Initiative", initiativeId, "initiative", errors),
        organisation: keyOf("Organisation", organisationId, "organisation", errors),
      }),
      authoriseInput: ({ organisation }) => {
        requireRoleOrMember(ctx.user, MANAGERS, organisation, action);
        if (role === ParticipationRole.COORDINATOR && ctx.user.role === Role.MEMBER) {
          throw forbidden(
            "Only coordinators and admins can make an organisation the COORDINATOR of an initiative.",
          );
        }
      },
      write: async (tx, { initiative, organisation }) => {
        const before = await readParticipation(tx, initiative, organisation);
        const missing: UserError[] = [];
        if (!before.initiative)
          missing.push(
            userError("initiative", UserErrorCode.NOT_FOUND, `No Initiative has id "${initiative}".`),
          );
        if (!before.organisation)
          missing.push(
            userError("organisation", UserErrorCode.NOT_FOUND, `No Organisation has id "${organisation}".`),
          );
        if (!role && before.initiative && before.organisation && before.role === null)
          missing.push(
            userError(
              "organisation",
              UserErrorCode.NOT_FOUND,
              `"${organisation}" does not take part in "${initiative}".`,
            ),
          );
        if (missing.length) throw new Rollback(missing);
        if (before.role !== role) {
          const mutation = role ? "joinInitiative" : "leaveInitiative";
          const entries = [
            {
              action: mutation,
              targetType: "Initiative",
              targetId: initiative,
              changedFields: ["participants"],
            },
            {
              action: mutation,
              targetType: "Organisation",
              targetId: organisation,
              changedFields: ["initiatives"],
            },
          ];
          // The change and its audit events in one statement, then the aggregates.
          await changeParticipation(
            tx,
            initiative,
            organisation,
            role,
            auditEntriesParams(ctx.user, entries, now()),
          );
          await aggregatesFollowAudited(tx, entries);
        }
        return before;
      },
      prime: ({ initiative: i, organisation: o }) => {
        if (i) primeNode(ctx, "Initiative", i);
        if (o) primeNode(ctx, "Organisation", o);
      },
      payload: (before, errors) =>
        participation(
          before
            ? {
                initiative: before.initiative ? Initiative.from(before.initiative) : null,
                organisation: before.organisation ? Organisation.from(before.organisation) : null,
                role,
              }
            : {},
          errors,
        ),
    });
  }
}
