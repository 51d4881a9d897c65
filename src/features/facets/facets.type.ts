import { Field, Int, ObjectType } from "type-graphql";

@ObjectType({ description: "One value of a facet with the number of organisations that have it." })
export class FacetValue {
  @Field({ description: "The value to filter on (id, code or kind)." })
  value!: string;

  @Field({ description: "Display label (Dutch)." })
  label!: string;

  @Field(() => Int)
  count!: number;
}

@ObjectType({ description: "Counts of organisations under a filter, grouped for filter panels." })
export class Facets {
  @Field(() => Int, { description: "Organisations matching the filter." })
  total!: number;

  @Field(() => [FacetValue], { description: "By topic they work on directly, most first." })
  topics!: FacetValue[];

  @Field(() => [FacetValue], {
    description: "By province they are active or based in (directly or through a municipality).",
  })
  provinces!: FacetValue[];

  @Field(() => [FacetValue])
  kinds!: FacetValue[];

  @Field(() => [FacetValue], { description: "By condition or target group they represent." })
  conditions!: FacetValue[];

  @Field(() => [FacetValue])
  scopes!: FacetValue[];
}
