import { Matches, MaxLength } from "class-validator";
import { Field, ID, InputType } from "type-graphql";
import { ExperienceKind } from "../common/enums";
import { Day, IdList, KEY, Text } from "../common/mutation.validators";
import { PLACE_CODE } from "../../domain";

/** Fields that sharing and updating share; absent fields stay as they are, null clears. */
@InputType()
abstract class ExperienceDetails {
  @Field(() => String, { nullable: true, description: "ISO date YYYY-MM-DD." })
  @Day()
  date?: string | null;

  @Field(() => [ID], { nullable: true, description: "Topics it is about." })
  @IdList(20)
  topics?: string[] | null;

  @Field(() => [ID], { nullable: true, description: "Conditions or target groups it concerns." })
  @IdList(20)
  conditions?: string[] | null;

  @Field(() => String, {
    nullable: true,
    description: "CBS code of the municipality or province it happened in.",
  })
  @Matches(PLACE_CODE, { message: "place must be a CBS code (GM0363, PV27)" })
  place?: string | null;

  @Field(() => ID, { nullable: true, description: "The initiative it comes from." })
  @MaxLength(200)
  initiative?: string | null;

  @Field(() => ID, { nullable: true, description: "The event it comes from." })
  @MaxLength(200)
  event?: string | null;

  @Field(() => String, { nullable: true, description: "Where it was published (URL or description)." })
  @Text(500)
  source?: string | null;
}

@InputType({
  description:
    "An experience an organisation shares. Describe what an organisation did and learned; never name or describe individual people.",
})
export class ShareExperienceInput extends ExperienceDetails {
  @Field(() => ID, { description: "The organisation that shares it (yours)." })
  @MaxLength(200)
  organisation!: string;

  @Field(() => ID, { nullable: true, description: "Readable key; default: a slug of the title." })
  @MaxLength(128)
  @Matches(KEY, { message: "id may hold letters, digits, '-' and '_' only" })
  id?: string | null;

  @Field({ defaultValue: false, description: "When the id is taken, append a short random suffix." })
  suffixOnCollision!: boolean;

  @Field()
  @Text(300, { required: true })
  title!: string;

  @Field()
  @Text(8000, { required: true })
  summary!: string;

  @Field(() => ExperienceKind)
  kind!: ExperienceKind;
}

@InputType({ description: "Changes to an experience; absent fields stay as they are, null clears." })
export class UpdateExperienceInput extends ExperienceDetails {
  @Field(() => String, { nullable: true })
  @Text(300, { required: true })
  title?: string | null;

  @Field(() => String, { nullable: true })
  @Text(8000, { required: true })
  summary?: string | null;

  @Field(() => ExperienceKind, { nullable: true })
  kind?: ExperienceKind | null;
}
