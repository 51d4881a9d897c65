import { PageArgs } from "../../graph/common/page.args";
import { ArrayMaxSize, MaxLength, MinLength } from "class-validator";
import { ArgsType, Field, Float, ObjectType, createUnionType } from "type-graphql";
import type { NodeType } from "../../domain";
import { ConnectionOf } from "../../graph/common/connection.type";
import { Condition } from "../../graph/condition/condition.type";
import { Event } from "../../graph/event/event.type";
import { Experience } from "../../graph/experience/experience.type";
import { Initiative } from "../../graph/initiative/initiative.type";
import { Organisation } from "../../graph/organisation/organisation.type";
import { Topic } from "../../graph/topic/topic.type";
import { type EnumOf, graphEnum } from "../../graph/common/graph-enum";

export const SearchType = graphEnum("SearchType", {
  ORGANISATION: null,
  TOPIC: null,
  INITIATIVE: null,
  EXPERIENCE: null,
  EVENT: null,
  CONDITION: null,
});
export type SearchType = EnumOf<typeof SearchType>;

/** The node type (src/domain/node-types.ts) behind each search type. */
export const LABEL_OF: Record<SearchType, NodeType> = {
  ORGANISATION: "Organisation",
  TOPIC: "Topic",
  INITIATIVE: "Initiative",
  EXPERIENCE: "Experience",
  EVENT: "Event",
  CONDITION: "Condition",
};

export type SearchNode = Organisation | Topic | Initiative | Experience | Event | Condition;

export const SearchResult = createUnionType({
  name: "SearchResult",
  types: () => [Organisation, Topic, Initiative, Experience, Event, Condition] as const,
});

@ObjectType()
export class SearchEdge {
  @Field(() => SearchResult)
  node!: SearchNode;

  @Field()
  cursor!: string;

  @Field(() => SearchType)
  type!: SearchType;

  @Field(() => Float, { description: "Relevance (Lucene score); higher is better." })
  score!: number;
}

@ObjectType()
export class SearchResultConnection extends ConnectionOf<SearchNode, SearchEdge>(SearchEdge) {
  @Field(() => String, {
    nullable: true,
    description: `"Bedoelde u …?": when the text as typed finds fewer than 3 hits, the text with unknown words replaced by the closest words of the graph's names (the results then include those and fuzzy matches); null otherwise.`,
  })
  didYouMean!: string | null;
}

@ArgsType()
export class SearchArgs extends PageArgs {
  @Field({ description: "Words to look for (Dutch stemming: 'samenwerking' also finds 'samenwerken')." })
  @MinLength(1)
  @MaxLength(200)
  text!: string;

  @Field(() => [SearchType], { nullable: true, description: "Limit to these types; default all." })
  @ArrayMaxSize(6)
  types?: SearchType[] | null;
}
