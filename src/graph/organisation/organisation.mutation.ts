import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from "type-graphql";
import { requireRole, requireRoleOrMember, requireSignedIn } from "../../auth/auth.guard";
import { Role, canSeeContacts } from "../../auth/auth.user";
import type { Context } from "../../context";
import { OrganisationStatus } from "../common/enums";
import { loadNode } from "../common/node.loader";
import {
  createRequest,
  deleteRequest,
  keyOf,
  keysOf,
  notClearable,
  updateRequest,
} from "../common/mutation.run";
import * as plan from "../common/mutation.plans";
import { runMutation } from "../common/mutation.runner";
import { validateInput } from "../common/mutation.validate";
import { type UpdateRequest, deleteAudited } from "../common/mutation.writes";
import type { NodeChange } from "../common/node.writer";
import {
  DeletionPayload,
  NodePayload,
  UserError,
  UserErrorCode,
  deletion,
  userError,
} from "../common/user-error.type";
import { optStr } from "../common/props";
import {
  CreateOrganisationInput,
  OrganisationPlacesInput,
  UpdateOrganisationInput,
} from "./organisation.input";
import { Organisation } from "./organisation.type";
import { ORGANISATION } from "./organisation.writer";

export const OrganisationPayload = NodePayload(
  Organisation,
  "organisation",
  "Result of an organisation mutation: the organisation, or why nothing changed.",
);
export type OrganisationPayload = InstanceType<typeof OrganisationPayload>;

const MAX_TOPICS = 50;
const MAX_CONDITIONS = 50;
const NODE: plan.WrittenType = { type: "Organisation", spec: ORGANISATION };

const payload = OrganisationPayload.of;

const PROFILE = [
  "name",
  "kind",
  "scope",
  "description",
  "website",
  "contactEmail",
  "contactPhone",
  "source",
] as const;

function tooMany(field: string, list: readonly unknown[], max: number): UserError[] {
  return list.length > max
    ? [userError(field, UserErrorCode.TOO_LONG, `${field} holds more than ${max} items.`)]
    : [];
}

