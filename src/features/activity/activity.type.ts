import { Field, Int, ObjectType } from "type-graphql";
import { Municipality, Place, type Province } from "../../graph/place/place.type";
import { Topic } from "../../graph/topic/topic.type";

@ObjectType({ description: "A topic worked on in a place, with how many organisations work on it there." })
export class TopicActivity {
  @Field(() => Topic)
  topic!: Topic;

  @Field(() => Int, {
    description:
      "Organisations working on the topic that are active in or based in the place (regional ones via its province).",
  })
  organisationCount!: number;

  @Field(() => Int, { description: "Experiences about the topic located in the place." })
  experienceCount!: number;
}

@ObjectType({ description: "A place where a topic is worked on." })
export class PlaceActivity {
  @Field(() => Place)
  place!: Municipality | Province;

  @Field(() => Int)
  organisationCount!: number;

  @Field(() => Int)
  experienceCount!: number;
}

@ObjectType({
  description: "Where a topic is worked on, by municipality and by province, most active first.",
})
export class TopicPlaces {
  @Field(() => [PlaceActivity])
  provinces!: PlaceActivity[];

  @Field(() => [PlaceActivity])
  municipalities!: PlaceActivity[];
}

export { Municipality };
