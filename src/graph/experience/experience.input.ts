import { Matches } from "class-validator";
import { Field, InputType } from "type-graphql";
import { ExperienceKind } from "../common/enums";
import * as field from "../common/mutation.validators";
import { PLACE_CODE } from "../../domain";

/** Fields that sharing and updating share; absent fields stay as they are, null clears. */
@InputType()
abstract class ExperienceDetails {
  @field.DayField()
  date?: string | null;

  @field.ReferenceListField(20, "Topics it is about.")
  topics?: string[] | null;

  @field.ReferenceListField(20, "Conditions or target groups it concerns.")
  conditions?: string[] | null;

  @Field(() => String, {
    nullable: true,
    description: "CBS code of the municipality or province it happened in.",
  })
  @Matches(PLACE_CODE, { message: "place must be a CBS code (GM0363, PV27)" })
  place?: string | null;

  @field.ReferenceField("The initiative it comes from.")
  initiative?: string | null;

  @field.ReferenceField("The event it comes from.")
  event?: string | null;

  @field.SourceField("Where it was published (URL or description).")
  source?: string | null;
}

@InputType({
  description:
    "An experience an organisation shares. Describe what an organisation did and learned; never name or describe individual people.",
})
export class ShareExperienceInput extends ExperienceDetails {
  @field.ReferenceField("The organisation that shares it (yours).", { nullable: false })
  organisation!: string;

  @field.NewKeyField("title")
  id?: string | null;

  @field.SuffixOnCollisionField()
  suffixOnCollision!: boolean;

  @field.TextField(300, { required: true })
  title!: string;

  @field.TextField(8000, { required: true })
  summary!: string;

  @Field(() => ExperienceKind)
  kind!: ExperienceKind;
}

@InputType({ description: "Changes to an experience; absent fields stay as they are, null clears." })
export class UpdateExperienceInput extends ExperienceDetails {
  @field.TextField(300, { required: true, nullable: true })
  title?: string | null;

  @field.TextField(8000, { required: true, nullable: true })
  summary?: string | null;

  @Field(() => ExperienceKind, { nullable: true })
  kind?: ExperienceKind | null;
}
