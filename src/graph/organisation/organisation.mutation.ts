import { Arg, Ctx, FieldResolver, ID, Int, Mutation, ObjectType, Field, Resolver, Root } from "type-graphql";
import { requireRole, requireRoleOrMember, requireSignedIn } from "../../auth/auth.guard";
import { Role, canSeeContacts } from "../../auth/auth.user";
import type { Context } from "../../context";
import { mergeOrganisations } from "../../features/merge/merge.writer";
import { OrganisationStatus } from "../common/enums";
import { toGlobalId } from "../common/global-id";
import { loadNode } from "../common/node.loader";
import { now, keyOf, keysOf, primeNode, runWrite } from "../common/mutation.run";
import { validateInput } from "../common/mutation.validate";
import { createAudited, deleteAudited, updateAudited } from "../common/mutation.writes";
import { type NodeChange, type PropValue, alreadyExists, slugFrom, versionOf } from "../common/node.writer";
import { DeletionPayload, UserError, UserErrorCode, userError } from "../common/user-error.type";
import { optStr } from "../common/props";
import {
  CreateOrganisationInput,
  MergeOrganisationsInput,
  OrganisationPlacesInput,
  UpdateOrganisationInput,
} from "./organisation.input";
import { Organisation } from "./organisation.type";
import { ORGANISATION } from "./organisation.writer";

@ObjectType({ description: "Result of an organisation mutation: the organisation, or why nothing changed." })
export class OrganisationPayload {
  @Field(() => Organisation, { nullable: true })
  organisation!: Organisation | null;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@ObjectType()
export class MergeOrganisationsPayload {
  @Field(() => Organisation, { nullable: true, description: "The organisation that continues." })
  survivor!: Organisation | null;

  @Field(() => Organisation, { nullable: true, description: "The merged one, now INACTIVE." })
  merged!: Organisation | null;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

const MAX_TOPICS = 50;
const MAX_CONDITIONS = 50;

function payload(organisation: Organisation | null, userErrors: UserError[] = []): OrganisationPayload {
  return Object.assign(new OrganisationPayload(), { organisation, userErrors });
}

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
type Profile = { [K in (typeof PROFILE)[number]]?: string | null };

/** Profile fields given in the input (absent ones are left out: unchanged). */
function profileProps(input: Profile): Record<string, PropValue> {
  const props: Record<string, PropValue> = {};
  for (const k of PROFILE) {
    const v = input[k];
    if (v !== undefined) props[k] = v;
  }
  return props;
}

function tooMany(field: string, list: readonly unknown[], max: number): UserError[] {
  return list.length > max
    ? [userError(field, UserErrorCode.TOO_LONG, `${field} holds more than ${max} items.`)]
    : [];
}

@Resolver(() => Organisation)
export class OrganisationMutationResolver {
  @FieldResolver(() => Int, {
    description: "Counts up by one with every change; send it back as expectedVersion when you update.",
  })
  async version(@Root() o: Organisation, @Ctx() ctx: Context): Promise<number> {
    const props = await loadNode(ctx, "Organisation", o.key, (p) => p);
    return props ? versionOf(props) : 1;
  }

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
  async createOrganisation(
    @Arg("input", () => CreateOrganisationInput, { validate: false }) input: CreateOrganisationInput,
    @Ctx() ctx: Context,
  ): Promise<OrganisationPayload | null> {
    requireRole(ctx.user, [Role.ADMIN], "Creating an organisation");
    const errors = await validateInput(input, "input");
    const change: NodeChange = {
      props: { ...profileProps(input), status: OrganisationStatus.ACTIVE },
      relations: {},
    };
    const topics = keysOf("Topic", input.topics, "input.topics", errors);
    const conditions = keysOf("Condition", input.conditions, "input.conditions", errors);
    if (topics) change.relations.topics = topics;
    if (conditions) change.relations.conditions = conditions;
    if (input.activeIn) change.relations.activeIn = input.activeIn;
    if (input.basedIn) change.relations.basedIn = [input.basedIn];
    if (errors.length) return payload(null, errors);
    const slug = input.id ?? slugFrom(input.name);
    const request = {
      action: "createOrganisation",
      actor: ctx.user,
      wantedId: slug || "organisatie",
      suffixOnCollision: input.suffixOnCollision || !slug,
      change,
      now: now(),
    };
    let outcome = await runWrite(
      ctx,
      (tx) => createAudited(tx, ORGANISATION, request),
      () => alreadyExists("Organisation", request.wantedId, "input.id"),
    );
    // A concurrent create took the id between the check and the write: with a suffix allowed, try again.
    if (
      !outcome.ok &&
      request.suffixOnCollision &&
      outcome.userErrors[0]?.code === UserErrorCode.ALREADY_EXISTS
    ) {
      outcome = await runWrite(ctx, (tx) => createAudited(tx, ORGANISATION, request));
    }
    if (!outcome.ok) return payload(null, outcome.userErrors);
    primeNode(ctx, "Organisation", outcome.value);
    return payload(Organisation.from(outcome.value));
  }

