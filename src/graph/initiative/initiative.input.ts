import { Matches } from "class-validator";
import { Field, InputType } from "type-graphql";
import { NamedUpdateInput, NewNamedInput } from "../common/mutation.inputs";
import * as field from "../common/mutation.validators";

const STATUS = /^[A-Z][A-Z_]{0,29}$/;
const STATUS_RULE = Matches(STATUS, {
  message: "status must be an upper-case word such as ACTIVE or COMPLETED",
});

/** Fields that create and update share; absent fields stay as they are, null clears. */
@InputType()
class InitiativeDetails {
  @field.TextField(4000, { nullable: true })
  goal?: string | null;

  @field.DayField()
  startDate?: string | null;

  @field.DayField()
  endDate?: string | null;

  @field.ReferenceListField(20, "Topics it is about.")
  topics?: string[] | null;

  @field.ReferenceListField(20, "Conditions or target groups it concerns.")
  conditions?: string[] | null;

  @field.PlaceCodesField(
    500,
    "CBS codes of the municipalities (GM0363) and provinces (PV27) it is active in.",
  )
  places?: string[] | null;

  @field.SourceField()
  source?: string | null;
}

@InputType({ description: "A new initiative. Its id is a slug of the name unless given." })
export class CreateInitiativeInput extends NewNamedInput(InitiativeDetails) {
  @field.TextField(60, { required: true, description: "alliantie, campagne, project, netwerk, onderzoek" })
  kind!: string;

  @Field({ defaultValue: "ACTIVE", description: "Upper-case status, e.g. ACTIVE or COMPLETED." })
  @STATUS_RULE
  status!: string;
}

@InputType({ description: "Changes to an initiative; absent fields stay as they are, null clears." })
export class UpdateInitiativeInput extends NamedUpdateInput(InitiativeDetails) {
  @Field(() => String, { nullable: true, description: "Upper-case status, e.g. ACTIVE or COMPLETED." })
  @STATUS_RULE
  status?: string | null;
}
