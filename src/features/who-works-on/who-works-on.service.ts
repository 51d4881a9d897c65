import type { GraphQLResolveInfo } from "graphql";
import type { Context } from "../../context";
import { type ResolvedPlace, includesNational } from "../../domain";
import { notFound } from "../../errors";
import { pageWindow, toConnection } from "../../graph/common/connection.type";
import { encodeCursor } from "../../graph/common/cursor";
import { selectsField } from "../../graph/common/selection";
import { ParticipationRole, Scope, enumValue } from "../../graph/common/enums";
import { parseKey } from "../../graph/common/global-id";
import { Experience } from "../../graph/experience/experience.type";
import { Initiative } from "../../graph/initiative/initiative.type";
import { Organisation } from "../../graph/organisation/organisation.type";
import { PlaceRepository } from "../../graph/place/place.repository";
import { Municipality, Province, placeFrom } from "../../graph/place/place.type";
import { Topic } from "../../graph/topic/topic.type";
import { describeEvidence } from "./who-works-on.evidence";
import {
  type EvidenceRow,
  type PagePlace,
  type WhoWorksOnResult,
  WhoWorksOnRepository,
} from "./who-works-on.repository";
import { projectionOf } from "./who-works-on.selection";
import {
  type Evidence,
  EvidenceKind,
  SearchCircle,
  type WhoWorksOnArgs,
  WhoWorksOnConnection,
} from "./who-works-on.type";

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

/**
 * The place as includesNational takes it (it asks only whether one was given): a province not read
 * yet stands in without its name and codes. (A domain signature on the place's kind would drop this.)
 */
function givenPlace(place: PagePlace | undefined): ResolvedPlace | undefined {
  if (place?.kind !== "province" || "municipalityCodes" in place) return place;
  return { kind: "province", code: place.code ?? "", name: "", municipalityCodes: [] };
}

function resolvedPlaceNode(
  place: PagePlace | undefined,
  result: WhoWorksOnResult,
): Municipality | Province | SearchCircle | null {
  if (!place) return null;
  if (place.kind === "near")
    return Object.assign(new SearchCircle(), { lat: place.lat, lon: place.lon, radiusKm: place.radiusKm });
  if (place.kind === "province") return result.province ? Province.from(result.province) : null;
  return Municipality.from({ code: place.code, name: place.name });
}

/**
 * "Who works on topic T in place P": validates and resolves the arguments, asks the repository (which
 * composes the domain's works-in rule and evidence weights) and builds the connection with evidence
 * in words and keyset cursors.
 */
export class WhoWorksOnService {
  constructor(private readonly ctx: Context) {}

  /**
   * `info`: the selection, so that the page reads only the properties it needs and counts totalCount in
   * its own query when it is selected.
   */
  async find(args: WhoWorksOnArgs, info?: GraphQLResolveInfo): Promise<WhoWorksOnConnection> {
    const window = pageWindow("whoWorksOn", args);
    const topicKey = parseKey("Topic", args.topic, "topic");
    // The topic and a province are read in the page's query (no round trip of their own); a
    // municipality needs one to resolve its name first.
    const places = this.ctx.repo(PlaceRepository);
    const place = await places.resolveOrAsk(args.place);
    const result = await this.ctx.repo(WhoWorksOnRepository).find({
      topic: topicKey,
      includeSubtopics: args.includeSubtopics,
      place,
      scopes: args.scopes?.length ? args.scopes : Object.values(Scope),
      includeNational: includesNational(givenPlace(place), args.scopes),
      window,
      withTotal: info !== undefined && selectsField(info, "totalCount"),
      projection: info && projectionOf(info),
    });
    // No province read: `resolve` reports an unknown code or name as before (else the topic is unknown).
    if (place?.kind === "province" && !result.province) await places.resolve(args.place);
    if (!result.topic) throw notFound(`topic "${topicKey}" does not exist.`);
    const topic = Topic.from(result.topic);
    const edges = result.rows.map((row) => ({
      node: Organisation.from(row.organisation),
      cursor: encodeCursor("whoWorksOn", { value: row.score, key: row.tie }),
      score: row.score,
      // Strongest first (the repository picks them round-robin over the kinds; stable for equal weights).
      evidence: [...row.evidence].sort((a, b) => b.weight - a.weight).map(toEvidence),
      evidenceCount: row.evidenceCount,
    }));
    const connection = toConnection(WhoWorksOnConnection, edges, result, result.total);
    connection.topic = topic;
    connection.resolvedPlace = resolvedPlaceNode(place, result);
    connection.resolvedCircle =
      connection.resolvedPlace instanceof SearchCircle ? connection.resolvedPlace : null;
    return connection;
  }
}
