import type { GraphQLResolveInfo } from "graphql";
import { Args, Ctx, Info, Query, Resolver } from "type-graphql";
import type { Context } from "../../context";
import { connectionComplexity } from "../../graph/common/connection.type";
import { SearchService } from "./search.service";
import { SearchArgs, SearchResultConnection } from "./search.type";

@Resolver()
export class SearchResolver {
  @Query(() => SearchResultConnection, {
    complexity: connectionComplexity,
    description:
      "Ranked full-text search (Dutch analyzer) over organisations, topics, initiatives, experiences, events and conditions.",
  })
  search(
    @Args(() => SearchArgs) args: SearchArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<SearchResultConnection> {
    return new SearchService(ctx).search(args, info);
  }
}
