import type { Queryable } from "../../db/database";
import type { Ordering, Props } from "../common/node.repository";
import { parseKey } from "../common/global-id";
import { nameKey } from "../../domain/name-key";
import { PlaceRepository } from "../place/place.repository";
import { OrganisationOrderField, type OrganisationFilter } from "./organisation.filter";

/** A filter turned into a Cypher condition over `n` plus its parameters. */
export interface Condition {
  /** Starting MATCH binding `n` (see rootPage); absent: all organisations. */
  match?: string;
  where: string;
  params: Props;
  /** Stable identity of the condition, for DataLoader and cursor keys. */
  id: string;
}

const ORDERINGS: Record<OrganisationOrderField, Ordering> = {
  NAME: { name: "name", expression: "n.name" },
  EXPERIENCE_COUNT: { name: "experiences", expression: "COUNT { (n)-[:SHARED]->(:Experience) }" },
  INITIATIVE_COUNT: { name: "initiatives", expression: "COUNT { (n)-[:PARTICIPATES_IN]->(:Initiative) }" },
  TOPIC_COUNT: { name: "topics", expression: "COUNT { (n)-[:WORKS_ON]->(:Topic) }" },
  MEMBER_COUNT: { name: "members", expression: "COUNT { (n)<-[:MEMBER_OF]-(:Organisation) }" },
};

export function organisationOrdering(
  field: OrganisationOrderField,
  descending: boolean | undefined,
): Ordering {
  const base = ORDERINGS[field];
  const desc = descending ?? field !== OrganisationOrderField.NAME;
  return { ...base, name: `${base.name}:${desc ? "desc" : "asc"}`, descending: desc };
}

export class OrganisationRepository {
  constructor(private readonly db: Queryable) {}

  /**
   * Resolves names in the filter (one round trip per place given) and builds the condition. The most
   * selective relation filter becomes the starting MATCH (expand from one indexed node instead of
   * testing every organisation); the others stay conditions on `n`.
   */
  async condition(filter: OrganisationFilter | null | undefined): Promise<Condition> {
    const relations: { match: string; exists: string }[] = [];
    const parts: string[] = [];
    const params: Props = {};
    const places = new PlaceRepository(this.db);
    if (filter?.topic) {
      params.topic = parseKey("Topic", filter.topic, "filter.topic");
      const subtopics = filter.includeSubtopics === false ? "" : "<-[:SUBTOPIC_OF*0..6]-(:Topic)";
      relations.push({
        match: `MATCH (:Topic {id: $topic})${subtopics}<-[:WORKS_ON]-(n:Organisation)`,
        exists: `EXISTS { (n)-[:WORKS_ON]->${subtopics ? "(:Topic)-[:SUBTOPIC_OF*0..6]->" : ""}(:Topic {id: $topic}) }`,
      });
    }
    if (filter?.condition) {
      params.condition = parseKey("Condition", filter.condition, "filter.condition");
      relations.push({
        match: "MATCH (:Condition {id: $condition})<-[:REPRESENTS]-(n:Organisation)",
        exists: "EXISTS { (n)-[:REPRESENTS]->(:Condition {id: $condition}) }",
      });
    }
    if (filter?.municipality) {
      params.municipality = (
        await places.resolveMunicipality(filter.municipality, "filter.municipality")
      ).code;
      relations.push({
        match: "MATCH (:Municipality {code: $municipality})<-[:ACTIVE_IN|BASED_IN]-(n:Organisation)",
        exists: "EXISTS { (n)-[:ACTIVE_IN|BASED_IN]->(:Municipality {code: $municipality}) }",
      });
    }
    if (filter?.province) {
      params.province = (await places.resolveProvince(filter.province, "filter.province")).code;
      relations.push({
        match:
          "MATCH (:Province {code: $province})<-[:IN_PROVINCE*0..1]-()<-[:ACTIVE_IN|BASED_IN]-(n:Organisation)",
        exists:
          "EXISTS { (n)-[:ACTIVE_IN|BASED_IN]->(x) WHERE (x:Province AND x.code = $province) OR (x:Municipality AND EXISTS { (x)-[:IN_PROVINCE]->(:Province {code: $province}) }) }",
      });
    }
    if (filter?.scopes?.length) {
      params.scopes = filter.scopes;
      parts.push("n.scope IN $scopes");
    }
    if (filter?.kinds?.length) {
      params.kinds = filter.kinds;
      parts.push("n.kind IN $kinds");
    }
    if (filter?.statuses?.length) {
      params.statuses = filter.statuses;
      parts.push("n.status IN $statuses");
    }
    if (filter?.name) {
      params.name = nameKey(filter.name);
      parts.push("n.nameKey CONTAINS $name");
    }
    const [start, ...others] = relations;
    const where = [...others.map((r) => r.exists), ...parts];
    return {
      match: start?.match,
      where: where.length ? where.join(" AND ") : "true",
      params,
      id: JSON.stringify(params),
    };
  }
}
