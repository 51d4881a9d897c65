import { Args, Ctx, Query, Resolver } from "type-graphql";
import type { Context } from "../../context";
import { notFound } from "../../errors";
import { connectionComplexity, pageSize, toConnection } from "../../graph/common/connection.type";
import { decodeCursor, encodeCursor } from "../../graph/common/cursor";
import { ParticipationRole, Scope, enumValue } from "../../graph/common/enums";
import { parseKey } from "../../graph/common/global-id";
import { loadNode } from "../../graph/common/node.loader";
import { Experience } from "../../graph/experience/experience.type";
import { Initiative } from "../../graph/initiative/initiative.type";
import { Organisation } from "../../graph/organisation/organisation.type";
import { PlaceRepository, type ResolvedPlace } from "../../graph/place/place.repository";
import { Municipality, Province, placeFrom } from "../../graph/place/place.type";
import { Topic } from "../../graph/topic/topic.type";
import { describeEvidence } from "./who-works-on.evidence";
import { type EvidenceRow, WhoWorksOnRepository } from "./who-works-on.repository";
import { type Evidence, EvidenceKind, WhoWorksOnArgs, WhoWorksOnConnection } from "./who-works-on.type";

function toEvidence(row: EvidenceRow): Evidence {
  const evidence: Evidence = {
    kind: enumValue(EvidenceKind, row.kind) ?? EvidenceKind.WORKS_ON,
    weight: Math.round(row.weight * 1000) / 1000,
    description: "",
    topic: Topic.from(row.topic),
    place: row.place && row.placeLabels ? placeFrom(row.place, row.placeLabels) : null,
    experience: row.experience ? Experience.from(row.experience) : null,
    initiative: row.initiative ? Initiative.from(row.initiative) : null,
    role: enumValue(ParticipationRole, row.role),
  };
  evidence.description = describeEvidence(evidence);
  return evidence;
}

function resolvedPlaceNode(place: ResolvedPlace | undefined): Municipality | Province | null {
  if (!place || place.kind === "near") return null;
  return place.kind === "province"
    ? Province.from({ code: place.code, name: place.name })
    : Municipality.from({ code: place.code, name: place.name });
}

@Resolver()
export class WhoWorksOnResolver {
  @Query(() => WhoWorksOnConnection, {
    complexity: connectionComplexity,
    description:
      "The organisations that work on a topic in a place, strongest evidence first. Evidence: WORKS_ON the topic (or a subtopic) and active in the place; an experience about it located there; an initiative about it active there.",
  })
  async whoWorksOn(
    @Args(() => WhoWorksOnArgs) args: WhoWorksOnArgs,
    @Ctx() ctx: Context,
  ): Promise<WhoWorksOnConnection> {
    const first = pageSize(args.first);
    const after = decodeCursor("whoWorksOn", args.after);
    const topicKey = parseKey("Topic", args.topic, "topic");
    const [topic, place] = await Promise.all([
      loadNode(ctx, "Topic", topicKey, Topic.from),
      ctx.repo(PlaceRepository).resolve(args.place),
    ]);
    if (!topic) throw notFound(`topic "${topicKey}" does not exist.`);
    const scopes = args.scopes?.length ? args.scopes : Object.values(Scope);
    const result = await ctx.repo(WhoWorksOnRepository).find({
      topic: topicKey,
      includeSubtopics: args.includeSubtopics,
      place,
      scopes,
      includeNational: !place || Boolean(args.scopes?.includes(Scope.NATIONAL)),
      first,
      after,
    });
    const edges = result.rows.map((row) => ({
      node: Organisation.from(row.organisation),
      cursor: encodeCursor("whoWorksOn", { value: row.score, key: String(row.organisation.id) }),
      score: row.score,
      evidence: row.evidence.map(toEvidence),
      evidenceCount: row.evidenceCount,
    }));
    const connection = toConnection(
      WhoWorksOnConnection,
      edges,
      result.hasNextPage,
      async () => result.total,
    );
    connection.topic = topic;
    connection.resolvedPlace = resolvedPlaceNode(place);
    return connection;
  }
}
