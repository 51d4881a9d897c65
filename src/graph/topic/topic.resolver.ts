import { MaxLength } from "class-validator";
import {
  Arg,
  Args,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Int,
  Query,
  Resolver,
  Root,
  registerEnumType,
} from "type-graphql";
import type { Context } from "../../context";
import { badInput } from "../../errors";
import { ActivityRepository, type PlaceCount } from "../../features/activity/activity.repository";
import { PlaceActivity, TopicPlaces } from "../../features/activity/activity.type";
import { placeFrom } from "../place/place.type";
import { connectionComplexity, listComplexity } from "../common/connection.type";
import { ConditionBuilder, NAME_CONTAINS } from "../common/condition.builder";
import { parseKey } from "../common/global-id";
import { loadNode } from "../common/node.loader";
import { OrderByInput, orderingOf } from "../common/order";
import { PageArgs } from "../common/page.args";
import { relationConnection, relationList, relationOne } from "../common/relation.loader";
import { type ListCondition, rootConnection } from "../common/root.loader";
import { nameKey } from "../../domain/name-key";
import { Experience, ExperienceConnection } from "../experience/experience.type";
import { Initiative, InitiativeConnection } from "../initiative/initiative.type";
import { Organisation, OrganisationConnection } from "../organisation/organisation.type";
import { R } from "../relations";
import { Topic, TopicConnection } from "./topic.type";

export enum TopicOrderField {
  NAME = "NAME",
  ORGANISATION_COUNT = "ORGANISATION_COUNT",
  EXPERIENCE_COUNT = "EXPERIENCE_COUNT",
}
registerEnumType(TopicOrderField, { name: "TopicOrderField" });

export const TopicOrderBy = OrderByInput(TopicOrderField, "TopicOrderBy", TopicOrderField.NAME);
export type TopicOrderBy = InstanceType<typeof TopicOrderBy>;

@InputType()
export class TopicFilter {
  @Field(() => String, { nullable: true, description: "Part of the name; case and accents are ignored." })
  @MaxLength(100)
  name?: string | null;

  @Field(() => String, { nullable: true, description: "Only direct subtopics of this topic." })
  broader?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: "Only topics without a broader topic (the top of the taxonomy).",
  })
  rootsOnly?: boolean | null;
}

const TOPIC_ORDERINGS: Record<TopicOrderField, string> = {
  NAME: "n.name",
  ORGANISATION_COUNT: "COUNT { (n)<-[:WORKS_ON]-(:Organisation) }",
  EXPERIENCE_COUNT: "COUNT { (n)<-[:ABOUT]-(:Experience) }",
};

function topicCondition(filter: TopicFilter | null | undefined): ListCondition {
  return new ConditionBuilder()
    .when(filter?.name, "name", NAME_CONTAINS, nameKey)
    .when(filter?.broader, "broader", "EXISTS { (n)-[:SUBTOPIC_OF]->(:Topic {id: $broader}) }", (v) =>
      parseKey("Topic", v, "filter.broader"),
    )
    .whenTrue(filter?.rootsOnly, "NOT EXISTS { (n)-[:SUBTOPIC_OF]->() }")
    .build();
}

@Resolver(() => Topic)
export class TopicResolver {
  @Query(() => Topic, { nullable: true, description: "A topic by global id or key; null when unknown." })
  topic(@Arg("id", () => ID) id: string, @Ctx() ctx: Context): Promise<Topic | null> {
    return loadNode(ctx, "Topic", parseKey("Topic", id), Topic.from);
  }

