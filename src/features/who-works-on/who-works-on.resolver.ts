import type { GraphQLResolveInfo } from "graphql";
import { Args, Ctx, Info, Query, Resolver } from "type-graphql";
import type { Context } from "../../context";
import { connectionComplexity } from "../../graph/common/connection.type";
import { WhoWorksOnService } from "./who-works-on.service";
import { WhoWorksOnArgs, WhoWorksOnConnection } from "./who-works-on.type";

@Resolver()
export class WhoWorksOnResolver {
  @Query(() => WhoWorksOnConnection, {
    complexity: connectionComplexity,
    description:
      "The organisations that work on a topic in a place, strongest evidence first. Evidence: WORKS_ON the topic (or a subtopic) and active in the place; an experience about it located there; an initiative about it active there.",
  })
  whoWorksOn(
    @Args(() => WhoWorksOnArgs) args: WhoWorksOnArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<WhoWorksOnConnection> {
    return new WhoWorksOnService(ctx).find(args, info);
  }
}
