import { Max, MaxLength, Min, ValidateNested } from "class-validator";
import { Field, Float, InputType } from "type-graphql";
import { NEAR_RADIUS_KM, NL_BOUNDS } from "../../domain";

@InputType({ description: "A circle around a point; municipalities whose centroid lies inside count." })
export class NearInput {
  @Field(() => Float)
  @Min(NL_BOUNDS.minLat)
  @Max(NL_BOUNDS.maxLat)
  lat!: number;

  @Field(() => Float)
  @Min(NL_BOUNDS.minLon)
  @Max(NL_BOUNDS.maxLon)
  lon!: number;

  @Field(() => Float)
  @Min(NEAR_RADIUS_KM.min)
  @Max(NEAR_RADIUS_KM.max)
  radiusKm!: number;
}

@InputType({
  description:
    "Exactly one of: a municipality (CBS code or name; former ones resolve to their successor), a province (code or name), or near.",
})
export class PlaceInput {
  @Field(() => String, { nullable: true })
  @MaxLength(80)
  municipality?: string | null;

  @Field(() => String, { nullable: true })
  @MaxLength(80)
  province?: string | null;

  @Field(() => NearInput, { nullable: true })
  @ValidateNested()
  near?: NearInput | null;
}
