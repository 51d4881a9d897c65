import { Ctx, Field, FieldResolver, InputType, Resolver, Root } from "type-graphql";
import type { Context } from "../../context";
import { listComplexity } from "../common/connection.type";
import { EventRole, enumValue } from "../common/enums";
import { parseKey } from "../common/global-id";
import { relationList, relationOne } from "../common/relation.loader";
import { EventParticipant } from "../common/role-edges.type";
import type { ListCondition } from "../common/root.loader";
import { NodeQueries } from "../common/node.queries";
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

async function eventCondition(filter: EventFilter | null | undefined, ctx: Context): Promise<ListCondition> {
  const municipality = filter?.municipality
    ? (await ctx.repo(PlaceRepository).resolveMunicipality(filter.municipality, "filter.municipality")).code
    : null;
  return eventListCondition({
    topic: filter?.topic ? parseKey("Topic", filter.topic, "filter.topic") : null,
    initiative: filter?.initiative ? parseKey("Initiative", filter.initiative, "filter.initiative") : null,
    municipality,
  });
}

@Resolver(() => Event)
export class EventResolver extends NodeQueries("Event", Event, EventConnection, {
  list: {
    filter: EventFilter,
    ordering: BY_DATE_DESC,
    condition: eventCondition,
    description: "Events, newest first.",
  },
}) {
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
