import { IsOptional, Max, Min, ValidateNested } from "class-validator";
import { ArgsType, Field, Float, ID, InputType, Int } from "type-graphql";
import { PlaceInput } from "../../graph/place/place.input";
import {
  DEFAULT_WEIGHTS,
  FIRST_DEFAULT,
  FIRST_MAX,
  MatchMode,
  WEIGHT_MAX,
  WEIGHT_MIN,
} from "./partners.scoring";

const bounds = `${WEIGHT_MIN}..${WEIGHT_MAX}`;

@InputType({
  description: `Weights of the score components, each ${bounds}; a missing one keeps its default (topics ${DEFAULT_WEIGHTS.topics}, geography ${DEFAULT_WEIGHTS.geography}, conditions ${DEFAULT_WEIGHTS.conditions}, network ${DEFAULT_WEIGHTS.network}, proximity ${DEFAULT_WEIGHTS.proximity}). At least one must be above 0.`,
})
export class MatchWeightsInput {
  @Field(() => Float, { nullable: true, description: `Shared topics (default ${DEFAULT_WEIGHTS.topics}).` })
  @IsOptional()
  @Min(WEIGHT_MIN)
  @Max(WEIGHT_MAX)
  topics?: number | null;

  @Field(() => Float, { nullable: true, description: `Geography (default ${DEFAULT_WEIGHTS.geography}).` })
  @IsOptional()
  @Min(WEIGHT_MIN)
  @Max(WEIGHT_MAX)
  geography?: number | null;

  @Field(() => Float, {
    nullable: true,
    description: `Conditions and kind, per mode (default ${DEFAULT_WEIGHTS.conditions}).`,
  })
  @IsOptional()
  @Min(WEIGHT_MIN)
  @Max(WEIGHT_MAX)
  conditions?: number | null;

  @Field(() => Float, {
    nullable: true,
    description: `Links through shared partners, events, experiences and koepels (default ${DEFAULT_WEIGHTS.network}).`,
  })
  @IsOptional()
  @Min(WEIGHT_MIN)
  @Max(WEIGHT_MAX)
  network?: number | null;

  @Field(() => Float, {
    nullable: true,
    description: `What both have that few others have: a two-step walk through the graph (default ${DEFAULT_WEIGHTS.proximity}).`,
  })
  @IsOptional()
  @Min(WEIGHT_MIN)
  @Max(WEIGHT_MAX)
  proximity?: number | null;
}

@ArgsType()
export class PartnerSuggestionsArgs {
  @Field(() => ID, { description: "The organisation looking for partners: id or key." })
  organisation!: string;

  @Field(() => ID, {
    nullable: true,
    description:
      "Only topics in this topic and its subtopics count, and every suggestion shares one of them.",
  })
  topic?: string | null;

  @Field(() => PlaceInput, {
    nullable: true,
    description:
      "Only organisations working there (national ones count everywhere, at a lower geography value).",
  })
  place?: PlaceInput | null;

  @Field(() => MatchMode, { defaultValue: MatchMode.SIMILAR })
  mode!: MatchMode;

  @Field(() => Int, { defaultValue: FIRST_DEFAULT, description: `How many suggestions: 1..${FIRST_MAX}.` })
  @Min(1)
  @Max(FIRST_MAX)
  first!: number;

  @Field({
    defaultValue: false,
    description: "Also suggest organisations the asker already shares an initiative with.",
  })
  includeExisting!: boolean;

  @Field(() => MatchWeightsInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  weights?: MatchWeightsInput | null;
}
