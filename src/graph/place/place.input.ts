import { Max, Min, ValidateNested } from "class-validator";
import { Field, Float, InputType } from "type-graphql";

@InputType({ description: "A circle around a point; municipalities whose centroid lies inside count." })
export class NearInput {
  @Field(() => Float)
  @Min(50.6)
  @Max(53.7)
  lat!: number;

  @Field(() => Float)
  @Min(3.2)
  @Max(7.3)
  lon!: number;

  @Field(() => Float)
  @Min(0.1)
  @Max(300)
  radiusKm!: number;
}

@InputType({
  description:
    "Exactly one of: a municipality (CBS code or name; former ones resolve to their successor), a province (code or name), or near.",
})
export class PlaceInput {
  @Field(() => String, { nullable: true })
  municipality?: string | null;

  @Field(() => String, { nullable: true })
  province?: string | null;

  @Field(() => NearInput, { nullable: true })
  @ValidateNested()
  near?: NearInput | null;
}
