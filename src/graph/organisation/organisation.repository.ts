import type { Queryable } from "../../db/database";
import type { Ordering, Props } from "../common/node.repository";
import { parseKey } from "../common/global-id";
import {
  type Fragment,
  type ResolvedPlace,
  and,
  fragment,
  fromTopic,
  includesNational,
  linkedToTopic,
  nameKey,
  renamed,
  worksIn,
  worksInStart,
} from "../../domain";
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
  NAME: { name: "name", expression: "n.sortKey" },
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
    const places = new PlaceRepository(this.db);
    const [municipality, province] = await Promise.all([
      filter?.municipality
        ? places.resolveMunicipality(filter.municipality, "filter.municipality")
        : undefined,
      filter?.province ? places.resolveProvince(filter.province, "filter.province") : undefined,
    ]);
    return organisationCondition({
      topic: filter?.topic ? parseKey("Topic", filter.topic, "filter.topic") : null,
      includeSubtopics: filter?.includeSubtopics !== false,
      condition: filter?.condition ? parseKey("Condition", filter.condition, "filter.condition") : null,
      places: [municipality, province].filter((p) => p !== undefined),
      scopes: filter?.scopes?.length ? filter.scopes : null,
      kinds: filter?.kinds?.length ? filter.kinds : null,
      statuses: filter?.statuses?.length ? filter.statuses : null,
      name: filter?.name ? nameKey(filter.name) : null,
    });
  }
}

/** An organisation filter with its references resolved: what the lists, facets and export share. */
export interface OrganisationSelection {
  topic: string | null;
  includeSubtopics: boolean;
  condition: string | null;
  /** Each must hold (the list filter may name a municipality and a province). */
  places: ResolvedPlace[];
  scopes: readonly string[] | null;
  kinds: readonly string[] | null;
  statuses: readonly string[] | null;
  /** nameKey of a part of the name. */
  name: string | null;
}

/**
 * The selection as a Cypher condition over `n`, composed from the domain's fragments (topic closure,
 * works-in). The most selective relation becomes the starting MATCH; the others stay conditions.
 */
export function organisationCondition(s: OrganisationSelection): Condition {
  const relations: { start: Fragment; exists: Fragment }[] = [];
  if (s.topic)
    relations.push({
      start: fromTopic("n", "Organisation", "WORKS_ON", s.topic, s.includeSubtopics),
      exists: linkedToTopic("n", "WORKS_ON", s.topic, s.includeSubtopics),
    });
  if (s.condition)
    relations.push({
      start: fragment("MATCH (:Condition {id: $condition})<-[:REPRESENTS]-(n:Organisation)", {
        condition: s.condition,
      }),
      exists: fragment("EXISTS { (n)-[:REPRESENTS]->(:Condition {id: $condition}) }", {
        condition: s.condition,
      }),
    });
  // Two places (municipality and province) use the same parameter names: only one may start or be a
  // fragment; the second becomes its own, renamed, condition through a nested selection.
  const includeNational = s.places.length > 0 && includesNational(s.places[0], s.scopes);
  const [firstPlace, ...otherPlaces] = s.places;
  if (firstPlace)
    relations.push({
      start: worksInStart("n", firstPlace, includeNational),
      exists: worksIn("n", firstPlace, includeNational),
    });
  const [start, ...others] = relations;
  const where = and(
    ...others.map((r) => r.exists),
    ...otherPlaces.map((p) => renamed(worksIn("n", p, includeNational), "second")),
    s.scopes ? fragment("n.scope IN $scopes", { scopes: s.scopes }) : null,
    s.kinds ? fragment("n.kind IN $kinds", { kinds: s.kinds }) : null,
    s.statuses ? fragment("n.status IN $statuses", { statuses: s.statuses }) : null,
    s.name ? fragment("n.nameKey CONTAINS $name", { name: s.name }) : null,
  );
  const params = { ...(start?.start.params ?? {}), ...where.params };
  return { match: start?.start.cypher, where: where.cypher, params, id: JSON.stringify(params) };
}
