import { Matches, MaxLength } from "class-validator";
import { Field, ID, InputType } from "type-graphql";
import { Day, IdList, KEY, PlaceCodeList, Text } from "../common/mutation.validators";

const STATUS = /^[A-Z][A-Z_]{0,29}$/;

/** Fields that create and update share; absent fields stay as they are, null clears. */
@InputType()
abstract class InitiativeDetails {
  @Field(() => String, { nullable: true })
  @Text(4000)
  goal?: string | null;

  @Field(() => String, { nullable: true, description: "ISO date YYYY-MM-DD." })
  @Day()
  startDate?: string | null;

  @Field(() => String, { nullable: true, description: "ISO date YYYY-MM-DD." })
  @Day()
  endDate?: string | null;

  @Field(() => [ID], { nullable: true, description: "Topics it is about." })
  @IdList(20)
  topics?: string[] | null;

  @Field(() => [ID], { nullable: true, description: "Conditions or target groups it concerns." })
  @IdList(20)
  conditions?: string[] | null;

  @Field(() => [String], {
    nullable: true,
    description: "CBS codes of the municipalities (GM0363) and provinces (PV27) it is active in.",
  })
  @PlaceCodeList(500)
  places?: string[] | null;

  @Field(() => String, { nullable: true, description: "Where the facts come from (URL or description)." })
  @Text(500)
  source?: string | null;
}

@InputType({ description: "A new initiative. Its id is a slug of the name unless given." })
export class CreateInitiativeInput extends InitiativeDetails {
  @Field(() => ID, { nullable: true, description: "Readable key; default: a slug of the name." })
  @MaxLength(128)
  @Matches(KEY, { message: "id may hold letters, digits, '-' and '_' only" })
  id?: string | null;

  @Field({ defaultValue: false, description: "When the id is taken, append a short random suffix." })
  suffixOnCollision!: boolean;

  @Field()
  @Text(200, { required: true })
  name!: string;

  @Field({ description: "alliantie, campagne, project, netwerk, onderzoek" })
  @Text(60, { required: true })
  kind!: string;

  @Field({ defaultValue: "ACTIVE", description: "Upper-case status, e.g. ACTIVE or COMPLETED." })
  @Matches(STATUS, { message: "status must be an upper-case word such as ACTIVE or COMPLETED" })
  status!: string;
}

@InputType({ description: "Changes to an initiative; absent fields stay as they are, null clears." })
export class UpdateInitiativeInput extends InitiativeDetails {
  @Field(() => String, { nullable: true })
  @Text(200, { required: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  @Text(60, { required: true })
  kind?: string | null;

  @Field(() => String, { nullable: true, description: "Upper-case status, e.g. ACTIVE or COMPLETED." })
  @Matches(STATUS, { message: "status must be an upper-case word such as ACTIVE or COMPLETED" })
  status?: string | null;
}
