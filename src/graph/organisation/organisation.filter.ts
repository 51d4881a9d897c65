import { Field, InputType } from "type-graphql";
import { OrganisationStatus, Scope } from "../common/enums";
import { type EnumOf, graphEnum } from "../common/graph-enum";
import { KindsField, NameContainsField, ScopesField, StringListField } from "../common/filter.fields";

@InputType({
  description:
    "Organisations matching all given fields (AND); a list field matches any of its values (OR), as choosing several chips of one facet does. A singular field and its list (topic and topics) together: any of them. Without statuses only ACTIVE organisations are listed.",
})
export class OrganisationFilter {
  @Field(() => String, {
    nullable: true,
    description:
      "Topic id; organisations working on it (and on its subtopics unless includeSubtopics is false).",
  })
  topic?: string | null;

  @StringListField(
    20,
    100,
    "Topic ids; organisations working on any of them (with subtopics unless includeSubtopics is false).",
  )
  topics?: string[] | null;

  @Field({ defaultValue: true })
  includeSubtopics!: boolean;

  @Field(() => String, { nullable: true, description: "Condition id." })
  condition?: string | null;

  @StringListField(20, 100, "Condition ids; organisations representing any of them.")
  conditions?: string[] | null;

  @Field(() => String, {
    nullable: true,
    description:
      "Municipality code or name; organisations active in or based in it (former municipalities resolve to their successor).",
  })
  municipality?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Province code or name; organisations active in it or in one of its municipalities.",
  })
  province?: string | null;

  @StringListField(
    12,
    60,
    "Province codes or names; organisations working in any of them (the works-in rule per province).",
  )
  provinces?: string[] | null;

  @ScopesField()
  scopes?: Scope[] | null;

  @KindsField("Kinds, e.g. patiëntenvereniging, adviesraad.")
  kinds?: string[] | null;

  @Field(() => [OrganisationStatus], {
    nullable: true,
    description: "Default [ACTIVE]: directory lists leave INACTIVE organisations out unless asked for.",
  })
  statuses?: OrganisationStatus[] | null;

  @NameContainsField()
  name?: string | null;
}

export const OrganisationOrderField = graphEnum("OrganisationOrderField", {
  NAME: null,
  EXPERIENCE_COUNT: null,
  INITIATIVE_COUNT: null,
  TOPIC_COUNT: null,
  MEMBER_COUNT: null,
});
export type OrganisationOrderField = EnumOf<typeof OrganisationOrderField>;