  @Mutation(() => OrganisationPayload, {
    nullable: true,
    description: "Changes an organisation's profile. Admins and the organisation's members.",
  })
  async updateOrganisation(
    @Arg("id", () => ID) id: string,
    @Arg("expectedVersion", () => Int) expectedVersion: number,
    @Arg("input", () => UpdateOrganisationInput, { validate: false }) input: UpdateOrganisationInput,
    @Ctx() ctx: Context,
  ): Promise<OrganisationPayload | null> {
    const action = "Changing an organisation";
    requireSignedIn(ctx.user, action);
    const errors: UserError[] = [];
    const key = keyOf("Organisation", id, "id", errors);
    if (errors.length) return payload(null, errors);
    requireRoleOrMember(ctx.user, [Role.ADMIN], key, action);
    errors.push(...(await validateInput(input, "input")));
    for (const field of ["name", "kind", "scope"] as const) {
      if (input[field] === null)
        errors.push(userError(`input.${field}`, UserErrorCode.REQUIRED, `${field} cannot be cleared.`));
    }
    if (errors.length) return payload(null, errors);
    return this.update(ctx, "updateOrganisation", key, expectedVersion, {
      props: profileProps(input),
      relations: {},
    });
  }

  @Mutation(() => DeletionPayload, {
    nullable: true,
    description: "Deletes an organisation and its relationships (experiences it shared stay). Admins.",
  })
  async deleteOrganisation(
    @Arg("id", () => ID) id: string,
    @Arg("expectedVersion", () => Int) expectedVersion: number,
    @Ctx() ctx: Context,
  ): Promise<DeletionPayload | null> {
    requireRole(ctx.user, [Role.ADMIN], "Deleting an organisation");
    const errors: UserError[] = [];
    const key = keyOf("Organisation", id, "id", errors);
    if (errors.length) return Object.assign(new DeletionPayload(), { deletedId: null, userErrors: errors });
    const outcome = await runWrite(ctx, (tx) =>
      deleteAudited(tx, ORGANISATION, {
        action: "deleteOrganisation",
        actor: ctx.user,
        id: key,
        expectedVersion,
        now: now(),
      }),
    );
    return Object.assign(new DeletionPayload(), {
      deletedId: outcome.ok ? toGlobalId("Organisation", key) : null,
      userErrors: outcome.ok ? [] : outcome.userErrors,
    });
  }

  @Mutation(() => OrganisationPayload, {
    nullable: true,
    description: "Replaces the topics an organisation works on. Admins and its members.",
  })
  async setOrganisationTopics(
    @Arg("id", () => ID) id: string,
    @Arg("expectedVersion", () => Int) expectedVersion: number,
    @Arg("topics", () => [ID]) topics: string[],
    @Ctx() ctx: Context,
  ): Promise<OrganisationPayload | null> {
    return this.setRelation(ctx, "setOrganisationTopics", id, expectedVersion, "topics", () => {
      const errors = tooMany("topics", topics, MAX_TOPICS);
      return { errors, keys: keysOf("Topic", topics, "topics", errors) ?? [] };
    });
  }

  @Mutation(() => OrganisationPayload, {
    nullable: true,
    description:
      "Replaces the conditions or target groups an organisation represents. Admins and its members.",
  })
  async setOrganisationConditions(
    @Arg("id", () => ID) id: string,
    @Arg("expectedVersion", () => Int) expectedVersion: number,
    @Arg("conditions", () => [ID]) conditions: string[],
    @Ctx() ctx: Context,
  ): Promise<OrganisationPayload | null> {
    return this.setRelation(ctx, "setOrganisationConditions", id, expectedVersion, "conditions", () => {
      const errors = tooMany("conditions", conditions, MAX_CONDITIONS);
      return { errors, keys: keysOf("Condition", conditions, "conditions", errors) ?? [] };
    });
  }