@Resolver(() => Organisation)
export class OrganisationMutationResolver extends plan.VersionedResolver("Organisation", Organisation) {
  @FieldResolver(() => String, {
    nullable: true,
    description:
      "Functional e-mail address; null unless you are a coordinator, an admin or a member of this organisation.",
  })
  contactEmail(@Root() o: Organisation, @Ctx() ctx: Context): Promise<string | null> {
    return contact(ctx, o.key, "contactEmail");
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: "Functional phone number; visible like contactEmail.",
  })
  contactPhone(@Root() o: Organisation, @Ctx() ctx: Context): Promise<string | null> {
    return contact(ctx, o.key, "contactPhone");
  }

  @Mutation(() => OrganisationPayload, { nullable: true, description: "Adds an organisation. Admins." })
  createOrganisation(
    @Arg("input", () => CreateOrganisationInput, { validate: false }) input: CreateOrganisationInput,
    @Ctx() ctx: Context,
  ): Promise<OrganisationPayload | null> {
    return runMutation(ctx, {
      authorise: () => requireRole(ctx.user, [Role.ADMIN], "Creating an organisation"),
      parse: async (errors) => {
        errors.push(...(await validateInput(input, "input")));
        const relations = plan.givenRelations({
          topics: keysOf("Topic", input.topics, "input.topics", errors),
          conditions: keysOf("Condition", input.conditions, "input.conditions", errors),
          activeIn: input.activeIn ?? undefined,
          basedIn: input.basedIn ? [input.basedIn] : undefined,
        });
        const props = { ...plan.givenProps(input, PROFILE), status: OrganisationStatus.ACTIVE };
        return createRequest(ctx, "createOrganisation", input, input.name, "organisatie", {
          props,
          relations,
        });
      },
      ...plan.createStages(ctx, NODE, { name: "createOrganisation", input }, payload),
    });
  }

  @Mutation(() => OrganisationPayload, {
    nullable: true,
    description: "Changes an organisation's profile. Admins and the organisation's members.",
  })
  updateOrganisation(
    @Arg("id", () => ID) id: string,
    @Arg("expectedVersion", () => Int) expectedVersion: number,
    @Arg("input", () => UpdateOrganisationInput, { validate: false }) input: UpdateOrganisationInput,
    @Ctx() ctx: Context,
  ): Promise<OrganisationPayload | null> {
    return this.update(
      ctx,
      "updateOrganisation",
      "Changing an organisation",
      id,
      expectedVersion,
      async (errors) => {
        errors.push(...(await validateInput(input, "input")));
        errors.push(...notClearable(input, ["name", "kind", "scope"]));
        return { props: plan.givenProps(input, PROFILE), relations: {} };
      },
    );
  }

  @Mutation(() => DeletionPayload, {
    nullable: true,
    description: "Deletes an organisation and its relationships (experiences it shared stay). Admins.",
  })
  deleteOrganisation(
    @Arg("id", () => ID) id: string,
    @Arg("expectedVersion", () => Int) expectedVersion: number,
    @Ctx() ctx: Context,
  ): Promise<DeletionPayload | null> {
    return runMutation(ctx, {
      authorise: () => requireRole(ctx.user, [Role.ADMIN], "Deleting an organisation"),
      parse: (errors) => keyOf("Organisation", id, "id", errors),
      write: async (tx, key) => {
        await deleteAudited(tx, ORGANISATION, deleteRequest(ctx, "deleteOrganisation", key, expectedVersion));
        return key;
      },
      payload: (key, errors) => deletion("Organisation", key, errors),
    });
  }

  @Mutation(() => OrganisationPayload, {
    nullable: true,
    description: "Replaces the topics an organisation works on. Admins and its members.",
  })
  setOrganisationTopics(
    @Arg("id", () => ID) id: string,
    @Arg("expectedVersion", () => Int) expectedVersion: number,
    @Arg("topics", () => [ID]) topics: string[],
    @Ctx() ctx: Context,
  ): Promise<OrganisationPayload | null> {
    return this.update(
      ctx,
      "setOrganisationTopics",
      "Changing an organisation",
      id,
      expectedVersion,
      (errors) => {
        errors.push(...tooMany("topics", topics, MAX_TOPICS));
        return { props: {}, relations: { topics: keysOf("Topic", topics, "topics", errors) ?? [] } };
      },
      "",
    );
  }

  @Mutation(() => OrganisationPayload, {
    nullable: true,
    description:
      "Replaces the conditions or target groups an organisation represents. Admins and its members.",
  })
  setOrganisationConditions(
    @Arg("id", () => ID) id: string,
    @Arg("expectedVersion", () => Int) expectedVersion: number,
    @Arg("conditions", () => [ID]) conditions: string[],
    @Ctx() ctx: Context,
  ): Promise<OrganisationPayload | null> {
    return this.update(
      ctx,
      "setOrganisationConditions",
      "Changing an organisation",
      id,
      expectedVersion,
      (errors) => {
        errors.push(...tooMany("conditions", conditions, MAX_CONDITIONS));
        return {
          props: {},
          relations: { conditions: keysOf("Condition", conditions, "conditions", errors) ?? [] },
        };
      },
      "",
    );
  }

  @Mutation(() => OrganisationPayload, {
    nullable: true,
    description:
      "Replaces where an organisation works (former municipalities resolve to their successor). Admins and its members.",
  })
  setOrganisationPlaces(
    @Arg("id", () => ID) id: string,
    @Arg("expectedVersion", () => Int) expectedVersion: number,
    @Arg("input", () => OrganisationPlacesInput, { validate: false }) input: OrganisationPlacesInput,
    @Ctx() ctx: Context,
  ): Promise<OrganisationPayload | null> {
    const action = "Changing an organisation's places";
    return this.update(ctx, "setOrganisationPlaces", action, id, expectedVersion, async (errors) => {
      errors.push(...(await validateInput(input, "input")));
      const relations = plan.givenRelations({
        activeIn: input.activeIn,
        basedIn: plan.optionalCode(input.basedIn),
      });
      return { props: {}, relations };
    });
  }

  /**
   * An update of an organisation by an admin or one of its members: the id is checked first, then who
   * may, then the change (`change` pushes user errors), all through the one mutation runner.
   */
  private update(
    ctx: Context,
    mutation: string,
    action: string,
    id: string,
    expectedVersion: number,
    change: (errors: UserError[]) => NodeChange | Promise<NodeChange>,
    path = "input",
  ): Promise<OrganisationPayload> {
    let request!: UpdateRequest;
    return runMutation(ctx, {
      authorise: () => requireSignedIn(ctx.user, action),
      parse: (errors) => keyOf("Organisation", id, "id", errors),
      authoriseInput: (key) => requireRoleOrMember(ctx.user, [Role.ADMIN], key, action),
      validate: async (key, errors) => {
        request = updateRequest(ctx, mutation, key, expectedVersion, await change(errors), { path });
      },
      ...plan.updateStages(ctx, NODE, payload, () => request),
    });
  }
}

/** Contact details are read only for callers allowed to see them; the others get null without a read. */
async function contact(
  ctx: Context,
  key: string,
  field: "contactEmail" | "contactPhone",
): Promise<string | null> {
  if (!canSeeContacts(ctx.user, key)) return null;
  const props = await loadNode(ctx, "Organisation", key, (p) => p);
  return props ? optStr(props, field) : null;
}
