import { PageArgs } from "../../graph/common/page.args";
import { ArrayMaxSize, ValidateNested } from "class-validator";
import { ArgsType, createUnionType, Field, Float, ID, Int, ObjectType } from "type-graphql";
import { ConnectionOf } from "../../graph/common/connection.type";
import { type EnumOf, graphEnum } from "../../graph/common/graph-enum";
import { ParticipationRole, Scope } from "../../graph/common/enums";
import { Experience } from "../../graph/experience/experience.type";
import { Initiative } from "../../graph/initiative/initiative.type";
import { Organisation } from "../../graph/organisation/organisation.type";
import { PlaceInput } from "../../graph/place/place.input";
import { Municipality, Place, Province } from "../../graph/place/place.type";
import { Topic } from "../../graph/topic/topic.type";

export const EvidenceKind = graphEnum(
  "EvidenceKind",
  {
    WORKS_ON:
      "The organisation works on the topic and is active in or based in the place (regional: in its province; national: when asked).",
    EXPERIENCE: "The organisation shared an experience about the topic located in the place.",
    INITIATIVE: "The organisation takes part in an initiative about the topic active in the place.",
  },
  "What an answer of whoWorksOn rests on.",
);
export type EvidenceKind = EnumOf<typeof EvidenceKind>;

@ObjectType({ description: "One piece of evidence that an organisation works on the topic in the place." })
export class Evidence {
  @Field(() => EvidenceKind)
  kind!: EvidenceKind;

  @Field(() => Float, { description: "Its contribution to the score." })
  weight!: number;

  @Field({ description: "The evidence in words (Dutch), for coordinators." })
  description!: string;

  @Field(() => Topic, { description: "The topic (or subtopic) the evidence is about." })
  topic!: Topic;

  @Field(() => Place, {
    nullable: true,
    description: "The place through which it matches; null for national organisations or without a place.",
  })
  place!: Municipality | Province | null;

  @Field(() => Experience, { nullable: true })
  experience!: Experience | null;

  @Field(() => Initiative, { nullable: true })
  initiative!: Initiative | null;

  @Field(() => ParticipationRole, { nullable: true })
  role!: ParticipationRole | null;
}

@ObjectType()
export class WhoWorksOnEdge {
  @Field(() => Organisation)
  node!: Organisation;

  @Field()
  cursor!: string;

  @Field(() => Float, {
    description: "Strength of the evidence: the sum of its weights. Results are ranked by it.",
  })
  score!: number;

  @Field(() => [Evidence], { description: "The strongest pieces of evidence (at most 10)." })
  evidence!: Evidence[];

  @Field(() => Int, { description: "All pieces of evidence found." })
  evidenceCount!: number;
}

@ObjectType({ description: "The circle a `near` search looked in, as the service understood it." })
export class SearchCircle {
  @Field(() => Float)
  lat!: number;

  @Field(() => Float)
  lon!: number;

  @Field(() => Float)
  radiusKm!: number;
}

/** What whoWorksOn's place was understood as: a municipality, a province, or the circle of a `near` search. */
export const ResolvedPlaceResult = createUnionType({
  name: "ResolvedPlace",
  description: "A municipality, a province, or the circle of a `near` search.",
  types: () => [Municipality, Province, SearchCircle] as const,
  resolveType: (value) =>
    value instanceof SearchCircle ? SearchCircle : value instanceof Province ? Province : Municipality,
});

@ObjectType()
export class WhoWorksOnConnection extends ConnectionOf<Organisation, WhoWorksOnEdge>(WhoWorksOnEdge) {
  @Field(() => Topic, { description: "The topic asked about." })
  topic!: Topic;

  @Field(() => ResolvedPlaceResult, {
    nullable: true,
    description:
      "The place the question was resolved to (a former municipality resolves to its successor); for a `near` search the circle searched; null without a place.",
  })
  resolvedPlace!: Municipality | Province | SearchCircle | null;

  @Field(() => SearchCircle, {
    nullable: true,
    description: "For a `near` search: the circle searched; null otherwise.",
    deprecationReason: "Use resolvedPlace, which is a SearchCircle for a near search.",
  })
  resolvedCircle!: SearchCircle | null;
}

@ArgsType()
export class WhoWorksOnArgs extends PageArgs {
  @Field(() => ID, { description: "Topic id or key." })
  topic!: string;

  @Field(() => PlaceInput, { nullable: true })
  @ValidateNested()
  place?: PlaceInput | null;

  @Field({ defaultValue: true })
  includeSubtopics!: boolean;

  @Field(() => [Scope], {
    nullable: true,
    description:
      "Organisation scopes to include. Without it: local and regional ones through their places, national ones only through evidence located in the place. With NATIONAL: national organisations count everywhere.",
  })
  @ArrayMaxSize(3)
  scopes?: Scope[] | null;
}