  @Mutation(() => OrganisationPayload, {
    nullable: true,
    description:
      "Replaces where an organisation works (former municipalities resolve to their successor). Admins and its members.",
  })
  async setOrganisationPlaces(
    @Arg("id", () => ID) id: string,
    @Arg("expectedVersion", () => Int) expectedVersion: number,
    @Arg("input", () => OrganisationPlacesInput, { validate: false }) input: OrganisationPlacesInput,
    @Ctx() ctx: Context,
  ): Promise<OrganisationPayload | null> {
    const action = "Changing an organisation's places";
    requireSignedIn(ctx.user, action);
    const errors: UserError[] = [];
    const key = keyOf("Organisation", id, "id", errors);
    if (errors.length) return payload(null, errors);
    requireRoleOrMember(ctx.user, [Role.ADMIN], key, action);
    errors.push(...(await validateInput(input, "input")));
    if (errors.length) return payload(null, errors);
    const relations: Record<string, string[]> = { activeIn: input.activeIn };
    if (input.basedIn !== undefined) relations.basedIn = input.basedIn === null ? [] : [input.basedIn];
    return this.update(ctx, "setOrganisationPlaces", key, expectedVersion, { props: {}, relations });
  }

  @Mutation(() => MergeOrganisationsPayload, {
    nullable: true,
    description:
      "Folds a duplicate into the organisation that continues: its relationships move to the survivor, (survivor)-[:SUCCESSOR_OF]->(merged) records the merger and the merged one becomes INACTIVE. Admins.",
  })
  async mergeOrganisations(
    @Arg("input", () => MergeOrganisationsInput, { validate: false }) input: MergeOrganisationsInput,
    @Ctx() ctx: Context,
  ): Promise<MergeOrganisationsPayload | null> {
    requireRole(ctx.user, [Role.ADMIN], "Merging organisations");
    const errors = await validateInput(input, "input");
    const survivor = keyOf("Organisation", input.survivor, "input.survivor", errors);
    const merged = keyOf("Organisation", input.merged, "input.merged", errors);
    if (!errors.length && survivor === merged) {
      errors.push(
        userError("input.merged", UserErrorCode.INVALID, "An organisation cannot be merged into itself."),
      );
    }
    const result = (s: Organisation | null, m: Organisation | null, userErrors: UserError[] = []) =>
      Object.assign(new MergeOrganisationsPayload(), { survivor: s, merged: m, userErrors });
    if (errors.length) return result(null, null, errors);
    const outcome = await runWrite(ctx, (tx) =>
      mergeOrganisations(tx, {
        survivor,
        survivorVersion: input.survivorVersion,
        merged,
        mergedVersion: input.mergedVersion,
        actor: ctx.user,
        now: now(),
      }),
    );
    if (!outcome.ok) return result(null, null, outcome.userErrors);
    primeNode(ctx, "Organisation", outcome.value.survivor);
    primeNode(ctx, "Organisation", outcome.value.merged);
    return result(Organisation.from(outcome.value.survivor), Organisation.from(outcome.value.merged));
  }

  private async setRelation(
    ctx: Context,
    mutation: string,
    id: string,
    expectedVersion: number,
    field: string,
    parse: () => { errors: UserError[]; keys: string[] },
  ): Promise<OrganisationPayload> {
    const action = "Changing an organisation";
    requireSignedIn(ctx.user, action);
    const errors: UserError[] = [];
    const key = keyOf("Organisation", id, "id", errors);
    if (errors.length) return payload(null, errors);
    requireRoleOrMember(ctx.user, [Role.ADMIN], key, action);
    const parsed = parse();
    if (parsed.errors.length) return payload(null, parsed.errors);
    const change = { props: {}, relations: { [field]: parsed.keys } };
    return this.update(ctx, mutation, key, expectedVersion, change, "");
  }

  private async update(
    ctx: Context,
    action: string,
    key: string,
    expectedVersion: number,
    change: NodeChange,
    path = "input",
  ): Promise<OrganisationPayload> {
    const outcome = await runWrite(ctx, (tx) =>
      updateAudited(tx, ORGANISATION, {
        action,
        actor: ctx.user,
        id: key,
        expectedVersion,
        change,
        now: now(),
        path,
      }),
    );
    if (!outcome.ok) return payload(null, outcome.userErrors);
    primeNode(ctx, "Organisation", outcome.value.props);
    return payload(Organisation.from(outcome.value.props));
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
