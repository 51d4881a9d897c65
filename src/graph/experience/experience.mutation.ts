import { Arg, Ctx, Field, ID, Int, Mutation, ObjectType, Resolver } from "type-graphql";
import { requireRoleOrMember, requireRoleOrMemberOfAny, requireSignedIn } from "../../auth/auth.guard";
import { Role, type User } from "../../auth/auth.user";
import type { Context } from "../../context";
import {
  createRequest,
  deleteRequest,
  keyOf,
  keysOf,
  notClearable,
  optionalKey,
  updateRequest,
} from "../common/mutation.run";
import * as plan from "../common/mutation.plans";
import { runMutation } from "../common/mutation.runner";
import { validateInput } from "../common/mutation.validate";
import { type CreateRequest, type UpdateRequest, deleteAudited } from "../common/mutation.writes";
import type { Props } from "../common/node.repository";
import type { NodeChange } from "../common/node.writer";
import { DeletionPayload, UserError, deletion } from "../common/user-error.type";
import { ShareExperienceInput, UpdateExperienceInput } from "./experience.input";
import { Experience } from "./experience.type";
import { EXPERIENCE, experienceSharers, experienceSharersInTx } from "./experience.writer";

@ObjectType({ description: "Result of an experience mutation: the experience, or why nothing changed." })
export class ExperiencePayload {
  @Field(() => Experience, { nullable: true })
  experience!: Experience | null;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

function payload(props: Props | null, userErrors: UserError[]): ExperiencePayload {
  return Object.assign(new ExperiencePayload(), {
    experience: props && Experience.from(props),
    userErrors,
  });
}

const NODE: plan.WrittenType = { type: "Experience", spec: EXPERIENCE };
const DETAILS = ["title", "summary", "date", "kind", "source"] as const;
const EDIT = "Changing an experience";

/** The input as a change (absent: unchanged, null: none); `required` fields may not be cleared. */
async function changeOf(
  input: ShareExperienceInput | UpdateExperienceInput,
  errors: UserError[],
  required: readonly ("title" | "summary" | "kind")[] = [],
): Promise<NodeChange> {
  errors.push(...(await validateInput(input, "input")));
  errors.push(...notClearable(input, required));
  const relations = plan.givenRelations({
    topics: keysOf("Topic", input.topics, "input.topics", errors),
    conditions: keysOf("Condition", input.conditions, "input.conditions", errors),
    place: plan.optionalCode(input.place),
    initiative: optionalKey("Initiative", input.initiative, "input.initiative", errors),
    event: optionalKey("Event", input.event, "input.event", errors),
  });
  return { props: plan.givenProps(input, DETAILS), relations };
}

function mayEdit(user: User, sharers: readonly string[], action: string): void {
  requireRoleOrMemberOfAny(user, [Role.ADMIN], sharers, action);
}

@Resolver(() => Experience)
export class ExperienceMutationResolver extends plan.VersionedResolver("Experience", Experience) {
  @Mutation(() => ExperiencePayload, {
    nullable: true,
    description: "Shares an experience of your organisation. Members of that organisation and admins.",
  })
  shareExperience(
    @Arg("input", () => ShareExperienceInput, { validate: false }) input: ShareExperienceInput,
    @Ctx() ctx: Context,
  ): Promise<ExperiencePayload | null> {
    const action = "Sharing an experience";
    let request!: CreateRequest;
    const stages = plan.createStages(ctx, NODE, { name: "shareExperience", input }, payload, () => request);
    return runMutation(ctx, {
      ...stages,
      authorise: () => requireSignedIn(ctx.user, action),
      parse: (errors) => keyOf("Organisation", input.organisation, "input.organisation", errors),
      authoriseInput: (organisation) => requireRoleOrMember(ctx.user, [Role.ADMIN], organisation, action),
      // After the ownership check: who may not share for this organisation learns nothing about the input.
      validate: async (organisation, errors) => {
        const change = await changeOf(input, errors);
        // The sharer is a relation of the create: an unknown organisation is NOT_FOUND on
        // input.organisation from the same one statement (no check, no link afterwards).
        const relations = { sharedBy: [organisation], ...change.relations };
        request = createRequest(ctx, "shareExperience", input, input.title, "ervaring", {
          ...change,
          relations,
        });
      },
    });
  }

  @Mutation(() => ExperiencePayload, {
    nullable: true,
    description: "Changes an experience. Members of an organisation that shared it, and admins.",
  })
  updateExperience(
    @Arg("id", () => ID) id: string,
    @Arg("expectedVersion", () => Int) expectedVersion: number,
    @Arg("input", () => UpdateExperienceInput, { validate: false }) input: UpdateExperienceInput,
    @Ctx() ctx: Context,
  ): Promise<ExperiencePayload | null> {
    let update!: UpdateRequest;
    return runMutation(ctx, {
      authorise: () => requireSignedIn(ctx.user, EDIT),
      parse: (errors) => keyOf("Experience", id, "id", errors),
      authoriseInput: async (key) => mayEdit(ctx.user, await experienceSharers(ctx.db, key), EDIT),
      validate: async (key, errors) => {
        const change = await changeOf(input, errors, ["title", "summary", "kind"]);
        // Ownership again under the lock: sharing may have changed since the check above.
        update = updateRequest(ctx, "updateExperience", key, expectedVersion, change, {
          authorize: async (t) => mayEdit(ctx.user, await experienceSharersInTx(t, key), EDIT),
        });
      },
      ...plan.updateStages(ctx, NODE, payload, () => update),
    });
  }

  @Mutation(() => DeletionPayload, {
    nullable: true,
    description: "Deletes an experience. Members of an organisation that shared it, and admins.",
  })
  deleteExperience(
    @Arg("id", () => ID) id: string,
    @Arg("expectedVersion", () => Int) expectedVersion: number,
    @Ctx() ctx: Context,
  ): Promise<DeletionPayload | null> {
    const action = "Deleting an experience";
    return runMutation(ctx, {
      authorise: () => requireSignedIn(ctx.user, action),
      parse: (errors) => keyOf("Experience", id, "id", errors),
      authoriseInput: async (key) => mayEdit(ctx.user, await experienceSharers(ctx.db, key), action),
      write: async (tx, key) => {
        await deleteAudited(
          tx,
          EXPERIENCE,
          deleteRequest(ctx, "deleteExperience", key, expectedVersion, async (t) =>
            mayEdit(ctx.user, await experienceSharersInTx(t, key), action),
          ),
        );
        return key;
      },
      payload: (key, errors) => deletion("Experience", key, errors),
    });
  }
}
