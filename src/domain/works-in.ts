import { EVIDENCE_WEIGHTS } from "./evidence";
import { type Fragment, fragment, identifier } from "./cypher.fragment";
import type { ResolvedPlace } from "./place.types";

/**
 * "Organisation O works in place P" — the one definition (docs/architecture.md, "The vocabulary"):
 * - O is ACTIVE_IN or BASED_IN P (for a province: P itself or one of its municipalities; for "near":
 *   a municipality whose centroid lies within the radius);
 * - asked for a municipality, a REGIONAL organisation active in that municipality's province counts;
 * - a NATIONAL organisation counts without a place match only when national scope is asked for
 *   (`includeNational`).
 * whoWorksOn, the organisation filter (lists and facets), network filters and partner suggestions
 * compose the fragments below; the evidence of whoWorksOn weighs the same matches (placeWeight).
 */

/** The relationships that say where an organisation works. */
export const WORKS_IN_RELATIONSHIPS = "ACTIVE_IN|BASED_IN";

/** Parameters every fragment below reads; absent ones are null so that one query text fits all. */
export function placeParams(place: ResolvedPlace | undefined): Record<string, unknown> {
  const none = {
    placeKind: null,
    municipalityCode: null,
    provinceCode: null,
    municipalityCodes: null,
    lat: null,
    lon: null,
    radiusM: null,
  };
  if (!place) return none;
  if (place.kind === "near")
    return { ...none, placeKind: "near", lat: place.lat, lon: place.lon, radiusM: place.radiusKm * 1000 };
  if (place.kind === "province")
    return {
      ...none,
      placeKind: "province",
      provinceCode: place.code,
      municipalityCodes: place.municipalityCodes,
    };
  return {
    ...none,
    placeKind: "municipality",
    municipalityCode: place.code,
    provinceCode: place.provinceCode,
  };
}

export type PlaceKind = ResolvedPlace["kind"];
type Kind = PlaceKind;

/** Where the asked codes come from: the parameters, or (per row) variables of the caller's query. */
export interface PlaceRefs {
  municipalityCode: string;
  provinceCode: string;
  /** The province's municipality codes (a list expression). */
  municipalityCodes: string;
}
const PARAMS: PlaceRefs = {
  municipalityCode: "$municipalityCode",
  provinceCode: "$provinceCode",
  municipalityCodes: "$municipalityCodes",
};

/** Place node `x` IS the asked place (or lies in it). */
function direct(kind: Kind, x: string, refs: PlaceRefs = PARAMS): string {
  switch (kind) {
    case "municipality":
      return `${x}:Municipality AND ${x}.code = ${refs.municipalityCode}`;
    case "province":
      // The province's municipalities were read once, when the place was resolved (placeParams).
      return `(${x}:Province AND ${x}.code = ${refs.provinceCode}) OR (${x}:Municipality AND ${x}.code IN ${refs.municipalityCodes})`;
    case "near":
      return `${x}:Municipality AND point.distance(${x}.location, point({latitude: $lat, longitude: $lon})) <= $radiusM`;
  }
}

/**
 * Place node `x` lies in the asked circle (reads $lat, $lon, $radiusM): the `near` match of the rule,
 * for a query that starts from the circle's municipalities instead of testing every candidate's places.
 */
export function inCircle(x: string): string {
  return direct("near", identifier(x));
}

/** Place node `x` is the province of the asked municipality (counts for regional organisations). */
function viaProvince(kind: Kind, x: string, refs: PlaceRefs = PARAMS): string | null {
  return kind === "municipality" ? `${x}:Province AND ${x}.code = ${refs.provinceCode}` : null;
}

/** The municipality condition of worksIn with codes read from variables (one row per municipality). */
function worksInMunicipalityCondition(o: string, refs: PlaceRefs): string {
  return `EXISTS { (${o})-[:${WORKS_IN_RELATIONSHIPS}]->(x) WHERE (${direct("municipality", "x", refs)}) OR (${o}.scope = 'REGIONAL' AND ${viaProvince("municipality", "x", refs)}) }`;
}

/**
 * worksIn for a municipality bound per row: `m` and its province `mp` are variables of the caller's
 * query (national organisations do not count: nobody asked for them).
 */
export function worksInMunicipalityOf(o: string, m: string, mp: string): string {
  return worksInMunicipalityCondition(identifier(o), {
    municipalityCode: `${identifier(m)}.code`,
    provinceCode: `${identifier(mp)}.code`,
    municipalityCodes: "null",
  });
}

