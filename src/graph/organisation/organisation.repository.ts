import type { Queryable } from "../../db/database";
import type { Ordering, Props } from "../common/node.repository";
import { nameKey } from "../common/text";
import { PlaceRepository } from "../place/place.repository";
import { OrganisationOrderField, type OrganisationFilter } from "./organisation.filter";

/** A filter turned into a Cypher condition over `n` plus its parameters. */
export interface Condition {
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

  /** Resolves names in the filter (one round trip per place given) and builds the condition. */
  async condition(filter: OrganisationFilter | null | undefined, variable = "n"): Promise<Condition> {
    const parts: string[] = [];
    const params: Props = {};
    const places = new PlaceRepository(this.db);
    const v = variable;
    if (filter?.topic) {
      params.topic = filter.topic;
      parts.push(
        filter.includeSubtopics === false
          ? `EXISTS { (${v})-[:WORKS_ON]->(:Topic {id: $topic}) }`
          : `EXISTS { (${v})-[:WORKS_ON]->(:Topic)-[:SUBTOPIC_OF*0..6]->(:Topic {id: $topic}) }`,
      );
    }
    if (filter?.condition) {
      params.condition = filter.condition;
      parts.push(`EXISTS { (${v})-[:REPRESENTS]->(:Condition {id: $condition}) }`);
    }
    if (filter?.municipality) {
      const place = await places.resolveMunicipality(filter.municipality, "filter.municipality");
      params.municipality = place.code;
      parts.push(`EXISTS { (${v})-[:ACTIVE_IN|BASED_IN]->(:Municipality {code: $municipality}) }`);
    }
    if (filter?.province) {
      const place = await places.resolveProvince(filter.province, "filter.province");
      params.province = place.code;
      parts.push(
        `EXISTS { (${v})-[:ACTIVE_IN|BASED_IN]->(x) WHERE (x:Province AND x.code = $province) OR (x:Municipality AND EXISTS { (x)-[:IN_PROVINCE]->(:Province {code: $province}) }) }`,
      );
    }
    if (filter?.scopes?.length) {
      params.scopes = filter.scopes;
      parts.push(`${v}.scope IN $scopes`);
    }
    if (filter?.kinds?.length) {
      params.kinds = filter.kinds;
      parts.push(`${v}.kind IN $kinds`);
    }
    if (filter?.statuses?.length) {
      params.statuses = filter.statuses;
      parts.push(`${v}.status IN $statuses`);
    }
    if (filter?.name) {
      params.name = nameKey(filter.name);
      parts.push(`${v}.nameKey CONTAINS $name`);
    }
    return { where: parts.length ? parts.join(" AND ") : "true", params, id: JSON.stringify(params) };
  }
}
