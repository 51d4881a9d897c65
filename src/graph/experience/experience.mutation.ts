import { Arg, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Resolver, Root } from "type-graphql";
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
  primeNode,
  updateRequest,
} from "../common/mutation.run";
import { createReplay, runMutation } from "../common/mutation.runner";
import { validateInput } from "../common/mutation.validate";
import {
  type CreateRequest,
  type UpdateRequest,
  createAudited,
  deleteAudited,
  updateAudited,
} from "../common/mutation.writes";
import { loadNode } from "../common/node.loader";
import { type NodeChange, type PropValue, alreadyExists, versionOf } from "../common/node.writer";
import {
  DeletionPayload,
  Rollback,
  UserError,
  UserErrorCode,
  deletion,
  userError,
} from "../common/user-error.type";
import { ShareExperienceInput, UpdateExperienceInput } from "./experience.input";
import { Experience } from "./experience.type";
import {
  EXPERIENCE,
  experienceSharers,
  experienceSharersInTx,
  linkSharer,
  organisationExists,
} from "./experience.writer";

@ObjectType({ description: "Result of an experience mutation: the experience, or why nothing changed." })
export class ExperiencePayload {
  @Field(() => Experience, { nullable: true })
  experience!: Experience | null;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

function payload(experience: Experience | null, userErrors: UserError[] = []): ExperiencePayload {
  return Object.assign(new ExperiencePayload(), { experience, userErrors });
}

const DETAILS = ["title", "summary", "date", "kind", "source"] as const;
type Details = { [K in (typeof DETAILS)[number]]?: string | null };

function detailProps(input: Details): Record<string, PropValue> {
  const props: Record<string, PropValue> = {};
  for (const k of DETAILS) if (input[k] !== undefined) props[k] = input[k];
  return props;
}

/** Relation fields of the input as keys (absent: unchanged, null: none). */
function relationKeys(
  input: ShareExperienceInput | UpdateExperienceInput,
  errors: UserError[],
): Record<string, string[]> {
  const relations: Record<string, string[] | undefined> = {
    topics: keysOf("Topic", input.topics, "input.topics", errors),
    conditions: keysOf("Condition", input.conditions, "input.conditions", errors),
    place: input.place === undefined ? undefined : input.place === null ? [] : [input.place],
    initiative: optionalKey("Initiative", input.initiative, "input.initiative", errors),
    event: optionalKey("Event", input.event, "input.event", errors),
  };
  return Object.fromEntries(
    Object.entries(relations).filter((e): e is [string, string[]] => e[1] !== undefined),
  );
}

const EDIT = "Changing an experience";

function mayEdit(user: User, sharers: readonly string[], action: string): void {
  requireRoleOrMemberOfAny(user, [Role.ADMIN], sharers, action);
}

@Resolver(() => Experience)
export class ExperienceMutationResolver {
  @FieldResolver(() => Int, {
    description: "Counts up by one with every change; send it back as expectedVersion when you update.",
  })
  async version(@Root() x: Experience, @Ctx() ctx: Context): Promise<number> {
    const props = await loadNode(ctx, "Experience", x.key, (p) => p);
    return props ? versionOf(props) : 1;
  }

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
    return runMutation(ctx, {
      authorise: () => requireSignedIn(ctx.user, action),
      parse: (errors) => keyOf("Organisation", input.organisation, "input.organisation", errors),
      authoriseInput: (organisation) => requireRoleOrMember(ctx.user, [Role.ADMIN], organisation, action),
      validate: async (organisation, errors) => {
        errors.push(...(await validateInput(input, "input")));
        request = createRequest(
          ctx,
          "shareExperience",
          input,
          input.title,
          "ervaring",
          {
            props: detailProps(input),
            relations: relationKeys(input, errors),
          },
          async (tx, id) => {
            await linkSharer(tx, organisation, id);
            return ["sharedBy"];
          },
        );
      },
      write: async (tx, organisation) => {
        if (!(await organisationExists(tx, organisation))) {
          throw new Rollback([
            userError(
              "input.organisation",
              UserErrorCode.NOT_FOUND,
              `No Organisation has id "${organisation}".`,
            ),
          ]);
        }
        return createAudited(tx, EXPERIENCE, request);
      },
      onDuplicate: () => alreadyExists("Experience", request.wantedId, "input.id"),
      retryOnDuplicate: () => request.suffixOnCollision,
      idempotent: createReplay("shareExperience", input, "Experience"),
      prime: (props) => primeNode(ctx, "Experience", props),
      payload: (props, errors) => payload(props && Experience.from(props), errors),
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
        errors.push(...(await validateInput(input, "input")));
        errors.push(...notClearable(input, ["title", "summary", "kind"]));
        const change: NodeChange = { props: detailProps(input), relations: relationKeys(input, errors) };
        // Ownership again under the lock: sharing may have changed since the check above.
        update = updateRequest(ctx, "updateExperience", key, expectedVersion, change, {
          authorize: async (t) => mayEdit(ctx.user, await experienceSharersInTx(t, key), EDIT),
        });
      },
      write: (tx) => updateAudited(tx, EXPERIENCE, update),
      prime: (result) => primeNode(ctx, "Experience", result.props),
      payload: (result, errors) => payload(result && Experience.from(result.props), errors),
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
