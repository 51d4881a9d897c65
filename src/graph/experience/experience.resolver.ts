import { createUnionType, Ctx, Field, FieldResolver, InputType, Resolver, Root } from "type-graphql";
import type { Context } from "../../context";
import { listComplexity } from "../common/connection.type";
import { NodeQueries } from "../common/node.queries";
import { ExperienceKind } from "../common/enums";
import { parseKey } from "../common/global-id";
import { relationList, relationOne } from "../common/relation.loader";
import { type ListCondition } from "../common/root.loader";
import { Condition } from "../condition/condition.type";
import { Event } from "../event/event.type";
import { Initiative } from "../initiative/initiative.type";
import { Organisation } from "../organisation/organisation.type";
import { type Municipality, Place, type Province, placeFrom } from "../place/place.type";
import { BY_DATE_DESC, R } from "../relations";
import { Topic } from "../topic/topic.type";
import { experienceListCondition } from "./experience.repository";
import { Experience, ExperienceConnection } from "./experience.type";

export const ExperienceOrigin = createUnionType({
  name: "ExperienceOrigin",
  description: "The initiative or event an experience comes from.",
  types: () => [Initiative, Event] as const,
  resolveType: (value) => (value instanceof Event ? Event : Initiative),
});

@InputType()
export class ExperienceFilter {
  @Field(() => String, { nullable: true, description: "Topic id (subtopics included)." })
  topic?: string | null;

  @Field(() => ExperienceKind, { nullable: true })
  kind?: ExperienceKind | null;

  @Field(() => String, { nullable: true, description: "Organisation id: experiences it shared." })
  sharedBy?: string | null;

  @Field(() => String, { nullable: true, description: "Condition id." })
  condition?: string | null;
}

function experienceCondition(filter: ExperienceFilter | null | undefined): ListCondition {
  return experienceListCondition({
    topic: filter?.topic ? parseKey("Topic", filter.topic, "filter.topic") : null,
    kind: filter?.kind ?? null,
    sharedBy: filter?.sharedBy ? parseKey("Organisation", filter.sharedBy, "filter.sharedBy") : null,
    condition: filter?.condition ? parseKey("Condition", filter.condition, "filter.condition") : null,
  });
}

@Resolver(() => Experience)
export class ExperienceResolver extends NodeQueries("Experience", Experience, ExperienceConnection, {
  list: {
    filter: ExperienceFilter,
    ordering: BY_DATE_DESC,
    condition: experienceCondition,
    description: "Shared experiences, newest first.",
  },
}) {
  @FieldResolver(() => [Organisation], {
    complexity: listComplexity(2),
    description: "Organisations that shared it.",
  })
  sharedBy(@Root() e: Experience, @Ctx() ctx: Context): Promise<Organisation[]> {
    return relationList(ctx, R.experienceSharedBy, e.key, (i) => Organisation.from(i.node));
  }

  @FieldResolver(() => [Topic], { complexity: listComplexity(3) })
  topics(@Root() e: Experience, @Ctx() ctx: Context): Promise<Topic[]> {
    return relationList(ctx, R.experienceTopics, e.key, (i) => Topic.from(i.node));
  }

  @FieldResolver(() => [Condition], { complexity: listComplexity(2) })
  conditions(@Root() e: Experience, @Ctx() ctx: Context): Promise<Condition[]> {
    return relationList(ctx, R.experienceConditions, e.key, (i) => Condition.from(i.node));
  }

  @FieldResolver(() => Place, { nullable: true })
  place(@Root() e: Experience, @Ctx() ctx: Context): Promise<Municipality | Province | null> {
    return relationOne(ctx, R.experiencePlace, e.key, (i) => placeFrom(i.node, i.labels));
  }

  @FieldResolver(() => ExperienceOrigin, {
    nullable: true,
    name: "from",
    description: "The initiative or event it comes from.",
  })
  origin(@Root() e: Experience, @Ctx() ctx: Context): Promise<Initiative | Event | null> {
    return relationOne(ctx, R.experienceFrom, e.key, (i) =>
      i.labels.includes("Event") ? Event.from(i.node) : Initiative.from(i.node),
    );
  }
}
