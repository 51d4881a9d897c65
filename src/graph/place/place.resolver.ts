import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, Field, FieldResolver, Info, InputType, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../context";
import { MUNICIPALITY_CODE, PROVINCE_CODE } from "../../domain";
import { badInput } from "../../errors";
import { connectionComplexity, relationComplexity, listComplexity } from "../common/connection.type";
import { loadNode } from "../common/node.loader";
import { nodeConnection } from "../common/node.queries";
import { PageArgs } from "../common/page.args";
import { relationList, relationOne } from "../common/relation.loader";
import { rootConnection } from "../common/root.loader";
import { Event, EventConnection } from "../event/event.type";
import { Experience, ExperienceConnection } from "../experience/experience.type";
import { Organisation, OrganisationConnection } from "../organisation/organisation.type";
import { BY_NAME, R } from "../relations";
import { Municipality, MunicipalityConnection, Province } from "./place.type";
import { PlaceRepository, municipalityListCondition } from "./place.repository";
import { NameContainsField } from "../common/filter.fields";

@InputType()
export class MunicipalityFilter {
  @Field(() => String, { nullable: true, description: "Province code or name." })
  province?: string | null;

  @NameContainsField()
  name?: string | null;

  @Field({ defaultValue: false, description: "Also list municipalities merged away since 2019." })
  includeFormer!: boolean;
}

function code(value: string, pattern: RegExp, what: string, argument = "code"): string {
  const normalised = value.trim().toUpperCase();
  if (!pattern.test(normalised))
    throw badInput(`${argument} "${value.slice(0, 20)}" is not a ${what} code.`, argument);
  return normalised;
}

@Resolver(() => Municipality)
export class MunicipalityResolver {
  @Query(() => Municipality, {
    nullable: true,
    description: "A municipality by CBS code (GM0363), current or former; null when unknown.",
  })
  municipality(@Arg("code") value: string, @Ctx() ctx: Context): Promise<Municipality | null> {
    return loadNode(
      ctx,
      "Municipality",
      code(value, MUNICIPALITY_CODE, "CBS municipality (GM0000)"),
      Municipality.from,
    );
  }

  @Query(() => MunicipalityConnection, { complexity: connectionComplexity })
  async municipalities(
    @Ctx() ctx: Context,
    @Args(() => PageArgs) page: PageArgs,
    @Info() info: GraphQLResolveInfo,
    @Arg("filter", () => MunicipalityFilter, { nullable: true }) filter?: MunicipalityFilter | null,
  ): Promise<MunicipalityConnection> {
    const province = filter?.province
      ? (await ctx.repo(PlaceRepository).resolveProvince(filter.province, "filter.province")).code
      : null;
    const condition = municipalityListCondition({
      includeFormer: Boolean(filter?.includeFormer),
      name: filter?.name ?? null,
      province,
    });
    return rootConnection(
      ctx,
      { name: "municipalities", label: "Municipality", key: "code" },
      BY_NAME,
      condition,
      page,
      MunicipalityConnection,
      Municipality.from,
      info,
    );
  }

  @FieldResolver(() => Province, { nullable: true })
  province(@Root() m: Municipality, @Ctx() ctx: Context): Promise<Province | null> {
    return relationOne(ctx, R.municipalityProvince, m.code, (i) => Province.from(i.node));
  }

  @FieldResolver(() => Municipality, {
    nullable: true,
    description:
      "For a merged-away municipality: the one it merged into (the legal successor when it was split).",
  })
  async successor(@Root() m: Municipality, @Ctx() ctx: Context): Promise<Municipality | null> {
    const successors = await relationList(ctx, R.municipalitySuccessor, m.code, (i) => ({
      m: Municipality.from(i.node),
      legal: i.extra !== false,
    }));
    return (successors.find((s) => s.legal) ?? successors[0])?.m ?? null;
  }

  @FieldResolver(() => [Municipality], {
    complexity: listComplexity(2),
    description: "Municipalities merged into this one since 2019.",
  })
  predecessors(@Root() m: Municipality, @Ctx() ctx: Context): Promise<Municipality[]> {
    return relationList(ctx, R.municipalityPredecessors, m.code, (i) => Municipality.from(i.node));
  }

  @FieldResolver(() => OrganisationConnection, {
    complexity: relationComplexity("municipalityOrganisations"),
    description:
      "Organisations active in or based in this municipality (see whoWorksOn for regional and national ones).",
  })
  organisations(
    @Root() m: Municipality,
    @Ctx() ctx: Context,
    @Args(() => PageArgs) page: PageArgs,
  ): Promise<OrganisationConnection> {
    return nodeConnection(
      ctx,
      R.municipalityOrganisations,
      m.code,
      page,
      OrganisationConnection,
      Organisation.from,
    );
  }

  @FieldResolver(() => ExperienceConnection, { complexity: relationComplexity("municipalityExperiences") })
  experiences(
    @Root() m: Municipality,
    @Ctx() ctx: Context,
    @Args(() => PageArgs) page: PageArgs,
  ): Promise<ExperienceConnection> {
    return nodeConnection(
      ctx,
      R.municipalityExperiences,
      m.code,
      page,
      ExperienceConnection,
      Experience.from,
    );
  }

  @FieldResolver(() => EventConnection, { complexity: relationComplexity("municipalityEvents") })
  events(
    @Root() m: Municipality,
    @Ctx() ctx: Context,
    @Args(() => PageArgs) page: PageArgs,
  ): Promise<EventConnection> {
    return nodeConnection(ctx, R.municipalityEvents, m.code, page, EventConnection, Event.from);
  }
}

@Resolver(() => Province)
export class ProvinceResolver {
  @Query(() => Province, { nullable: true, description: "A province by code (PV20..PV31)." })
  province(@Arg("code") value: string, @Ctx() ctx: Context): Promise<Province | null> {
    return loadNode(ctx, "Province", code(value, PROVINCE_CODE, "province (PV20..PV31)"), Province.from);
  }

  @Query(() => [Province], { description: "The twelve provinces, by name." })
  async provinces(@Ctx() ctx: Context): Promise<Province[]> {
    return (await ctx.repo(PlaceRepository).provinces()).map(Province.from);
  }

  @FieldResolver(() => [Municipality], {
    complexity: listComplexity(30),
    description: "Its current municipalities.",
  })
  municipalities(@Root() p: Province, @Ctx() ctx: Context): Promise<Municipality[]> {
    return relationList(ctx, R.provinceMunicipalities, p.code, (i) => Municipality.from(i.node));
  }

  @FieldResolver(() => OrganisationConnection, {
    complexity: relationComplexity("provinceOrganisations"),
    description: "Organisations active in or based in the province or one of its municipalities.",
  })
  organisations(
    @Root() p: Province,
    @Ctx() ctx: Context,
    @Args(() => PageArgs) page: PageArgs,
  ): Promise<OrganisationConnection> {
    return nodeConnection(
      ctx,
      R.provinceOrganisations,
      p.code,
      page,
      OrganisationConnection,
      Organisation.from,
    );
  }
}
