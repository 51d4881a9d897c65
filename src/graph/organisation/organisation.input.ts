import { IsEmail, IsUrl, Matches, MaxLength } from "class-validator";
import { Field, ID, InputType, Int } from "type-graphql";
import { Scope } from "../common/enums";
import { IdList, KEY, PlaceCodeList, Text } from "../common/mutation.validators";
import { MUNICIPALITY_CODE } from "../../domain";

const PHONE = /^\+?[0-9][0-9 ()-]{5,24}$/;

/** Fields that create and update share; absent fields stay as they are, null clears. */
@InputType()
abstract class OrganisationDetails {
  @Field(() => String, { nullable: true })
  @Text(4000)
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

  @Field(() => String, { nullable: true, description: "Where the facts come from (URL or description)." })
  @Text(500)
  source?: string | null;
}

@InputType({ description: "A new organisation. Its id is a slug of the name unless given." })
export class CreateOrganisationInput extends OrganisationDetails {
  @Field(() => ID, { nullable: true, description: "Readable key; default: a slug of the name." })
  @MaxLength(128)
  @Matches(KEY, { message: "id may hold letters, digits, '-' and '_' only" })
  id?: string | null;

  @Field({ defaultValue: false, description: "When the id is taken, append a short random suffix." })
  suffixOnCollision!: boolean;

  @Field()
  @Text(200, { required: true })
  name!: string;

  @Field({ description: "Kind in Dutch: patiëntenvereniging, koepel, adviesraad, zorgcoöperatie, …" })
  @Text(60, { required: true })
  kind!: string;

  @Field(() => Scope)
  scope!: Scope;

  @Field(() => [ID], { nullable: true, description: "Topics it works on." })
  @IdList(50)
  topics?: string[] | null;

  @Field(() => [ID], { nullable: true, description: "Conditions or target groups it represents." })
  @IdList(50)
  conditions?: string[] | null;

  @Field(() => [String], {
    nullable: true,
    description: "CBS codes of the municipalities (GM0363) and provinces (PV27) it is active in.",
  })
  @PlaceCodeList(500)
  activeIn?: string[] | null;

  @Field(() => String, { nullable: true, description: "CBS code of the municipality of its seat." })
  @Matches(MUNICIPALITY_CODE, { message: "basedIn must be a CBS municipality code (GM0363)" })
  basedIn?: string | null;
}

@InputType({
  description: "Changes to an organisation's profile; absent fields stay as they are, null clears.",
})
export class UpdateOrganisationInput extends OrganisationDetails {
  @Field(() => String, { nullable: true })
  @Text(200, { required: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  @Text(60, { required: true })
  kind?: string | null;

  @Field(() => Scope, { nullable: true })
  scope?: Scope | null;
}

@InputType({ description: "Where an organisation works; replaces what it had." })
export class OrganisationPlacesInput {
  @Field(() => [String], { description: "CBS codes of municipalities (GM0363) and provinces (PV27)." })
  @PlaceCodeList(500)
  activeIn!: string[];

  @Field(() => String, {
    nullable: true,
    description: "CBS code of its seat; absent: unchanged, null: none.",
  })
  @Matches(MUNICIPALITY_CODE, { message: "basedIn must be a CBS municipality code (GM0363)" })
  basedIn?: string | null;
}

@InputType({ description: "Two records of one organisation: the merged one is folded into the survivor." })
export class MergeOrganisationsInput {
  @Field(() => ID, { description: "The organisation that continues." })
  @MaxLength(200)
  survivor!: string;

  @Field(() => Int, { description: "The version of the survivor you read." })
  survivorVersion!: number;

  @Field(() => ID, {
    description: "The duplicate: its relationships move to the survivor; it becomes INACTIVE.",
  })
  @MaxLength(200)
  merged!: string;

  @Field(() => Int, { description: "The version of the merged organisation you read." })
  mergedVersion!: number;
}
