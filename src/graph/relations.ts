import { NODE_TYPE_REGISTRY as T, type NodeType, SUBTOPIC_STEP } from "../domain";
import type { Ordering } from "./common/node.repository";
import type { NamedRelation } from "./common/relation.loader";

/**
 * Every relation the API reads, as a Cypher pattern from the parent (p) to the related node (n). One
 * place for the graph model's traversals; the resolvers pick them by name.
 */

export const BY_NAME: Ordering = { name: "name", expression: "n.sortKey" };
export const BY_TITLE: Ordering = { name: "title", expression: "n.sortKey" };
export const BY_DATE_DESC: Ordering = {
  name: "date",
  expression: "n.date",
  descending: true,
  nullable: true,
};

/** A parent type as [label, key property], from the node-type registry. */
const from = (type: NodeType): readonly [string, string] => [T[type].label, T[type].key];
const ORG = from("Organisation");
const TOPIC = from("Topic");
const CONDITION = from("Condition");
const MUNICIPALITY = from("Municipality");
const PROVINCE = from("Province");
const INITIATIVE = from("Initiative");
const EVENT = from("Event");
const EXPERIENCE = from("Experience");

function rel(
  name: string,
  from: readonly [string, string],
  pattern: string,
  key: string,
  ordering: Ordering,
  extra?: string,
  where?: string,
): NamedRelation {
  return { name, from, pattern, key, ordering, extra, where };
}

