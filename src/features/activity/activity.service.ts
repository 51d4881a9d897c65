import type { Context } from "../../context";
import { badInput } from "../../errors";
import { placeFrom } from "../../graph/place/place.type";
import { Topic } from "../../graph/topic/topic.type";
import { ActivityRepository, type PlaceCount, type TopicCount } from "./activity.repository";
import type { PlaceActivity, TopicActivity, TopicPlaces } from "./activity.type";

/** A TopicCount row as the API's TopicActivity (also used by the read planner). */
export const toTopicActivity = (r: TopicCount): TopicActivity => ({
  topic: Topic.from(r.topic),
  organisationCount: r.organisationCount,
  experienceCount: r.experienceCount,
});

export function checkFirst(first: number): void {
  if (!Number.isInteger(first) || first < 0 || first > 100)
    throw badInput("first must be between 0 and 100.", "first");
}

const toActivity = (c: PlaceCount): PlaceActivity => ({
  place: placeFrom(c.place, c.labels),
  organisationCount: c.organisationCount,
  experienceCount: c.experienceCount,
});

/** The reverse questions, batched per request: topics in a municipality, places of a topic. */
export class ActivityService {
  constructor(private readonly ctx: Context) {}

  async topicsIn(municipality: string, first: number): Promise<TopicActivity[]> {
    checkFirst(first);
    const loader = this.ctx.loader(
      "municipalityTopics",
      (codes: readonly string[]) => this.ctx.repo(ActivityRepository).topicsInMunicipalities(codes, first),
      first,
    );
    const rows = await loader.load(municipality);
    return rows.map(toTopicActivity);
  }

  async placesOf(topic: string, includeSubtopics: boolean, first: number): Promise<TopicPlaces> {
    checkFirst(first);
    const loader = this.ctx.loader(
      "topicPlaces",
      (ids: readonly string[]) =>
        this.ctx.repo(ActivityRepository).placesOfTopics(ids, includeSubtopics, first),
      { includeSubtopics, first },
    );
    const { provinces, municipalities } = await loader.load(topic);
    return { provinces: provinces.map(toActivity), municipalities: municipalities.map(toActivity) };
  }
}
