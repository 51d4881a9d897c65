import { MaxLength } from "class-validator";
import { Args, Ctx, Field, FieldResolver, InputType, Resolver, Root } from "type-graphql";
import type { Context } from "../../context";
import { relationComplexity } from "../common/connection.type";
import { PageArgs } from "../common/page.args";
import { NodeQueries, nodeConnection } from "../common/node.queries";
import { Experience, ExperienceConnection } from "../experience/experience.type";
import { Organisation, OrganisationConnection } from "../organisation/organisation.type";
import { BY_NAME, R } from "../relations";
import { conditionListCondition } from "./condition.repository";
import { Condition, ConditionConnection } from "./condition.type";
import { NameContainsField } from "../common/filter.fields";

@InputType()
export class ConditionFilter {
  @NameContainsField()
  name?: string | null;

  @Field(() => String, { nullable: true, description: "Group, e.g. zintuiglijk, doelgroep." })
  @MaxLength(60)
  group?: string | null;
}

@Resolver(() => Condition)
export class ConditionResolver extends NodeQueries("Condition", Condition, ConditionConnection, {
  list: { filter: ConditionFilter, ordering: BY_NAME, condition: conditionListCondition },
}) {
  @FieldResolver(() => OrganisationConnection, {
    complexity: relationComplexity("conditionOrganisations"),
    description: "Organisations representing people with this condition.",
  })
  organisations(
    @Root() c: Condition,
    @Ctx() ctx: Context,
    @Args(() => PageArgs) page: PageArgs,
  ): Promise<OrganisationConnection> {
    return nodeConnection(
      ctx,
      R.conditionOrganisations,
      c.key,
      page,
      OrganisationConnection,
      Organisation.from,
    );
  }

  @FieldResolver(() => ExperienceConnection, { complexity: relationComplexity("conditionExperiences") })
  experiences(
    @Root() c: Condition,
    @Ctx() ctx: Context,
    @Args(() => PageArgs) page: PageArgs,
  ): Promise<ExperienceConnection> {
    return nodeConnection(ctx, R.conditionExperiences, c.key, page, ExperienceConnection, Experience.from);
  }
}
