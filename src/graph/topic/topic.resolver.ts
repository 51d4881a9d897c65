import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, Field, FieldResolver, Info, InputType, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../context";
import { connectionComplexity, relationComplexity, listComplexity } from "../common/connection.type";
import { parseKey } from "../common/global-id";
import { OrderByInput, orderingOf } from "../common/order";
import { PageArgs } from "../common/page.args";
import { relationConnection, relationList, relationOne } from "../common/relation.loader";
import { type ListCondition, rootConnection } from "../common/root.loader";
import { NodeQueries, nodeConnection } from "../common/node.queries";
import { Experience, ExperienceConnection } from "../experience/experience.type";
import { Initiative, InitiativeConnection } from "../initiative/initiative.type";
import { Organisation, OrganisationConnection } from "../organisation/organisation.type";
import { R } from "../relations";
import { TOPIC_ORDER_EXPRESSIONS, topicListCondition } from "./topic.repository";
import { Topic, TopicConnection } from "./topic.type";
import { type EnumOf, graphEnum } from "../common/graph-enum";
import { NameContainsField } from "../common/filter.fields";

export const TopicOrderField = graphEnum("TopicOrderField", {
  NAME: null,
  ORGANISATION_COUNT: null,
  EXPERIENCE_COUNT: null,
});
export type TopicOrderField = EnumOf<typeof TopicOrderField>;

export const TopicOrderBy = OrderByInput(TopicOrderField, "TopicOrderBy", TopicOrderField.NAME);
export type TopicOrderBy = InstanceType<typeof TopicOrderBy>;

@InputType()
export class TopicFilter {
  @NameContainsField()
  name?: string | null;

  @Field(() => String, { nullable: true, description: "Only direct subtopics of this topic." })
  broader?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: "Only topics without a broader topic (the top of the taxonomy).",
  })
  rootsOnly?: boolean | null;
}

function topicCondition(filter: TopicFilter | null | undefined): ListCondition {
  return topicListCondition({
    name: filter?.name ?? null,
    broader: filter?.broader ? parseKey("Topic", filter.broader, "filter.broader") : null,
    rootsOnly: Boolean(filter?.rootsOnly),
  });
}

@Resolver(() => Topic)
export class TopicResolver extends NodeQueries("Topic", Topic, TopicConnection, {
  description: "A topic by global id or key; null when unknown.",
}) {
  @Query(() => TopicConnection, { complexity: connectionComplexity })
  topics(
    @Ctx() ctx: Context,
    @Args(() => PageArgs) page: PageArgs,
    @Info() info: GraphQLResolveInfo,
    @Arg("filter", () => TopicFilter, { nullable: true }) filter?: TopicFilter | null,
    @Arg("orderBy", () => TopicOrderBy, { nullable: true }) orderBy?: TopicOrderBy | null,
  ): Promise<TopicConnection> {
    const field = orderBy?.field ?? TopicOrderField.NAME;
    const ordering = orderingOf(
      field,
      TOPIC_ORDER_EXPRESSIONS[field],
      orderBy?.direction,
      TopicOrderField.NAME,
    );
    return rootConnection(
      ctx,
      { name: "topics", label: "Topic", key: "id" },
      ordering,
      topicCondition(filter),
      page,
      TopicConnection,
      Topic.from,
      info,
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
    complexity: relationComplexity("topicOrganisationsDeep"),
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

  @FieldResolver(() => ExperienceConnection, { complexity: relationComplexity("topicExperiences") })
  experiences(
    @Root() t: Topic,
    @Ctx() ctx: Context,
    @Args(() => PageArgs) page: PageArgs,
  ): Promise<ExperienceConnection> {
    return nodeConnection(ctx, R.topicExperiences, t.key, page, ExperienceConnection, Experience.from);
  }

  @FieldResolver(() => InitiativeConnection, { complexity: relationComplexity("topicInitiatives") })
  initiatives(
    @Root() t: Topic,
    @Ctx() ctx: Context,
    @Args(() => PageArgs) page: PageArgs,
  ): Promise<InitiativeConnection> {
    return nodeConnection(ctx, R.topicInitiatives, t.key, page, InitiativeConnection, Initiative.from);
  }
}
