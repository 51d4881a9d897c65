import { IsEmail, IsUrl, Matches, MaxLength } from "class-validator";
import { Field, InputType, Int } from "type-graphql";
import { Scope } from "../common/enums";
import { NamedUpdateInput, NewNamedInput } from "../common/mutation.inputs";
import * as field from "../common/mutation.validators";

const PHONE = /^\+?[0-9][0-9 ()-]{5,24}$/;

/** Fields that create and update share; absent fields stay as they are, null clears. */
@InputType()
class OrganisationDetails {
  @field.TextField(4000, { nullable: true })
  description?: string | null;

  @Field(() => String, { nullable: true, description: "http(s) URL." })
  @MaxLength(300)
  @IsUrl(
    { protocols: ["http", "https"], require_protocol: true },
    { message: "website must be an http(s) URL" },
  )
  website?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "Functional e-mail address of the organisation (info@, secretariaat@), never a person's. Visible to coordinators, admins and the organisation's own members only.",
  })
  @MaxLength(254)
  @IsEmail({}, { message: "contactEmail must be an e-mail address" })
  contactEmail?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Functional phone number of the organisation; visible like contactEmail.",
  })
  @MaxLength(30)
  @Matches(PHONE, { message: "contactPhone must be a phone number (digits, spaces, +, -, parentheses)" })
  contactPhone?: string | null;

  @field.SourceField()
  source?: string | null;
}

const ACTIVE_IN = "CBS codes of the municipalities (GM0363) and provinces (PV27) it is active in.";

@InputType({ description: "A new organisation. Its id is a slug of the name unless given." })
export class CreateOrganisationInput extends NewNamedInput(OrganisationDetails) {
  @field.TextField(60, {
    required: true,
    description: "Kind in Dutch: patiëntenvereniging, koepel, adviesraad, zorgcoöperatie, …",
  })
  kind!: string;

  @Field(() => Scope)
  scope!: Scope;

  @field.ReferenceListField(50, "Topics it works on.")
  topics?: string[] | null;

  @field.ReferenceListField(50, "Conditions or target groups it represents.")
  conditions?: string[] | null;

  @field.PlaceCodesField(500, ACTIVE_IN)
  activeIn?: string[] | null;

  @field.MunicipalityCodeField("CBS code of the municipality of its seat.")
  basedIn?: string | null;
}

@InputType({
  description: "Changes to an organisation's profile; absent fields stay as they are, null clears.",
})
export class UpdateOrganisationInput extends NamedUpdateInput(OrganisationDetails) {
  @Field(() => Scope, { nullable: true })
  scope?: Scope | null;
}

@InputType({ description: "Where an organisation works; replaces what it had." })
export class OrganisationPlacesInput {
  @field.PlaceCodesField(500, "CBS codes of municipalities (GM0363) and provinces (PV27).", {
    nullable: false,
  })
  activeIn!: string[];

  @field.MunicipalityCodeField("CBS code of its seat; absent: unchanged, null: none.")
  basedIn?: string | null;
}

@InputType({ description: "Two records of one organisation: the merged one is folded into the survivor." })
export class MergeOrganisationsInput {
  @field.ReferenceField("The organisation that continues.", { nullable: false })
  survivor!: string;

  @Field(() => Int, { description: "The version of the survivor you read." })
  survivorVersion!: number;

  @field.ReferenceField("The duplicate: its relationships move to the survivor; it becomes INACTIVE.", {
    nullable: false,
  })
  merged!: string;

  @Field(() => Int, { description: "The version of the merged organisation you read." })
  mergedVersion!: number;
}
