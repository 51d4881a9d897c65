import { Field, Float, ID, Int, ObjectType } from "type-graphql";
import { describeEnum, type EnumOf, graphEnum } from "../../graph/common/graph-enum";
import { Organisation } from "../../graph/organisation/organisation.type";
import { type Municipality, Place, type Province } from "../../graph/place/place.type";
import { Topic } from "../../graph/topic/topic.type";
import { DEFAULT_WEIGHTS, MatchMode, SCORING } from "./partners.scoring";

describeEnum(MatchMode, "MatchMode", "What kind of partner to look for.", {
  SIMILAR: "Organisations like the asker: shared conditions and the same kind of organisation add.",
  COMPLEMENTARY:
    "Organisations that share a topic but come from elsewhere: other conditions, another kind of organisation (a patient association next to an adviesraad or zorgcoöperatie). Collaboration beyond the borders of one condition.",
});

export const PartnerComponentName = graphEnum(
  "PartnerComponentName",
  {
    TOPICS: `Shared topics weighted by rarity ln(1 + N/n) (N organisations, n of them on the topic or one of its subtopics): the share of the asker's topic weight that the candidate also works on; a directly broader or narrower topic counts ${SCORING.related}× (when at most ${SCORING.relatedMinCount} organisations or ${SCORING.relatedMaxShare * 100}% work on it). Default weight ${DEFAULT_WEIGHTS.topics}.`,
    GEOGRAPHY: `Both national ${SCORING.geoNational}; else same municipality ${SCORING.geoMunicipality}, same province ${SCORING.geoProvince}, a national organisation on either side ${SCORING.geoNational}, else ${SCORING.geoDistance} falling to 0 at ${SCORING.geoRangeKm} km between seats. With a place: in it 1, regional in its province ${SCORING.placeRegional}, national ${SCORING.geoNational}. Default weight ${DEFAULT_WEIGHTS.geography}.`,
    CONDITIONS: `SIMILAR: ${SCORING.similarConditions} × conditions in common (Jaccard) + ${SCORING.similarKind} × same kind (half for the same world) + ${SCORING.similarScope} × same scope. COMPLEMENTARY (only with a shared topic): ${SCORING.complementConditions} × different conditions (only when both name conditions: nothing is scored from missing data) + ${SCORING.complementKind} × another world of organisation (patients and interests, sociaal domein, knowledge, koepel; half for another kind in the same world). Default weight ${DEFAULT_WEIGHTS.conditions}.`,
    NETWORK: `Links r, value r/(r+1): shared partners via initiatives (${SCORING.partner} × 2/(1+d) for a partner with d partners), shared events (${SCORING.event} × 2/n for n participants), experiences shared together (${SCORING.experience}) or about the same topic (${SCORING.experienceTopic}), the same koepel (${SCORING.koepel}), membership of one in the other (${SCORING.membership}), with includeExisting a common initiative (${SCORING.existing}); at most ${SCORING.linkCap} of a kind. Default weight ${DEFAULT_WEIGHTS.network}.`,
    PROXIMITY: `A two-step walk through the graph from the asker (issue 15): the sum of 1/degree over what both have (the asker's topics of interest, conditions, koepels, events, experiences, initiatives), so that something with few links counts more; divided by the highest sum among the candidates compared, so the best-connected candidate has 1. Default weight ${DEFAULT_WEIGHTS.proximity}.`,
  },
  "The named parts of a partner suggestion's score.",
);
export type PartnerComponentName = EnumOf<typeof PartnerComponentName>;

export const PartnerPathKind = graphEnum(
  "PartnerPathKind",
  {
    TOPIC: null,
    PLACE: null,
    CONDITION: null,
    PARTNER: null,
    EVENT: null,
    EXPERIENCE: null,
    MEMBERSHIP: null,
    EXISTING: null,
  },
  "What a path in the graph behind a partner suggestion shows.",
);
export type PartnerPathKind = EnumOf<typeof PartnerPathKind>;

@ObjectType({ description: "One part of a partner suggestion's score." })
export class PartnerScoreComponent {
  @Field(() => PartnerComponentName)
  name!: PartnerComponentName;

  @Field(() => Float, { description: "The weight used (the default or the caller's)." })
  weight!: number;

  @Field(() => Float, { description: "The component's value, 0..1." })
  value!: number;

  @Field(() => Float, { description: "weight × value: its share of the score." })
  contribution!: number;

  @Field({ description: "Why, in Dutch, for coordinators." })
  explanation!: string;
}

@ObjectType({ description: "A topic both organisations work on (or a broader/narrower one)." })
export class PartnerSharedTopic {
  @Field(() => Topic, { description: "The topic the candidate works on." })
  topic!: Topic;

  @Field(() => Int, { description: "How many organisations in the graph work on it." })
  organisationCount!: number;

