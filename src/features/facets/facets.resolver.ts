import { Arg, Ctx, Query, Resolver } from "type-graphql";
import type { Context } from "../../context";
import { OrganisationFilter } from "../../graph/organisation/organisation.filter";
import { FacetsService } from "./facets.service";
import { Facets } from "./facets.type";

@Resolver()
export class FacetsResolver {
  @Query(() => Facets, {
    complexity: 50,
    description:
      "Counts of organisations by topic, province, kind, condition and scope under the same filter as `organisations`.",
  })
  facets(
    @Ctx() ctx: Context,
    @Arg("filter", () => OrganisationFilter, { nullable: true }) filter?: OrganisationFilter | null,
  ): Promise<Facets> {
    return new FacetsService(ctx).facets(filter);
  }
}
