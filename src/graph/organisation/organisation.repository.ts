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
  interpretPlace,
  linkedToTopic,
  nameKey,
  or,
  PROVINCE_CODE,
  placeParams,
  renamed,
  worksIn,
  worksInProvincePattern,
  worksInStart,
} from "../../domain";
import { OrganisationStatus } from "../common/enums";
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
  /** The province is joined by its code (decision 0052): its municipality codes are not read. */
  provinceJoined?: boolean;
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
   *
   * `deferProvinceCheck` (the list): a province given by its code that ends up joined (decision 0052)
   * is not read first, because the join reads it anyway; `verify` then resolves it, to raise the coded
   * error of an unknown code, and the caller runs it only when the answer is empty.
   */
  async condition(
    filter: OrganisationFilter | null | undefined,
    options: { deferProvinceCheck?: boolean } = {},
  ): Promise<Condition & { verify?: () => Promise<unknown> }> {
    const places = new PlaceRepository(this.db);
    const provinceTexts = distinct([filter?.province, ...(filter?.provinces ?? [])]);
    const argument = (p: string): string => (filter?.province === p ? "filter.province" : "filter.provinces");
    const topics = distinct([filter?.topic, ...(filter?.topics ?? [])]).map((t) =>
      parseKey("Topic", t, filter?.topic === t ? "filter.topic" : "filter.topics"),
    );
    const conditions = distinct([filter?.condition, ...(filter?.conditions ?? [])]).map((c) =>
      parseKey("Condition", c, filter?.condition === c ? "filter.condition" : "filter.conditions"),
    );
    // One value keeps the indexed starting MATCH; several become "any of" conditions.
    const build = (municipality: ResolvedPlace | undefined, provinces: ResolvedPlace[]): Condition =>
      organisationCondition({
        topic: topics.length === 1 ? topics[0]! : null,
        anyTopics: topics.length > 1 ? topics : undefined,
        includeSubtopics: filter?.includeSubtopics !== false,
        condition: conditions.length === 1 ? conditions[0]! : null,
        anyConditions: conditions.length > 1 ? conditions : undefined,
        places: [municipality, provinces.length === 1 ? provinces[0] : undefined].filter(
          (p) => p !== undefined,
        ),
        anyPlaces: provinces.length > 1 ? provinces : undefined,
        scopes: filter?.scopes?.length ? filter.scopes : null,
        kinds: filter?.kinds?.length ? filter.kinds : null,
        statuses: filter?.statuses?.length ? filter.statuses : [OrganisationStatus.ACTIVE],
        name: filter?.name ? nameKey(filter.name) : null,
      });
    const [text] = provinceTexts;
    const code = text !== undefined && provinceTexts.length === 1 ? interpretPlace(text) : undefined;
    if (
      options.deferProvinceCheck &&
      !filter?.municipality &&
      code?.kind === "code" &&
      PROVINCE_CODE.test(code.code)
    ) {
      // Its municipality codes are only read by the works-in condition, which the join replaces.
      const unread: ResolvedPlace = {
        kind: "province",
        code: code.code,
        name: code.code,
        municipalityCodes: [],
      };
      const joined = build(undefined, [unread]);
      if (joined.provinceJoined)
        return { ...joined, verify: () => places.resolveProvince(text!, argument(text!)) };
    }
    const [municipality, provinces] = await Promise.all([
      filter?.municipality
        ? places.resolveMunicipality(filter.municipality, "filter.municipality")
        : undefined,
      Promise.all(provinceTexts.map((p) => places.resolveProvince(p, argument(p)))),
    ]);
    return build(municipality, provinces);
  }
}

/** The given values without blanks and repeats, in order. */
function distinct(values: (string | null | undefined)[]): string[] {
  return [...new Set(values.filter((v): v is string => typeof v === "string" && v.length > 0))];
}

/** An organisation filter with its references resolved: what the lists, facets and export share. */
export interface OrganisationSelection {
  topic: string | null;
  includeSubtopics: boolean;
  condition: string | null;
  /** Each must hold (the list filter may name a municipality and a province). */
  places: ResolvedPlace[];
  /** Any of them (several provinces chosen): OR over the works-in rule. */
  anyPlaces?: ResolvedPlace[];
  /** Any of these topics (with subtopics when includeSubtopics). */
  anyTopics?: string[];
  /** Any of these conditions. */
  anyConditions?: string[];
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
  // Two places (municipality and province) use the same parameter names: only one may start or be a
  // fragment; the second becomes its own, renamed, condition through a nested selection.
  const anyPlaces = s.anyPlaces ?? [];
  const asked = s.places[0] ?? anyPlaces[0];
  const includeNational = asked !== undefined && includesNational(asked, s.scopes);
  const [firstPlace, ...otherPlaces] = s.places;
  // A topic and a province: both sides are large at 50k organisations (decision 0052); a hash join
  // of the two patterns reads each once, where testing the province per topic candidate read 4× more.
  const joinProvince = Boolean(s.topic) && firstPlace?.kind === "province" && !includeNational;
  if (s.topic) {
    const fromTheTopic = fromTopic("n", "Organisation", "WORKS_ON", s.topic, s.includeSubtopics);
    relations.push({
      start:
        joinProvince && firstPlace
          ? fragment(`${fromTheTopic.cypher} MATCH ${worksInProvincePattern("n")} USING JOIN ON n`, {
              ...fromTheTopic.params,
              ...placeParams(firstPlace),
            })
          : fromTheTopic,
      exists: linkedToTopic("n", "WORKS_ON", s.topic, s.includeSubtopics),
    });
  }
  if (s.condition)
    relations.push({
      start: fragment("MATCH (:Condition {id: $condition})<-[:REPRESENTS]-(n:Organisation)", {
        condition: s.condition,
      }),
      exists: fragment("EXISTS { (n)-[:REPRESENTS]->(:Condition {id: $condition}) }", {
        condition: s.condition,
      }),
    });
  if (firstPlace && !joinProvince)
    relations.push({
      start: worksInStart("n", firstPlace, includeNational),
      exists: worksIn("n", firstPlace, includeNational),
    });
  const [start, ...others] = relations;
  const where = and(
    ...others.map((r) => r.exists),
    ...otherPlaces.map((p) => renamed(worksIn("n", p, includeNational), "second")),
    anyPlaces.length
      ? or(...anyPlaces.map((p, i) => renamed(worksIn("n", p, includeNational), `any${i}`)))
      : null,
    s.anyTopics
      ? or(
          ...s.anyTopics.map((t, i) => linkedToTopic("n", "WORKS_ON", t, s.includeSubtopics, `anyTopic${i}`)),
        )
      : null,
    s.anyConditions
      ? fragment("EXISTS { (n)-[:REPRESENTS]->(c:Condition) WHERE c.id IN $anyConditions }", {
          anyConditions: s.anyConditions,
        })
      : null,
    s.scopes ? fragment("n.scope IN $scopes", { scopes: s.scopes }) : null,
    s.kinds ? fragment("n.kind IN $kinds", { kinds: s.kinds }) : null,
    s.statuses ? fragment("n.status IN $statuses", { statuses: s.statuses }) : null,
    s.name ? fragment("n.nameKey CONTAINS $name", { name: s.name }) : null,
  );
  const params = { ...(start?.start.params ?? {}), ...where.params };
  return {
    match: start?.start.cypher,
    where: where.cypher,
    params,
    id: JSON.stringify(params),
    provinceJoined: joinProvince,
  };
}