  @Field(() => Float, { description: "Its weight in the score: ln(1 + N/n), discounted for related topics." })
  weight!: number;

  @Field(() => Topic, {
    nullable: true,
    description: "The asker's topic it relates to, when it is a broader or narrower one; null when the same.",
  })
  relatedTo!: Topic | null;
}

@ObjectType({ description: "A node on a path in the graph." })
export class PartnerPathNode {
  @Field({ description: "Its label: Organisation, Topic, Condition, Municipality, Province, Initiative, …" })
  type!: string;

  @Field(() => ID, {
    nullable: true,
    description: "The node's global id, for node(id); null for things that are not nodes of the API.",
  })
  nodeId!: string | null;

  @Field({ description: "Readable key (slug or CBS code)." })
  key!: string;

  @Field()
  name!: string;
}

@ObjectType({ description: "A relationship on a path: its type and whether it points along the path." })
export class PartnerPathRelationship {
  @Field({ description: "WORKS_ON, PARTICIPATES_IN, IN_PROVINCE, …" })
  type!: string;

  @Field({ description: "True when it points from the node before it to the node after it." })
  forward!: boolean;
}

@ObjectType({
  description:
    "A concrete path in the graph that justifies a suggestion: nodes[i] and nodes[i+1] are joined by relationships[i].",
})
export class PartnerPath {
  @Field(() => PartnerPathKind)
  kind!: PartnerPathKind;

  @Field(() => [PartnerPathNode])
  nodes!: PartnerPathNode[];

  @Field(() => [PartnerPathRelationship])
  relationships!: PartnerPathRelationship[];

  @Field({ description: "The path in words (Dutch)." })
  explanation!: string;

  @Field({ description: "The path in Cypher-like notation, e.g. (A)-[:WORKS_ON]->(T)<-[:WORKS_ON]-(B)." })
  notation!: string;
}

@ObjectType({ description: "An organisation worth partnering with, and why." })
export class PartnerSuggestion {
  @Field(() => Organisation)
  organisation!: Organisation;

  @Field(() => Int, {
    description:
      "1 for the best suggestion. Suggestions with exactly the same score share a rank (see tiedWith); the next rank counts them all (1, 1, 3).",
  })
  rank!: number;

  @Field(() => Int, {
    description:
      "How many other suggestions in this answer have exactly the same score: 0 when none. Their order among each other is alphabetical, not a preference.",
  })
  tiedWith!: number;

  @Field(() => Float, { description: "The sum of the components' contributions." })
  score!: number;

  @Field({ description: "The suggestion in one Dutch line: its strongest reasons." })
  explanation!: string;

  @Field(() => [PartnerScoreComponent], { description: "Always all four, strongest contribution first." })
  components!: PartnerScoreComponent[];

  @Field(() => [PartnerSharedTopic], { description: "Shared topics, heaviest first." })
  sharedTopics!: PartnerSharedTopic[];

  @Field(() => [Place], {
    description:
      "Municipalities or provinces both work in (with a place: where the candidate matches it). Empty for national organisations.",
  })
  sharedPlaces!: (Municipality | Province)[];

  @Field(() => [PartnerPath], { description: "Paths in the graph behind the suggestion (at most 10)." })
  paths!: PartnerPath[];

  @Field({
    description: "True when the two already take part in a common initiative (only with includeExisting).",
  })
  existingPartner!: boolean;
}

export const PartnerEmptyReason = graphEnum(
  "PartnerEmptyReason",
  {
    ALL_ALREADY_PARTNERS:
      "Every organisation that fits already shares an initiative with the asker (ask with includeExisting).",
    NONE_IN_PLACE: "Organisations fit, but none works in the given place (or nationally).",
    NOBODY_ELSE_ON_TOPIC: "No other active organisation works on the topic or one of its subtopics.",
    NOTHING_TO_COMPARE: "The graph holds no topics, partners, events or experiences of the asker yet.",
    NOTHING_SHARED: "No other organisation shares a topic, partner, event or experience with the asker.",
  },
  "Why a partner search found no suggestions.",
);
export type PartnerEmptyReason = EnumOf<typeof PartnerEmptyReason>;

@ObjectType({ description: "Partner suggestions, and when there are none, why." })
export class PartnerSearchResult {
  @Field(() => [PartnerSuggestion], { description: "As partnerSuggestions returns them." })
  suggestions!: PartnerSuggestion[];

  @Field(() => PartnerEmptyReason, { nullable: true, description: "Set only when suggestions is empty." })
  emptyReason!: PartnerEmptyReason | null;

  @Field(() => String, {
    nullable: true,
    description: "Set only when suggestions is empty: why, in Dutch, for coordinators.",
  })
  emptyExplanation!: string | null;
}
