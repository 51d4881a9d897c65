import type { GraphQLResolveInfo } from "graphql";
import {
  Arg,
  Args,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Info,
  InputType,
  Query,
  Resolver,
  Root,
} from "type-graphql";
import type { Context } from "../../context";
import { connectionComplexity, listComplexity } from "../common/connection.type";
import { EventRole, enumValue } from "../common/enums";
import { parseKey } from "../common/global-id";
import { loadNode } from "../common/node.loader";
import { PageArgs } from "../common/page.args";
import { relationList, relationOne } from "../common/relation.loader";
import { EventParticipant } from "../common/role-edges.type";
import { rootConnection } from "../common/root.loader";
import { Initiative } from "../initiative/initiative.type";
import { Organisation } from "../organisation/organisation.type";
import { Municipality } from "../place/place.type";
import { PlaceRepository } from "../place/place.repository";
import { BY_DATE_DESC, R } from "../relations";
import { Topic } from "../topic/topic.type";
import { eventListCondition } from "./event.repository";
import { Event, EventConnection } from "./event.type";

@InputType()
export class EventFilter {
  @Field(() => String, { nullable: true, description: "Topic id (subtopics included)." })
  topic?: string | null;

  @Field(() => String, { nullable: true, description: "Initiative id." })
  initiative?: string | null;

  @Field(() => String, { nullable: true, description: "Municipality code or name." })
  municipality?: string | null;
}

@Resolver(() => Event)
export class EventResolver {
  @Query(() => Event, { nullable: true })
  event(@Arg("id", () => ID) id: string, @Ctx() ctx: Context): Promise<Event | null> {
    return loadNode(ctx, "Event", parseKey("Event", id), Event.from);
  }

  @Query(() => EventConnection, { complexity: connectionComplexity, description: "Events, newest first." })
  async events(
    @Ctx() ctx: Context,
    @Args(() => PageArgs) page: PageArgs,
    @Info() info: GraphQLResolveInfo,
    @Arg("filter", () => EventFilter, { nullable: true }) filter?: EventFilter | null,
  ): Promise<EventConnection> {
    const municipality = filter?.municipality
      ? (await ctx.repo(PlaceRepository).resolveMunicipality(filter.municipality, "filter.municipality")).code
      : null;
    const condition = eventListCondition({
      topic: filter?.topic ? parseKey("Topic", filter.topic, "filter.topic") : null,
      initiative: filter?.initiative ? parseKey("Initiative", filter.initiative, "filter.initiative") : null,
      municipality,
    });
    return rootConnection(
      ctx,
      { name: "events", label: "Event", key: "id" },
      BY_DATE_DESC,
      condition,
      page,
      EventConnection,
      Event.from,
      info,
    );
  }

  @FieldResolver(() => Municipality, { nullable: true })
  place(@Root() e: Event, @Ctx() ctx: Context): Promise<Municipality | null> {
    return relationOne(ctx, R.eventPlace, e.key, (i) => Municipality.from(i.node));
  }

  @FieldResolver(() => [EventParticipant], { complexity: listComplexity(10) })
  participants(@Root() e: Event, @Ctx() ctx: Context): Promise<EventParticipant[]> {
    return relationList(ctx, R.eventParticipants, e.key, (i) => ({
      organisation: Organisation.from(i.node),
      role: enumValue(EventRole, i.extra) ?? EventRole.PARTICIPANT,
    }));
  }

  @FieldResolver(() => [Topic], { complexity: listComplexity(3) })
  topics(@Root() e: Event, @Ctx() ctx: Context): Promise<Topic[]> {
    return relationList(ctx, R.eventTopics, e.key, (i) => Topic.from(i.node));
  }

  @FieldResolver(() => Initiative, { nullable: true })
  initiative(@Root() e: Event, @Ctx() ctx: Context): Promise<Initiative | null> {
    return relationOne(ctx, R.eventInitiative, e.key, (i) => Initiative.from(i.node));
  }
}