  @Query(() => TopicConnection, { complexity: connectionComplexity })
  topics(
    @Ctx() ctx: Context,
    @Args(() => PageArgs) page: PageArgs,
    @Arg("filter", () => TopicFilter, { nullable: true }) filter?: TopicFilter | null,
    @Arg("orderBy", () => TopicOrderBy, { nullable: true }) orderBy?: TopicOrderBy | null,
  ): Promise<TopicConnection> {
    const field = orderBy?.field ?? TopicOrderField.NAME;
    const ordering = orderingOf(field, TOPIC_ORDERINGS[field], orderBy?.direction, TopicOrderField.NAME);
    return rootConnection(
      ctx,
      { name: "topics", label: "Topic", key: "id" },
      ordering,
      topicCondition(filter),
      page,
      TopicConnection,
      Topic.from,
    );
  }

  @FieldResolver(() => Topic, { nullable: true, description: "The broader topic this one belongs to." })
  broader(@Root() t: Topic, @Ctx() ctx: Context): Promise<Topic | null> {
    return relationOne(ctx, R.topicBroader, t.key, (i) => Topic.from(i.node));
  }

  @FieldResolver(() => [Topic], { complexity: listComplexity(5) })
  subtopics(@Root() t: Topic, @Ctx() ctx: Context): Promise<Topic[]> {
    return relationList(ctx, R.topicSubtopics, t.key, (i) => Topic.from(i.node));
  }

  @FieldResolver(() => OrganisationConnection, {
    complexity: connectionComplexity,
    description: "Organisations working on this topic (and its subtopics unless includeSubtopics is false).",
  })
  organisations(
    @Root() t: Topic,
    @Ctx() ctx: Context,
    @Args(() => PageArgs) page: PageArgs,
    @Arg("includeSubtopics", { defaultValue: true }) includeSubtopics: boolean,
  ): Promise<OrganisationConnection> {
    const relation = includeSubtopics ? R.topicOrganisationsDeep : R.topicOrganisations;
    return relationConnection(ctx, relation, t.key, page, OrganisationConnection, (i, cursor) => ({
      node: Organisation.from(i.node),
      cursor,
    }));
  }

  @FieldResolver(() => ExperienceConnection, { complexity: connectionComplexity })
  experiences(
    @Root() t: Topic,
    @Ctx() ctx: Context,
    @Args(() => PageArgs) page: PageArgs,
  ): Promise<ExperienceConnection> {
    return relationConnection(ctx, R.topicExperiences, t.key, page, ExperienceConnection, (i, cursor) => ({
      node: Experience.from(i.node),
      cursor,
    }));
  }

  @FieldResolver(() => InitiativeConnection, { complexity: connectionComplexity })
  initiatives(
    @Root() t: Topic,
    @Ctx() ctx: Context,
    @Args(() => PageArgs) page: PageArgs,
  ): Promise<InitiativeConnection> {
    return relationConnection(ctx, R.topicInitiatives, t.key, page, InitiativeConnection, (i, cursor) => ({
      node: Initiative.from(i.node),
      cursor,
    }));
  }

  @FieldResolver(() => TopicPlaces, {
    complexity: 20,
    description: "Where this topic is worked on: provinces and municipalities, most organisations first.",
  })
  async places(
    @Root() t: Topic,
    @Ctx() ctx: Context,
    @Arg("includeSubtopics", { defaultValue: true }) includeSubtopics: boolean,
    @Arg("first", () => Int, {
      defaultValue: 20,
      description: "At most this many provinces and municipalities.",
    })
    first: number,
  ): Promise<TopicPlaces> {
    if (first < 0 || first > 100) throw badInput("first must be between 0 and 100.", "first");
    const loader = ctx.loader(
      "topicPlaces",
      (ids: readonly string[]) => ctx.repo(ActivityRepository).placesOfTopics(ids, includeSubtopics, first),
      { includeSubtopics, first },
    );
    const { provinces, municipalities } = await loader.load(t.key);
    const toActivity = (c: PlaceCount): PlaceActivity => ({
      place: placeFrom(c.place, c.labels),
      organisationCount: c.organisationCount,
      experienceCount: c.experienceCount,
    });
    return { provinces: provinces.map(toActivity), municipalities: municipalities.map(toActivity) };
  }
}
