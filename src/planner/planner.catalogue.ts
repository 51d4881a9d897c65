import { type NodeType, NODE_TYPE_REGISTRY } from "../domain";
import { type TopicCount, topicsInMunicipality } from "../features/activity/activity.repository";
import { checkFirst, toTopicActivity } from "../features/activity/activity.service";
import { type ConnectionBase, type EdgeShape } from "../graph/common/connection.type";
import { EventRole, ParticipationRole, enumValue } from "../graph/common/enums";
import type { Props } from "../graph/common/node.repository";
import type { NamedRelation } from "../graph/common/relation.loader";
import {
  EventParticipationConnection,
  ParticipantConnection,
  ParticipationConnection,
} from "../graph/common/role-edges.type";
import { Condition } from "../graph/condition/condition.type";
import { Event, EventConnection } from "../graph/event/event.type";
import { Experience, ExperienceConnection } from "../graph/experience/experience.type";
import { Initiative, InitiativeConnection } from "../graph/initiative/initiative.type";
import { Organisation, OrganisationConnection } from "../graph/organisation/organisation.type";
import { Municipality, Province } from "../graph/place/place.type";
import { R } from "../graph/relations";
import { Topic } from "../graph/topic/topic.type";

/**
 * The planner's catalogue: for each GraphQL object type the planner can compile, which fields are node
 * properties and which are relations (the same `R` patterns the DataLoader resolvers use, so both paths
 * read one graph model). A field not listed here is left to its resolver.
 */

/** Every node type of the registry is plannable. */
export type PlannedType = NodeType;

/** A target: one node type, or the Place union (Municipality | Province, told apart by labels). */
export type Target = PlannedType | "Place";

type AnyConnection = new () => ConnectionBase<EdgeShape<object>>;

export interface RelationField {
  kind: "list" | "one" | "connection";
  target: Target;
  /** Arguments besides first/after the field accepts; the relation to read for them, or undefined (resolver). */
  relation(args: Record<string, unknown>): NamedRelation | undefined;
  /** Connections: the connection class and what the edge carries besides node and cursor. */
  connection?: AnyConnection;
  edge?: (extra: unknown) => Record<string, unknown>;
}

/**
 * A field computed by a feature's own subquery (not a relation of the table), e.g. a municipality's
 * topic counts. `accepts` false leaves the field to its resolver (unknown or invalid arguments);
 * `compile` gives the subquery over node variable `node` binding `out` (values as parameters named from
 * `param`); `materialise` turns the value into what the resolver would return.
 */
export interface CustomField {
  accepts(args: Record<string, unknown>): boolean;
  compile(
    args: Record<string, unknown>,
    node: string,
    out: string,
    param: string,
  ): { cypher: string; params: Record<string, unknown> };
  materialise(value: unknown): unknown;
}

export interface TypeEntry {
  type: PlannedType;
  label: string;
  key: string;
  /** GraphQL field → node property it is read from. */
  props: Record<string, string>;
  from(props: Props): object;
  relations: Record<string, RelationField>;
  custom: Record<string, CustomField>;
}

const fixed =
  (relation: NamedRelation) =>
  (args: Record<string, unknown>): NamedRelation | undefined =>
    Object.keys(args).every((a) => a === "first" || a === "after") ? relation : undefined;

const list = (target: Target, relation: NamedRelation): RelationField => ({
  kind: "list",
  target,
  relation: fixed(relation),
});
const one = (target: Target, relation: NamedRelation): RelationField => ({
  kind: "one",
  target,
  relation: fixed(relation),
});
const connection = (
  target: Target,
  relation: NamedRelation,
  type: AnyConnection,
  edge?: (extra: unknown) => Record<string, unknown>,
): RelationField => ({ kind: "connection", target, relation: fixed(relation), connection: type, edge });

const participationRole = (extra: unknown) => ({
  role: enumValue(ParticipationRole, extra) ?? ParticipationRole.PARTNER,
});
const eventRole = (extra: unknown) => ({ role: enumValue(EventRole, extra) ?? EventRole.PARTICIPANT });

/** Property map of a node type: id and key read the key property, the rest the property of that name. */
function props(
  type: PlannedType,
  fields: string[],
  extra: Record<string, string> = {},
): Record<string, string> {
  const key = NODE_TYPE_REGISTRY[type].key;
  return {
    id: key,
    ...(key === "code" ? { code: key } : { key }),
    ...Object.fromEntries(fields.map((f) => [f, f])),
    ...extra,
  };
}

function entry(
  type: PlannedType,
  fields: string[],
  from: (p: Props) => object,
  relations: Record<string, RelationField>,
  extra?: Record<string, string>,
  custom: Record<string, CustomField> = {},
): TypeEntry {
  const { label, key } = NODE_TYPE_REGISTRY[type];
  return { type, label, key, props: props(type, fields, extra), from, relations, custom };
}

