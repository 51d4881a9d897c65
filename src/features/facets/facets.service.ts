import type { Context } from "../../context";
import { checkArgs } from "../../graph/common/args.validate";
import type { OrganisationFilter } from "../../graph/organisation/organisation.filter";
import { OrganisationRepository } from "../../graph/organisation/organisation.repository";
import { FacetsRepository } from "./facets.repository";
import type { Facets } from "./facets.type";

/** Counts for filter panels: the organisation list's own filter (one definition), grouped five ways. */
export class FacetsService {
  constructor(private readonly ctx: Context) {}

  async facets(filter?: OrganisationFilter | null): Promise<Facets> {
    // The same rules as GraphQL's, so that every entry (not only /graphql) gets them.
    if (filter) await checkArgs(filter, "filter");
    const condition = await this.ctx.repo(OrganisationRepository).condition(filter);
    return this.ctx.repo(FacetsRepository).facets(condition);
  }
}
