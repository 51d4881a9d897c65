import { Arg, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Resolver, Root } from "type-graphql";
import { requireRoleOrMember, requireRoleOrMemberOfAny, requireSignedIn } from "../../auth/auth.guard";
import { Role, type User } from "../../auth/auth.user";
import type { Context } from "../../context";
import { toGlobalId } from "../common/global-id";
import { keyOf, keysOf, now, optionalKey, primeNode, runWrite } from "../common/mutation.run";
import { validateInput } from "../common/mutation.validate";
import { createAudited, deleteAudited, updateAudited } from "../common/mutation.writes";
import { loadNode } from "../common/node.loader";
import { type NodeChange, type PropValue, alreadyExists, slugFrom, versionOf } from "../common/node.writer";
import { DeletionPayload, Rollback, UserError, UserErrorCode, userError } from "../common/user-error.type";
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
  async shareExperience(
    @Arg("input", () => ShareExperienceInput, { validate: false }) input: ShareExperienceInput,
    @Ctx() ctx: Context,
  ): Promise<ExperiencePayload | null> {
    const action = "Sharing an experience";
    requireSignedIn(ctx.user, action);
    const errors: UserError[] = [];
    const organisation = keyOf("Organisation", input.organisation, "input.organisation", errors);
    if (errors.length) return payload(null, errors);
    requireRoleOrMember(ctx.user, [Role.ADMIN], organisation, action);
    errors.push(...(await validateInput(input, "input")));
    const change: NodeChange = { props: detailProps(input), relations: relationKeys(input, errors) };
    if (errors.length) return payload(null, errors);
    const slug = input.id ?? slugFrom(input.title);
    const request = {
      action: "shareExperience",
      actor: ctx.user,
      wantedId: slug || "ervaring",
      suffixOnCollision: input.suffixOnCollision || !slug,
      change,
      now: now(),
      extra: async (tx: Parameters<typeof linkSharer>[0], id: string) => {
        await linkSharer(tx, organisation, id);
        return ["sharedBy"];
      },
    };
    const outcome = await runWrite(
      ctx,
      async (tx) => {
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
      () => alreadyExists("Experience", request.wantedId, "input.id"),
    );
    if (!outcome.ok) return payload(null, outcome.userErrors);
    primeNode(ctx, "Experience", outcome.value);
    return payload(Experience.from(outcome.value));
  }

  @Mutation(() => ExperiencePayload, {
    nullable: true,
    description: "Changes an experience. Members of an organisation that shared it, and admins.",
  })
  async updateExperience(
    @Arg("id", () => ID) id: string,
    @Arg("expectedVersion", () => Int) expectedVersion: number,
    @Arg("input", () => UpdateExperienceInput, { validate: false }) input: UpdateExperienceInput,
    @Ctx() ctx: Context,
  ): Promise<ExperiencePayload | null> {
    requireSignedIn(ctx.user, EDIT);
    const errors: UserError[] = [];
    const key = keyOf("Experience", id, "id", errors);
    if (errors.length) return payload(null, errors);
    mayEdit(ctx.user, await experienceSharers(ctx.db, key), EDIT);
    errors.push(...(await validateInput(input, "input")));
    for (const field of ["title", "summary", "kind"] as const) {
      if (input[field] === null)
        errors.push(userError(`input.${field}`, UserErrorCode.REQUIRED, `${field} cannot be cleared.`));
    }
    const change: NodeChange = { props: detailProps(input), relations: relationKeys(input, errors) };
    if (errors.length) return payload(null, errors);
    const outcome = await runWrite(ctx, (tx) =>
      updateAudited(tx, EXPERIENCE, {
        action: "updateExperience",
        actor: ctx.user,
        id: key,
        expectedVersion,
        change,
        now: now(),
        // Ownership again under the lock: sharing may have changed since the check above.
        authorize: async (t) => mayEdit(ctx.user, await experienceSharersInTx(t, key), EDIT),
      }),
    );
    if (!outcome.ok) return payload(null, outcome.userErrors);
    primeNode(ctx, "Experience", outcome.value.props);
    return payload(Experience.from(outcome.value.props));
  }

  @Mutation(() => DeletionPayload, {
    nullable: true,
    description: "Deletes an experience. Members of an organisation that shared it, and admins.",
  })
  async deleteExperience(
    @Arg("id", () => ID) id: string,
    @Arg("expectedVersion", () => Int) expectedVersion: number,
    @Ctx() ctx: Context,
  ): Promise<DeletionPayload | null> {
    const action = "Deleting an experience";
    requireSignedIn(ctx.user, action);
    const errors: UserError[] = [];
    const key = keyOf("Experience", id, "id", errors);
    const result = (deletedId: string | null, userErrors: UserError[]) =>
      Object.assign(new DeletionPayload(), { deletedId, userErrors });
    if (errors.length) return result(null, errors);
    mayEdit(ctx.user, await experienceSharers(ctx.db, key), action);
    const outcome = await runWrite(ctx, (tx) =>
      deleteAudited(tx, EXPERIENCE, {
        action: "deleteExperience",
        actor: ctx.user,
        id: key,
        expectedVersion,
        now: now(),
        authorize: async (t) => mayEdit(ctx.user, await experienceSharersInTx(t, key), action),
      }),
    );
    return outcome.ok ? result(toGlobalId("Experience", key), []) : result(null, outcome.userErrors);
  }
}
