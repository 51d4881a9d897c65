import { Matches, MaxLength } from "class-validator";
import { Field, ID, InputType } from "type-graphql";
import { Day, IdList, KEY, Text } from "../common/mutation.validators";
import { MUNICIPALITY_CODE } from "../../domain";

/** Fields that create and update share; absent fields stay as they are, null clears. */
@InputType()
abstract class EventDetails {
  @Field(() => String, { nullable: true, description: "ISO date YYYY-MM-DD." })
  @Day()
  date?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "CBS code of the municipality it is held in (GM0202).",
  })
  @Matches(MUNICIPALITY_CODE, { message: "place must be a CBS municipality code (GM0202)" })
  place?: string | null;

  @Field(() => ID, { nullable: true, description: "The initiative it is part of." })
  @MaxLength(200)
  initiative?: string | null;

  @Field(() => [ID], { nullable: true, description: "Topics it is about." })
  @IdList(20)
  topics?: string[] | null;

  @Field(() => String, { nullable: true, description: "Where the facts come from (URL or description)." })
  @Text(500)
  source?: string | null;
}

@InputType({ description: "A new event. Its id is a slug of the name unless given." })
export class CreateEventInput extends EventDetails {
  @Field(() => ID, { nullable: true, description: "Readable key; default: a slug of the name." })
  @MaxLength(128)
  @Matches(KEY, { message: "id may hold letters, digits, '-' and '_' only" })
  id?: string | null;

  @Field({ defaultValue: false, description: "When the id is taken, append a short random suffix." })
  suffixOnCollision!: boolean;

  @Field()
  @Text(200, { required: true })
  name!: string;

  @Field({ description: "bijeenkomst, congres, inspiratiesessie, …" })
  @Text(60, { required: true })
  kind!: string;
}

@InputType({ description: "Changes to an event; absent fields stay as they are, null clears." })
export class UpdateEventInput extends EventDetails {
  @Field(() => String, { nullable: true })
  @Text(200, { required: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  @Text(60, { required: true })
  kind?: string | null;
}