/** `municipality { topics(first) }`: the activity feature's ranking, as one more subquery. */
const municipalityTopics: CustomField = {
  accepts(args) {
    const { first, ...rest } = args;
    if (Object.keys(rest).length > 0 || typeof first !== "number") return false;
    try {
      checkFirst(first);
      return true;
    } catch {
      return false; // the resolver reports it at its own path
    }
  },
  compile: (args, node, out, param) => ({
    cypher: topicsInMunicipality(node, `$${param}`, out),
    params: { [param]: args.first },
  }),
  materialise: (value) => (value as TopicCount[]).map(toTopicActivity),
};

export const CATALOGUE: Record<PlannedType, TypeEntry> = {
  Organisation: entry(
    "Organisation",
    ["name", "kind", "scope", "status", "website", "description", "source"],
    Organisation.from,
    {
      topics: list("Topic", R.organisationTopics),
      places: list("Place", R.organisationPlaces),
      basedIn: one("Municipality", R.organisationBasedIn),
      conditions: list("Condition", R.organisationConditions),
      initiatives: connection(
        "Initiative",
        R.organisationInitiatives,
        ParticipationConnection,
        participationRole,
      ),
      events: connection("Event", R.organisationEvents, EventParticipationConnection, eventRole),
      experiences: connection("Experience", R.organisationExperiences, ExperienceConnection),
      memberOf: list("Organisation", R.organisationMemberOf),
      members: connection("Organisation", R.organisationMembers, OrganisationConnection),
      successorOf: list("Organisation", R.organisationSuccessorOf),
      succeededBy: list("Organisation", R.organisationSucceededBy),
    },
  ),
  Municipality: entry(
    "Municipality",
    ["name", "lat", "lon", "validTo"],
    Municipality.from,
    {
      province: one("Province", R.municipalityProvince),
      predecessors: list("Municipality", R.municipalityPredecessors),
      organisations: connection("Organisation", R.municipalityOrganisations, OrganisationConnection),
      experiences: connection("Experience", R.municipalityExperiences, ExperienceConnection),
      events: connection("Event", R.municipalityEvents, EventConnection),
    },
    { current: "validTo" },
    { topics: municipalityTopics },
  ),
  Province: entry("Province", ["name"], Province.from, {
    municipalities: list("Municipality", R.provinceMunicipalities),
    organisations: connection("Organisation", R.provinceOrganisations, OrganisationConnection),
  }),
  Topic: entry("Topic", ["name", "description"], Topic.from, {
    broader: one("Topic", R.topicBroader),
    subtopics: list("Topic", R.topicSubtopics),
    organisations: {
      kind: "connection",
      target: "Organisation",
      connection: OrganisationConnection,
      relation: (args) => {
        const { first: _f, after: _a, includeSubtopics, ...rest } = args;
        if (Object.keys(rest).length > 0) return undefined;
        return includeSubtopics === false ? R.topicOrganisations : R.topicOrganisationsDeep;
      },
    },
    experiences: connection("Experience", R.topicExperiences, ExperienceConnection),
    initiatives: connection("Initiative", R.topicInitiatives, InitiativeConnection),
  }),
  Condition: entry("Condition", ["name", "group"], Condition.from, {
    organisations: connection("Organisation", R.conditionOrganisations, OrganisationConnection),
    experiences: connection("Experience", R.conditionExperiences, ExperienceConnection),
  }),
  Initiative: entry(
    "Initiative",
    ["name", "kind", "goal", "startDate", "endDate", "status", "source"],
    Initiative.from,
    {
      participants: {
        kind: "connection",
        target: "Organisation",
        connection: ParticipantConnection,
        edge: participationRole,
        // With `role` the resolver filters on the relationship; the planner leaves that to it.
        relation: (args) =>
          args.role == null ? fixed(R.initiativeParticipants)(withoutRole(args)) : undefined,
      },
      topics: list("Topic", R.initiativeTopics),
      conditions: list("Condition", R.initiativeConditions),
      places: list("Place", R.initiativePlaces),
      events: list("Event", R.initiativeEvents),
      experiences: connection("Experience", R.initiativeExperiences, ExperienceConnection),
    },
  ),
  Experience: entry("Experience", ["title", "summary", "date", "kind", "source"], Experience.from, {
    sharedBy: list("Organisation", R.experienceSharedBy),
    topics: list("Topic", R.experienceTopics),
    conditions: list("Condition", R.experienceConditions),
    place: one("Place", R.experiencePlace),
  }),
  Event: entry("Event", ["name", "date", "kind", "source"], Event.from, {
    place: one("Municipality", R.eventPlace),
    topics: list("Topic", R.eventTopics),
    initiative: one("Initiative", R.eventInitiative),
  }),
};

function withoutRole(args: Record<string, unknown>): Record<string, unknown> {
  const { role: _role, ...rest } = args;
  return rest;
}

/** The concrete types a target may hold. */
export function targetTypes(target: Target): PlannedType[] {
  return target === "Place" ? ["Municipality", "Province"] : [target];
}
