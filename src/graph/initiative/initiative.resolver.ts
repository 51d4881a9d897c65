import { MaxLength } from "class-validator";
import { Arg, Args, Ctx, Field, FieldResolver, InputType, Resolver, Root } from "type-graphql";
import type { Context } from "../../context";
import { relationComplexity, listComplexity } from "../common/connection.type";
import { ParticipationRole, enumValue } from "../common/enums";
import { parseKey } from "../common/global-id";
import { PageArgs } from "../common/page.args";
import { relationConnection, relationList } from "../common/relation.loader";
import { ParticipantConnection } from "../common/role-edges.type";
import { type ListCondition } from "../common/root.loader";
import { Condition } from "../condition/condition.type";
import { Event } from "../event/event.type";
import { NodeQueries, nodeConnection } from "../common/node.queries";
import { Experience, ExperienceConnection } from "../experience/experience.type";
import { Organisation } from "../organisation/organisation.type";
import { type Municipality, Place, type Province, placeFrom } from "../place/place.type";
import { BY_NAME, R } from "../relations";
import { Topic } from "../topic/topic.type";
import { initiativeListCondition } from "./initiative.repository";
import { Initiative, InitiativeConnection } from "./initiative.type";
import { NameContainsField } from "../common/filter.fields";

@InputType()
export class InitiativeFilter {
  @Field(() => String, { nullable: true, description: "Topic id (subtopics included)." })
  topic?: string | null;

  @Field(() => String, { nullable: true, description: "alliantie, campagne, project, netwerk, onderzoek" })
  @MaxLength(60)
  kind?: string | null;

  @Field(() => String, { nullable: true, description: "Organisation id: initiatives it takes part in." })
  participant?: string | null;

  @NameContainsField()
  name?: string | null;
}

function initiativeCondition(filter: InitiativeFilter | null | undefined): ListCondition {
  return initiativeListCondition({
    topic: filter?.topic ? parseKey("Topic", filter.topic, "filter.topic") : null,
    kind: filter?.kind ?? null,
    participant: filter?.participant
      ? parseKey("Organisation", filter.participant, "filter.participant")
      : null,
    name: filter?.name ?? null,
  });
}

@Resolver(() => Initiative)
export class InitiativeResolver extends NodeQueries("Initiative", Initiative, InitiativeConnection, {
  list: { filter: InitiativeFilter, ordering: BY_NAME, condition: initiativeCondition },
}) {
  @FieldResolver(() => ParticipantConnection, {
    complexity: relationComplexity("initiativeParticipants"),
    description: "Participating organisations with their role; `role` narrows to one role.",
  })
  participants(
    @Root() i: Initiative,
    @Ctx() ctx: Context,
    @Args(() => PageArgs) page: PageArgs,
    @Arg("role", () => ParticipationRole, { nullable: true }) role?: ParticipationRole | null,
  ): Promise<ParticipantConnection> {
    const filter = role ? { where: "r.role = $role", params: { role }, id: role } : undefined;
    return relationConnection(
      ctx,
      R.initiativeParticipants,
      i.key,
      page,
      ParticipantConnection,
      (item, cursor) => ({
        node: Organisation.from(item.node),
        cursor,
        role: enumValue(ParticipationRole, item.extra) ?? ParticipationRole.PARTNER,
      }),
      filter,
    );
  }

  @FieldResolver(() => [Topic], { complexity: listComplexity(3) })
  topics(@Root() i: Initiative, @Ctx() ctx: Context): Promise<Topic[]> {
    return relationList(ctx, R.initiativeTopics, i.key, (item) => Topic.from(item.node));
  }

  @FieldResolver(() => [Condition], { complexity: listComplexity(3) })
  conditions(@Root() i: Initiative, @Ctx() ctx: Context): Promise<Condition[]> {
    return relationList(ctx, R.initiativeConditions, i.key, (item) => Condition.from(item.node));
  }

  @FieldResolver(() => [Place], {
    complexity: listComplexity(5),
    description: "Municipalities and provinces where it is active.",
  })
  places(@Root() i: Initiative, @Ctx() ctx: Context): Promise<(Municipality | Province)[]> {
    return relationList(ctx, R.initiativePlaces, i.key, (item) => placeFrom(item.node, item.labels));
  }

  @FieldResolver(() => [Event], {
    complexity: listComplexity(5),
    description: "Events that are part of it, newest first.",
  })
  events(@Root() i: Initiative, @Ctx() ctx: Context): Promise<Event[]> {
    return relationList(ctx, R.initiativeEvents, i.key, (item) => Event.from(item.node));
  }

  @FieldResolver(() => ExperienceConnection, { complexity: relationComplexity("initiativeExperiences") })
  experiences(
    @Root() i: Initiative,
    @Ctx() ctx: Context,
    @Args(() => PageArgs) page: PageArgs,
  ): Promise<ExperienceConnection> {
    return nodeConnection(ctx, R.initiativeExperiences, i.key, page, ExperienceConnection, Experience.from);
  }
}
