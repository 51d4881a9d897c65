import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../context";
import { connectionComplexity, relationComplexity, listComplexity } from "../common/connection.type";
import { EventRole, ParticipationRole, enumValue } from "../common/enums";
import { parseKey } from "../common/global-id";
import { loadNode } from "../common/node.loader";
import { PageArgs } from "../common/page.args";
import { relationConnection, relationList, relationOne } from "../common/relation.loader";
import { rootConnection } from "../common/root.loader";
import { EventParticipationConnection, ParticipationConnection } from "../common/role-edges.type";
import { Condition } from "../condition/condition.type";
import { Event } from "../event/event.type";
import { Experience, ExperienceConnection } from "../experience/experience.type";
import { Initiative } from "../initiative/initiative.type";
import { Municipality, Place, placeFrom, type Province } from "../place/place.type";
import { R } from "../relations";
import { Topic } from "../topic/topic.type";
import { OrganisationFilter, OrganisationOrderField } from "./organisation.filter";
import { OrganisationOrderBy } from "./organisation.order";
import { OrganisationRepository, organisationOrdering } from "./organisation.repository";
import { Organisation, OrganisationConnection } from "./organisation.type";

const ORGANISATIONS = { name: "organisations", label: "Organisation", key: "id" };

@Resolver(() => Organisation)
export class OrganisationResolver {
  @Query(() => Organisation, {
    nullable: true,
    description: "An organisation by global id or key; null when unknown.",
  })
  organisation(@Arg("id", () => ID) id: string, @Ctx() ctx: Context): Promise<Organisation | null> {
    return loadNode(ctx, "Organisation", parseKey("Organisation", id), Organisation.from);
  }

  @Query(() => OrganisationConnection, { complexity: connectionComplexity })
  async organisations(
    @Ctx() ctx: Context,
    @Args(() => PageArgs) page: PageArgs,
    @Info() info: GraphQLResolveInfo,
    @Arg("filter", () => OrganisationFilter, { nullable: true }) filter?: OrganisationFilter | null,
    @Arg("orderBy", () => OrganisationOrderBy, { nullable: true }) orderBy?: OrganisationOrderBy | null,
  ): Promise<OrganisationConnection> {
    const ordering = organisationOrdering(
      orderBy?.field ?? OrganisationOrderField.NAME,
      orderBy?.direction ? orderBy.direction === "DESC" : undefined,
    );
    // One round trip for a topic and a province code; the code is checked only when nothing matched.
    const condition = await ctx.repo(OrganisationRepository).condition(filter, { deferProvinceCheck: true });
    const connection = await rootConnection(
      ctx,
      ORGANISATIONS,
      ordering,
      condition,
      page,
      OrganisationConnection,
      Organisation.from,
      info,
    );
    if (condition.verify && connection.edges.length === 0) await condition.verify();
    return connection;
  }

  @FieldResolver(() => [Topic], { complexity: listComplexity(5) })
  topics(@Root() o: Organisation, @Ctx() ctx: Context): Promise<Topic[]> {
    return relationList(ctx, R.organisationTopics, o.key, (i) => Topic.from(i.node));
  }

  @FieldResolver(() => [Place], {
    complexity: listComplexity(3),
    description: "Where it works: municipalities and provinces it is active in, and its seat.",
  })
  places(@Root() o: Organisation, @Ctx() ctx: Context): Promise<(Municipality | Province)[]> {
    return relationList(ctx, R.organisationPlaces, o.key, (i) => placeFrom(i.node, i.labels));
  }

  @FieldResolver(() => Municipality, { nullable: true, description: "Its seat." })
  basedIn(@Root() o: Organisation, @Ctx() ctx: Context): Promise<Municipality | null> {
    return relationOne(ctx, R.organisationBasedIn, o.key, (i) => Municipality.from(i.node));
  }

  @FieldResolver(() => [Condition], { complexity: listComplexity(3) })
  conditions(@Root() o: Organisation, @Ctx() ctx: Context): Promise<Condition[]> {
    return relationList(ctx, R.organisationConditions, o.key, (i) => Condition.from(i.node));
  }

  @FieldResolver(() => ParticipationConnection, {
    complexity: relationComplexity("organisationInitiatives"),
    description: "Initiatives it takes part in, with its role.",
  })
  initiatives(
    @Root() o: Organisation,
    @Ctx() ctx: Context,
    @Args(() => PageArgs) page: PageArgs,
  ): Promise<ParticipationConnection> {
    return relationConnection(
      ctx,
      R.organisationInitiatives,
      o.key,
      page,
      ParticipationConnection,
      (i, cursor) => ({
        node: Initiative.from(i.node),
        cursor,
        role: enumValue(ParticipationRole, i.extra) ?? ParticipationRole.PARTNER,
      }),
    );
  }

  @FieldResolver(() => EventParticipationConnection, { complexity: relationComplexity("organisationEvents") })
  events(
    @Root() o: Organisation,
    @Ctx() ctx: Context,
    @Args(() => PageArgs) page: PageArgs,
  ): Promise<EventParticipationConnection> {
    return relationConnection(
      ctx,
      R.organisationEvents,
      o.key,
      page,
      EventParticipationConnection,
      (i, cursor) => ({
        node: Event.from(i.node),
        cursor,
        role: enumValue(EventRole, i.extra) ?? EventRole.PARTICIPANT,
      }),
    );
  }

  @FieldResolver(() => ExperienceConnection, {
    complexity: relationComplexity("organisationExperiences"),
    description: "Experiences it shared, newest first.",
  })
  experiences(
    @Root() o: Organisation,
    @Ctx() ctx: Context,
    @Args(() => PageArgs) page: PageArgs,
  ): Promise<ExperienceConnection> {
    return relationConnection(
      ctx,
      R.organisationExperiences,
      o.key,
      page,
      ExperienceConnection,
      (i, cursor) => ({
        node: Experience.from(i.node),
        cursor,
      }),
    );
  }

  @FieldResolver(() => [Organisation], {
    complexity: listComplexity(3),
    description: "Umbrella organisations it is a member of.",
  })
  memberOf(@Root() o: Organisation, @Ctx() ctx: Context): Promise<Organisation[]> {
    return relationList(ctx, R.organisationMemberOf, o.key, (i) => Organisation.from(i.node));
  }

  @FieldResolver(() => OrganisationConnection, { complexity: relationComplexity("organisationMembers") })
  members(
    @Root() o: Organisation,
    @Ctx() ctx: Context,
    @Args(() => PageArgs) page: PageArgs,
  ): Promise<OrganisationConnection> {
    return relationConnection(
      ctx,
      R.organisationMembers,
      o.key,
      page,
      OrganisationConnection,
      (i, cursor) => ({
        node: Organisation.from(i.node),
        cursor,
      }),
    );
  }

  @FieldResolver(() => [Organisation], {
    complexity: listComplexity(2),
    description: "Organisations it continues (mergers, renames).",
  })
  successorOf(@Root() o: Organisation, @Ctx() ctx: Context): Promise<Organisation[]> {
    return relationList(ctx, R.organisationSuccessorOf, o.key, (i) => Organisation.from(i.node));
  }

  @FieldResolver(() => [Organisation], {
    complexity: listComplexity(1),
    description: "Organisations that continue this one.",
  })
  succeededBy(@Root() o: Organisation, @Ctx() ctx: Context): Promise<Organisation[]> {
    return relationList(ctx, R.organisationSucceededBy, o.key, (i) => Organisation.from(i.node));
  }
}
