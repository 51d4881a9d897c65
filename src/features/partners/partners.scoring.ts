/**
 * The scoring model of partner suggestions: default weights, their bounds and the constants of each
 * component. The formulas themselves run in Cypher (partners.repository.ts) with these values as
 * parameters; docs/decisions/0005-partner-scoring.md explains the choices.
 */

export enum MatchMode {
  SIMILAR = "SIMILAR",
  COMPLEMENTARY = "COMPLEMENTARY",
}

export interface MatchWeights {
  topics: number;
  geography: number;
  conditions: number;
  network: number;
  proximity: number;
}

/** Default weight of each component; a component value lies in 0..1, its contribution is weight × value. */
export const DEFAULT_WEIGHTS: Readonly<MatchWeights> = Object.freeze({
  topics: 1.0,
  geography: 0.5,
  conditions: 0.75,
  network: 1.0,
  proximity: 1.0,
});

export const WEIGHT_MIN = 0;
export const WEIGHT_MAX = 5;

export const FIRST_DEFAULT = 10;
export const FIRST_MAX = 50;

/** How many candidates survive the cheap first pass (shared topics, links) into the full scoring. */
export const POOL_SIZE = 100;

/** Constants of the component formulas, sent to Cypher as `$k`. */
export const SCORING = Object.freeze({
  /** A broader or narrower topic (direct SUBTOPIC_OF) counts for this share of the rarer one's weight, */
  related: 0.5,
  /** but only when at most this many, or this share of all, organisations work on it. */
  relatedMinCount: 50,
  relatedMaxShare: 0.01,
  /** A topic is popular when more than this many and this share of all organisations work on it: */
  popularMinCount: 2000,
  popularShare: 0.05,
  /** it (and each condition, SIMILAR) brings at most this many candidates by itself. */
  popularSample: 500,
  /** The first pass looks at the organisations in the asker's municipalities when there are at most this many. */
  nearMaxCount: 2000,
  /** Geography without a place: shared municipality, shared province, national, distance (0..geoRangeKm). */
  geoMunicipality: 1.0,
  geoProvince: 0.6,
  geoNational: 0.5,
  geoDistance: 0.4,
  geoRangeKm: 200,
  /** Geography with a place: a regional organisation active in the province of the asked municipality. */
  placeRegional: 0.7,
  /** SIMILAR: the share of conditions in common (Jaccard) and the same kind of organisation. */
  similarConditions: 0.6,
  similarKind: 0.25,
  similarScope: 0.15,
  /** COMPLEMENTARY (only with a shared topic): different conditions and a different kind/world. */
  complementConditions: 0.6,
  complementKind: 0.4,
  /** Network: each link adds to a raw sum r (at most `linkCap` per kind); value = r / (r + 1). */
  partner: 1.0,
  event: 0.8,
  experience: 1.0,
  experienceTopic: 0.3,
  koepel: 0.3,
  membership: 0.6,
  existing: 1.5,
  linkCap: 3,
  /** First pass: a shared condition or koepel counts as this much of PROXIMITY (and, SIMILAR, of CONDITIONS). */
  prelimCondition: 0.35,
});

/**
 * The "world" an organisation kind belongs to: COMPLEMENTARY favours partners from another world
 * (a patient association next to an adviesraad or zorgcoöperatie). Unknown kinds are their own world.
 */
export const KIND_WORLDS: Readonly<Record<string, string>> = Object.freeze({
  patiëntenvereniging: "patiënten en belangen",
  belangenvereniging: "patiënten en belangen",
  ouderenbond: "patiënten en belangen",
  "afdeling ouderenbond": "patiënten en belangen",
  fonds: "patiënten en belangen",
  stichting: "patiënten en belangen",
  adviesraad: "sociaal domein",
  gemeente: "sociaal domein",
  overheid: "sociaal domein",
  welzijnsorganisatie: "sociaal domein",
  cliëntondersteuning: "sociaal domein",
  bewonersorganisatie: "sociaal domein",
  zorgcoöperatie: "sociaal domein",
  vrijwilligersorganisatie: "sociaal domein",
  kennisinstituut: "kennis",
  koepel: "koepel",
});

/** Caller weights over the defaults (bounds are checked by the argument validation). */
export function effectiveWeights(
  given: Partial<Record<keyof MatchWeights, number | null>> | null | undefined,
) {
  return {
    topics: given?.topics ?? DEFAULT_WEIGHTS.topics,
    geography: given?.geography ?? DEFAULT_WEIGHTS.geography,
    conditions: given?.conditions ?? DEFAULT_WEIGHTS.conditions,
    network: given?.network ?? DEFAULT_WEIGHTS.network,
    proximity: given?.proximity ?? DEFAULT_WEIGHTS.proximity,
  } satisfies MatchWeights;
}

/** Rarity of a topic: ln(1 + N / n), N organisations in the graph, n of them on the topic. */
export function rarity(total: number, onTopic: number): number {
  return Math.log(1 + total / Math.max(1, onTopic));
}
