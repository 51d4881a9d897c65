import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from "type-graphql";
import type { Context } from "../../context";
import { listComplexity } from "../../graph/common/connection.type";
import { Municipality } from "../../graph/place/place.type";
import { Topic } from "../../graph/topic/topic.type";
import { ActivityService } from "./activity.service";
import { TopicActivity, TopicPlaces } from "./activity.type";

@Resolver(() => Municipality)
export class MunicipalityActivityResolver {
  @FieldResolver(() => [TopicActivity], {
    complexity: listComplexity(10),
    description: "Topics worked on here, ranked by how many organisations work on them here.",
  })
  topics(
    @Root() m: Municipality,
    @Ctx() ctx: Context,
    @Arg("first", () => Int, { defaultValue: 20 }) first: number,
  ): Promise<TopicActivity[]> {
    return new ActivityService(ctx).topicsIn(m.code, first);
  }
}

@Resolver(() => Topic)
export class TopicActivityResolver {
  @FieldResolver(() => TopicPlaces, {
    complexity: 20,
    description: "Where this topic is worked on: provinces and municipalities, most organisations first.",
  })
  places(
    @Root() t: Topic,
    @Ctx() ctx: Context,
    @Arg("includeSubtopics", { defaultValue: true }) includeSubtopics: boolean,
    @Arg("first", () => Int, {
      defaultValue: 20,
      description: "At most this many provinces and municipalities.",
    })
    first: number,
  ): Promise<TopicPlaces> {
    return new ActivityService(ctx).placesOf(t.key, includeSubtopics, first);
  }
}