/**
 * How well place node `x` matches the asked place, as a Cypher CASE (null: no match): 1.0 for the place
 * itself, `provinceWeight` (a Cypher expression; null to refuse) for the municipality's province.
 * `refs`: where the asked codes come from (default: the parameters of placeParams); the maintained
 * aggregates bind them per row to score many places in one query with this same rule.
 */
export function placeWeight(
  place: ResolvedPlace | Kind | undefined,
  x: string,
  provinceWeight: string,
  refs: PlaceRefs = PARAMS,
): string {
  const v = identifier(x);
  const kind = typeof place === "string" ? place : place?.kind;
  if (!kind) return "1.0";
  const province = viaProvince(kind, v, refs);
  return `CASE
    WHEN ${v} IS NULL THEN null
    WHEN ${direct(kind, v, refs)} THEN 1.0
    ${province ? `WHEN ${province} THEN ${provinceWeight}` : ""}
    ELSE null END`;
}

/** The weight of a province match for organisation `o`: regional ones only. */
export function regionalWeight(o: string, weight: number = EVIDENCE_WEIGHTS.regionalViaProvince): string {
  return `CASE WHEN ${identifier(o)}.scope = 'REGIONAL' THEN ${weight} ELSE null END`;
}

/**
 * The condition "organisation `o` works in the place" (without a place: true). Reads placeParams and
 * `$includeNational`.
 */
export function worksIn(o: string, place: ResolvedPlace | undefined, includeNational: boolean): Fragment {
  if (!place) return fragment("true", {});
  const v = identifier(o);
  const province = viaProvince(place.kind, "x");
  const match = province
    ? `(${direct(place.kind, "x")}) OR (${v}.scope = 'REGIONAL' AND ${province})`
    : direct(place.kind, "x");
  return fragment(
    `EXISTS { (${v})-[:${WORKS_IN_RELATIONSHIPS}]->(x) WHERE ${match} } OR ($includeNational AND ${v}.scope = 'NATIONAL')`,
    { ...placeParams(place), includeNational },
  );
}

/**
 * The organisations `n` that are ACTIVE_IN/BASED_IN the province or one of its municipalities, as one
 * MATCH pattern (reads `$provinceCode`): a query that also starts from another node (a topic) can
 * join both patterns on `n` instead of testing the place for every candidate. No national branch.
 */
export function worksInProvincePattern(n: string): string {
  return `(:Province {code: $provinceCode})<-[:IN_PROVINCE*0..1]-()<-[:${WORKS_IN_RELATIONSHIPS}]-(${identifier(n)}:Organisation)`;
}

/**
 * A starting clause binding `n` to the organisations that work in the place (expands from the place's
 * indexed node instead of testing every organisation); the same rule as worksIn, which remains the
 * condition when another filter starts the query.
 */
export function worksInStart(n: string, place: ResolvedPlace, includeNational: boolean): Fragment {
  const v = identifier(n);
  const national = `UNION MATCH (${v}:Organisation) WHERE $includeNational AND ${v}.scope = 'NATIONAL' RETURN ${v}`;
  const params = { ...placeParams(place), includeNational };
  switch (place.kind) {
    case "municipality":
      return fragment(
        `CALL () {
          MATCH (:Municipality {code: $municipalityCode})<-[:${WORKS_IN_RELATIONSHIPS}]-(${v}:Organisation) RETURN ${v}
          UNION MATCH (:Province {code: $provinceCode})<-[:${WORKS_IN_RELATIONSHIPS}]-(${v}:Organisation) WHERE ${v}.scope = 'REGIONAL' RETURN ${v}
          ${national}
        }`,
        params,
      );
    case "province":
      return fragment(
        `CALL () {
          MATCH ${worksInProvincePattern(v)} RETURN ${v}
          ${national}
        }`,
        params,
      );
    case "near":
      return fragment(
        `CALL () {
          MATCH (x:Municipality) WHERE ${direct("near", "x")}
          MATCH (x)<-[:${WORKS_IN_RELATIONSHIPS}]-(${v}:Organisation) RETURN ${v}
          ${national}
        }`,
        params,
      );
  }
}

/** Whether national organisations count without a place match: no place, or NATIONAL asked for. */
export function includesNational(
  place: ResolvedPlace | undefined,
  scopes: readonly string[] | null | undefined,
): boolean {
  return !place || Boolean(scopes?.includes("NATIONAL"));
}