export const R = {
  organisationTopics: rel("organisationTopics", ORG, "(p)-[:WORKS_ON]->(n:Topic)", "id", BY_NAME),
  organisationPlaces: rel("organisationPlaces", ORG, "(p)-[:ACTIVE_IN|BASED_IN]->(n)", "code", BY_NAME),
  organisationBasedIn: rel("organisationBasedIn", ORG, "(p)-[:BASED_IN]->(n:Municipality)", "code", BY_NAME),
  organisationConditions: rel(
    "organisationConditions",
    ORG,
    "(p)-[:REPRESENTS]->(n:Condition)",
    "id",
    BY_NAME,
  ),
  organisationInitiatives: rel(
    "organisationInitiatives",
    ORG,
    "(p)-[r:PARTICIPATES_IN]->(n:Initiative)",
    "id",
    BY_NAME,
    "r.role",
  ),
  organisationEvents: rel(
    "organisationEvents",
    ORG,
    "(p)-[r:TAKES_PART_IN]->(n:Event)",
    "id",
    BY_DATE_DESC,
    "r.role",
  ),
  organisationExperiences: rel(
    "organisationExperiences",
    ORG,
    "(p)-[:SHARED]->(n:Experience)",
    "id",
    BY_DATE_DESC,
  ),
  organisationMemberOf: rel("organisationMemberOf", ORG, "(p)-[:MEMBER_OF]->(n:Organisation)", "id", BY_NAME),
  organisationMembers: rel("organisationMembers", ORG, "(p)<-[:MEMBER_OF]-(n:Organisation)", "id", BY_NAME),
  organisationSuccessorOf: rel(
    "organisationSuccessorOf",
    ORG,
    "(p)-[:SUCCESSOR_OF]->(n:Organisation)",
    "id",
    BY_NAME,
  ),
  organisationSucceededBy: rel(
    "organisationSucceededBy",
    ORG,
    "(p)<-[:SUCCESSOR_OF]-(n:Organisation)",
    "id",
    BY_NAME,
  ),

  topicBroader: rel("topicBroader", TOPIC, "(p)-[:SUBTOPIC_OF]->(n:Topic)", "id", BY_NAME),
  topicSubtopics: rel("topicSubtopics", TOPIC, "(p)<-[:SUBTOPIC_OF]-(n:Topic)", "id", BY_NAME),
  topicOrganisations: rel("topicOrganisations", TOPIC, "(p)<-[:WORKS_ON]-(n:Organisation)", "id", BY_NAME),
  topicOrganisationsDeep: rel(
    "topicOrganisationsDeep",
    TOPIC,
    `(p)<-${SUBTOPIC_STEP}-(:Topic)<-[:WORKS_ON]-(n:Organisation)`,
    "id",
    BY_NAME,
  ),
  topicExperiences: rel("topicExperiences", TOPIC, "(p)<-[:ABOUT]-(n:Experience)", "id", BY_DATE_DESC),
  topicInitiatives: rel("topicInitiatives", TOPIC, "(p)<-[:ABOUT]-(n:Initiative)", "id", BY_NAME),

  conditionOrganisations: rel(
    "conditionOrganisations",
    CONDITION,
    "(p)<-[:REPRESENTS]-(n:Organisation)",
    "id",
    BY_NAME,
  ),
  conditionExperiences: rel(
    "conditionExperiences",
    CONDITION,
    "(p)<-[:CONCERNS]-(n:Experience)",
    "id",
    BY_DATE_DESC,
  ),

  municipalityProvince: rel(
    "municipalityProvince",
    MUNICIPALITY,
    "(p)-[:IN_PROVINCE]->(n:Province)",
    "code",
    BY_NAME,
  ),
  municipalitySuccessor: rel(
    "municipalitySuccessor",
    MUNICIPALITY,
    "(p)-[r:MERGED_INTO]->(n:Municipality)",
    "code",
    BY_NAME,
    "coalesce(r.legal, true)",
  ),
  municipalityPredecessors: rel(
    "municipalityPredecessors",
    MUNICIPALITY,
    "(p)<-[:MERGED_INTO]-(n:Municipality)",
    "code",
    BY_NAME,
  ),
  municipalityOrganisations: rel(
    "municipalityOrganisations",
    MUNICIPALITY,
    "(p)<-[:ACTIVE_IN|BASED_IN]-(n:Organisation)",
    "id",
    BY_NAME,
  ),
  municipalityExperiences: rel(
    "municipalityExperiences",
    MUNICIPALITY,
    "(p)<-[:IN]-(n:Experience)",
    "id",
    BY_DATE_DESC,
  ),
  municipalityEvents: rel(
    "municipalityEvents",
    MUNICIPALITY,
    "(p)<-[:HELD_IN]-(n:Event)",
    "id",
    BY_DATE_DESC,
  ),

  provinceMunicipalities: rel(
    "provinceMunicipalities",
    PROVINCE,
    "(p)<-[:IN_PROVINCE]-(n:Municipality)",
    "code",
    BY_NAME,
    undefined,
    "n.validTo IS NULL",
  ),
  provinceOrganisations: rel(
    "provinceOrganisations",
    PROVINCE,
    "(p)<-[:IN_PROVINCE*0..1]-()<-[:ACTIVE_IN|BASED_IN]-(n:Organisation)",
    "id",
    BY_NAME,
  ),

  initiativeParticipants: rel(
    "initiativeParticipants",
    INITIATIVE,
    "(p)<-[r:PARTICIPATES_IN]-(n:Organisation)",
    "id",
    BY_NAME,
    "r.role",
  ),
  initiativeTopics: rel("initiativeTopics", INITIATIVE, "(p)-[:ABOUT]->(n:Topic)", "id", BY_NAME),
  initiativeConditions: rel(
    "initiativeConditions",
    INITIATIVE,
    "(p)-[:CONCERNS]->(n:Condition)",
    "id",
    BY_NAME,
  ),
  initiativePlaces: rel("initiativePlaces", INITIATIVE, "(p)-[:ACTIVE_IN]->(n)", "code", BY_NAME),
  initiativeEvents: rel("initiativeEvents", INITIATIVE, "(p)<-[:PART_OF]-(n:Event)", "id", BY_DATE_DESC),
  initiativeExperiences: rel(
    "initiativeExperiences",
    INITIATIVE,
    "(p)<-[:FROM]-(n:Experience)",
    "id",
    BY_DATE_DESC,
  ),

  eventPlace: rel("eventPlace", EVENT, "(p)-[:HELD_IN]->(n:Municipality)", "code", BY_NAME),
  eventParticipants: rel(
    "eventParticipants",
    EVENT,
    "(p)<-[r:TAKES_PART_IN]-(n:Organisation)",
    "id",
    BY_NAME,
    "r.role",
  ),
  eventTopics: rel("eventTopics", EVENT, "(p)-[:ABOUT]->(n:Topic)", "id", BY_NAME),
  eventInitiative: rel("eventInitiative", EVENT, "(p)-[:PART_OF]->(n:Initiative)", "id", BY_NAME),
  eventExperiences: rel("eventExperiences", EVENT, "(p)<-[:FROM]-(n:Experience)", "id", BY_DATE_DESC),

  experienceSharedBy: rel("experienceSharedBy", EXPERIENCE, "(p)<-[:SHARED]-(n:Organisation)", "id", BY_NAME),
  experienceTopics: rel("experienceTopics", EXPERIENCE, "(p)-[:ABOUT]->(n:Topic)", "id", BY_NAME),
  experienceConditions: rel(
    "experienceConditions",
    EXPERIENCE,
    "(p)-[:CONCERNS]->(n:Condition)",
    "id",
    BY_NAME,
  ),
  experiencePlace: rel("experiencePlace", EXPERIENCE, "(p)-[:IN]->(n)", "code", BY_NAME),
  experienceFrom: rel("experienceFrom", EXPERIENCE, "(p)-[:FROM]->(n)", "id", BY_NAME),
} satisfies Record<string, NamedRelation>;
