import type { GraphQLResolveInfo } from "graphql";
import { MaxLength } from "class-validator";
import {
  Arg,
  Args,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Info,
  InputType,
  Query,
  Resolver,
  Root,
} from "type-graphql";
import type { Context } from "../../context";
import { connectionComplexity, relationComplexity } from "../common/connection.type";
import { parseKey } from "../common/global-id";
import { loadNode } from "../common/node.loader";
import { PageArgs } from "../common/page.args";
import { relationConnection } from "../common/relation.loader";
import { rootConnection } from "../common/root.loader";
import { Experience, ExperienceConnection } from "../experience/experience.type";
import { Organisation, OrganisationConnection } from "../organisation/organisation.type";
import { BY_NAME, R } from "../relations";
import { conditionListCondition } from "./condition.repository";
import { Condition, ConditionConnection } from "./condition.type";

@InputType()
export class ConditionFilter {
  @Field(() => String, { nullable: true, description: "Part of the name; case and accents are ignored." })
  @MaxLength(100)
  name?: string | null;

  @Field(() => String, { nullable: true, description: "Group, e.g. zintuiglijk, doelgroep." })
  @MaxLength(60)
  group?: string | null;
}

@Resolver(() => Condition)
export class ConditionResolver {
  @Query(() => Condition, { nullable: true })
  condition(@Arg("id", () => ID) id: string, @Ctx() ctx: Context): Promise<Condition | null> {
    return loadNode(ctx, "Condition", parseKey("Condition", id), Condition.from);
  }

  @Query(() => ConditionConnection, { complexity: connectionComplexity })
  conditions(
    @Ctx() ctx: Context,
    @Args(() => PageArgs) page: PageArgs,
    @Info() info: GraphQLResolveInfo,
    @Arg("filter", () => ConditionFilter, { nullable: true }) filter?: ConditionFilter | null,
  ): Promise<ConditionConnection> {
    return rootConnection(
      ctx,
      { name: "conditions", label: "Condition", key: "id" },
      BY_NAME,
      conditionListCondition(filter),
      page,
      ConditionConnection,
      Condition.from,
      info,
    );
  }

  @FieldResolver(() => OrganisationConnection, {
    complexity: relationComplexity("conditionOrganisations"),
    description: "Organisations representing people with this condition.",
  })
  organisations(
    @Root() c: Condition,
    @Ctx() ctx: Context,
    @Args(() => PageArgs) page: PageArgs,
  ): Promise<OrganisationConnection> {
    return relationConnection(
      ctx,
      R.conditionOrganisations,
      c.key,
      page,
      OrganisationConnection,
      (i, cursor) => ({ node: Organisation.from(i.node), cursor }),
    );
  }

  @FieldResolver(() => ExperienceConnection, { complexity: relationComplexity("conditionExperiences") })
  experiences(
    @Root() c: Condition,
    @Ctx() ctx: Context,
    @Args(() => PageArgs) page: PageArgs,
  ): Promise<ExperienceConnection> {
    return relationConnection(
      ctx,
      R.conditionExperiences,
      c.key,
      page,
      ExperienceConnection,
      (i, cursor) => ({ node: Experience.from(i.node), cursor }),
    );
  }
}
