import type { Queryable } from "../../db/database";
import { type PageFlags, type PageWindow, pageOf } from "../../graph/common/connection.type";
import { type Props, tieBreaker, windowParams } from "../../graph/common/node.repository";
import {
  EVIDENCE_SCORE,
  EVIDENCE_WEIGHTS as W,
  type EvidenceKindName,
  type EvidenceStart,
  type PlaceRefs,
  type ResolvedPlace,
  evidenceRows,
  inCircle,
  placeParams,
  topicClosure,
} from "../../domain";
import type { AskedProvince } from "../../graph/place/place.repository";
import {
  PROVINCE_ONLY_SUFFIX,
  freshness,
  rankOf,
  rankRange,
  scoreKey,
  scoreKeyOf,
} from "../../graph/common/aggregates.fragments";

export interface EvidenceRow {
  kind: EvidenceKindName;
  weight: number;
  topic: Props;
  place: Props | null;
  placeLabels: string[] | null;
  experience: Props | null;
  initiative: Props | null;
  role: string | null;
}

export interface WhoWorksOnRow {
  organisation: Props;
  score: number;
  evidence: EvidenceRow[];
  evidenceCount: number;
  /** The cursor's tie-breaker (name, then key). */
  tie: string;
}

export interface WhoWorksOnResult extends PageFlags {
  /** The asked topic's properties, read in the page's query (null: no such topic). */
  topic: Props | null;
  rows: WhoWorksOnRow[];
  /** The number of answers, counted when asked (totalCount). */
  total: () => Promise<number>;
  /** The asked province as the page's query read it (null: no province asked, or none of that code or name). */
  province: { code: string; name: string } | null;
}

/**
 * The node properties a page reads: a list of property names per node, or null for all of them (what
 * callers without a GraphQL selection get). `evidence` null: no evidence is selected, none is read.
 */
export interface Projection {
  organisation: readonly string[] | null;
  evidence: {
    topic: readonly string[] | null;
    place: readonly string[] | null;
    experience: readonly string[] | null;
    initiative: readonly string[] | null;
  } | null;
}

export const EVERY_PROPERTY: Projection = {
  organisation: null,
  evidence: { topic: null, place: null, experience: null, initiative: null },
};

/** The list parameters that name the properties to read (fixed names: the query texts stay few). */
const PROPS = {
  organisation: "organisationProps",
  evidenceTopic: "evidenceTopicProps",
  place: "placeProps",
  experience: "experienceProps",
  initiative: "initiativeProps",
} as const;

/**
 * Node `node`'s properties named by list parameter `param`, as a list of their values (keys are not
 * repeated per row: the repository zips them with the names), or its whole property map when the
 * parameter is null.
 */
function pick(node: string, param: string, nullable = false): string {
  const picked = `CASE WHEN $${param} IS NULL THEN properties(${node}) ELSE [k IN $${param} | ${node}[k]] END`;
  return nullable ? `CASE WHEN ${node} IS NULL THEN null ELSE ${picked} END` : picked;
}

/** A picked value back as a property map. */
function unpick(value: unknown, names: readonly string[] | null): Props | null {
  if (value == null) return null;
  if (!Array.isArray(value) || names === null) return value as Props;
  return Object.fromEntries(names.map((name, i) => [name, value[i] ?? null]));
}

/**
 * A province is read in the page's own query, by code or by name (decision 0053): its code and
 * municipality codes are variables of the query from then on (the works-in rule reads them there).
 * Optional: an unknown one gives an empty page with no province, and the service asks why.
 */
const ASK_PROVINCE = `
OPTIONAL MATCH (asked:Province) WHERE asked.code = $askedCode OR asked.nameKey = $askedKey
WITH asked.code AS askedCode, asked.name AS askedName,
     COLLECT { MATCH (m:Municipality)-[:IN_PROVINCE]->(asked) RETURN m.code } AS askedCodes
LIMIT 1`;
const ASKED_REFS: PlaceRefs = {
  municipalityCode: "null",
  provinceCode: "askedCode",
  municipalityCodes: "askedCodes",
};
const ASKED_VARS = ", askedCode, askedName, askedCodes";

/** The place as the page's query text sees it: its kind, and for a province the variables it carries. */
function placeText(place: PagePlace | undefined): {
  ask: string;
  carry: string;
  refs: PlaceRefs | undefined;
} {
  return place?.kind === "province"
    ? { ask: ASK_PROVINCE, carry: ASKED_VARS, refs: ASKED_REFS }
    : { ask: "", carry: "", refs: undefined };
}

/** A place given to the page: resolved, or a province the page's query reads itself. */
export type PagePlace = ResolvedPlace | AskedProvince;

// Evidence is carried as node references while every candidate is scored; only the page's evidence is
// turned into property maps (a popular topic has tens of thousands of pieces of evidence).

/**
 * Where the first pass that scores every candidate starts: the topics or the circle's municipalities
 * (see EvidenceStart: the same rows), or, for a circle, the organisations that have a stored score
 * for the topic in one of its municipalities (a superset of the answers; their evidence is scored
 * live, by the same rule).
 */
export type LiveStart = Extract<EvidenceStart, "topics" | "circle"> | "stored";

/**
 * A circle's candidates (decision 0051): every organisation with a stored score (decision 0048) for
 * the topic in one of the circle's municipalities. Any evidence in the circle gives one: the stored
 * places are every municipality the organisation or its evidence is linked to. Binds root, topics,
 * pageOrgs; no row when the stored scores are out of date.
 */
const CIRCLE_CANDIDATES = `
MATCH (root:Topic {id: $topic})
${freshness("fresh")}
WITH root WHERE fresh OR NOT $requireFresh
${topicClosure("root")}
CALL (root) {
  MATCH (x:Municipality) WHERE ${inCircle("x")}
  WITH ${scoreKey("root.id", "x.code")} AS key
  MATCH (s:WhoWorksOnScore) WHERE s.rank > ${rankRange("key").from} AND s.rank < ${rankRange("key").to} AND s.scope IN $scopes
  WITH DISTINCT s.organisation AS id
  MATCH (o:Organisation {id: id})
  RETURN collect(o) AS pageOrgs
}`;

/**
 * The first pass: scores every candidate (aggregating weights as they stream, keeping no evidence),
 * then keeps the page. Binds root, topics, total, pageHits (one row whenever the topic exists).
 */
function livePage(place: PagePlace | undefined, from: LiveStart): string {
  const { ask, carry, refs } = placeText(place);
  const head =
    from === "stored"
      ? `${CIRCLE_CANDIDATES}
CALL (root, topics, pageOrgs) {
  ${evidenceRows(place?.kind, "root, topics, pageOrgs", "pageOrgs")}`
      : `${ask}
MATCH (root:Topic {id: $topic})
${topicClosure("root")}
CALL (root, topics${carry}) {
  ${evidenceRows(place?.kind, `root, topics${carry}`, from, refs)}`;
  return `${head}
  WITH o, ${EVIDENCE_SCORE} AS score, count(*) AS evidenceCount
  RETURN collect({o: o, score: score, n: evidenceCount, t: ${tieBreaker("id", "o")}}) AS candidates
}
WITH root, topics${carry}, size(candidates) AS total,
     [h IN candidates WHERE ($after IS NULL OR h.score < $after.value OR (h.score = $after.value AND h.t > $after.key))
                        AND ($before IS NULL OR h.score > $before.value OR (h.score = $before.value AND h.t < $before.key))] AS rest
CALL (rest) {
  UNWIND rest AS hit
  WITH hit ORDER BY hit.score DESC, hit.t
  WITH collect(hit) AS sorted
  // Reading backward: the rows nearest to $before first (pageOf turns them back).
  RETURN CASE WHEN $backward THEN reverse(sorted[-toInteger($limit)..]) ELSE sorted[..toInteger($limit)] END AS pageHits
}`;
}

/** Stored scores of key variable `key` from `from` on, in index order (score descending, tie-breaker). */
function walk(key: "keyA" | "keyB", from: string, extra = ""): string {
  const { to } = rankRange(key);
  return `MATCH (s:WhoWorksOnScore) WHERE s.rank > ${from} AND s.rank < ${to} AND s.scope IN $scopes${extra}
  RETURN s ORDER BY s.rank LIMIT toInteger($limit)`;
}

/** Only the organisations without a score of their own for the asked municipality (key A). */
const NOT_IN_A = `
    AND NOT EXISTS { MATCH (a:WhoWorksOnScore {organisation: s.organisation}) WHERE a.key = keyA }`;

/** The number of answers from the stored scores: an index range count per key (variables keyA, keyB). Binds `total`. */
const MAINTAINED_TOTAL = `
CALL (keyA) {
  MATCH (s:WhoWorksOnScore) WHERE s.rank > ${rankRange("keyA").from} AND s.rank < ${rankRange("keyA").to} AND s.scope IN $scopes
  RETURN count(*) AS inA
}
CALL (keyA, keyB) {
  MATCH (s:WhoWorksOnScore) WHERE s.rank > ${rankRange("keyB").from} AND s.rank < ${rankRange("keyB").to} AND s.scope IN $scopes ${NOT_IN_A}
  RETURN count(*) AS inB
}`;

/**
 * The maintained first pass (decision 0048): a page is an index range read of the stored scores of
 * key A (the topic and the asked place), merged for a municipality with key B (its province's
 * evidence, for organisations with nothing in the municipality itself). Rows only when the aggregates
 * are fresh. Binds root, topics, total, pageHits.
 */
function maintainedPage(place: PagePlace | undefined, withTotal: boolean): string {
  const { ask, carry } = placeText(place);
  // A province's key is known once the query has read its code.
  const keys =
    place?.kind === "province"
      ? `${scoreKey("$topic", "askedCode")} AS keyA, null AS keyB`
      : "$keyA AS keyA, $keyB AS keyB";
  return `${ask}
MATCH (root:Topic {id: $topic})
${freshness("fresh")}
WITH root${carry} WHERE fresh OR NOT $requireFresh
${topicClosure("root")}
WITH root, topics${carry}, ${keys}
WITH root, topics${carry}, keyA, keyB,
     CASE WHEN $after IS NULL THEN ${rankRange("keyA").from} ELSE ${rankOf("keyA", "$after.value", "$after.key")} END AS fromA,
     CASE WHEN $after IS NULL THEN ${rankRange("keyB").from} ELSE ${rankOf("keyB", "$after.value", "$after.key")} END AS fromB
CALL (fromA, fromB, keyA, keyB) {
  CALL (fromA, fromB, keyA, keyB) {
    ${walk("keyA", "fromA")}
    UNION ALL
    ${walk("keyB", "fromB", NOT_IN_A)}
  }
  WITH s ORDER BY s.score DESC, s.tie LIMIT toInteger($limit)
  MATCH (o:Organisation {id: s.organisation})
  RETURN collect({o: o, score: s.score, n: s.evidenceCount, t: s.tie}) AS pageHits
}
${
  withTotal
    ? `${MAINTAINED_TOTAL}
WITH root, topics${carry}, pageHits, inA + inB AS total`
    : `WITH root, topics${carry}, pageHits, null AS total`
}`;
}

/**
 * The second pass: the evidence of the page's organisations only, starting from them. `verify` also
 * recomputes their scores from it (stale: a stored score differs from the graph's). Only the properties
 * the projection parameters name are returned (PROPS), and no evidence when $evidenceLimit is 0.
 */
function finish(place: PagePlace | undefined, verify: boolean): string {
  const { carry, refs } = placeText(place);
  return `
WITH root, topics, total, pageHits${carry}, [h IN pageHits | h.o] AS pageOrgs
OPTIONAL CALL (root, topics, pageOrgs${carry}) {
  ${evidenceRows(place?.kind, `root, topics, pageOrgs${carry}`, "pageOrgs", refs)}
  WITH o, collect(ev) AS all, ${EVIDENCE_SCORE} AS score, count(*) AS n
  CALL (all) {
    // The strongest evidence, taken round-robin over the kinds so that one kind cannot hide the others.
    UNWIND all AS e
    WITH e ORDER BY e.weight DESC
    WITH e.kind AS kind, collect(e) AS byKind
    UNWIND range(0, size(byKind) - 1) AS rank
    WITH byKind[rank] AS e, rank ORDER BY rank, e.weight DESC
    LIMIT toInteger($evidenceLimit)
    RETURN collect({kind: e.kind, weight: e.weight, topic: ${pick("e.topic", PROPS.evidenceTopic)},
                    place: ${pick("e.place", PROPS.place, true)},
                    placeLabels: CASE WHEN e.place IS NULL THEN null ELSE labels(e.place) END,
                    experience: ${pick("e.experience", PROPS.experience, true)},
                    initiative: ${pick("e.initiative", PROPS.initiative, true)},
                    role: e.role}) AS strongest
  }
  RETURN collect({o: o, strongest: strongest, check: [score, n, ${tieBreaker("id", "o")}]}) AS evidenceOf
}
RETURN total, properties(root) AS topic,
       ${place?.kind === "province" ? "CASE WHEN askedCode IS NULL THEN null ELSE {code: askedCode, name: askedName} END" : "null"} AS province,
       ${verify ? "any(h IN pageHits WHERE NOT [x IN evidenceOf WHERE x.o = h.o | x.check][0] = [h.score, h.n, h.t])" : "false"} AS stale,
       [h IN pageHits | {organisation: ${pick("h.o", PROPS.organisation)}, score: h.score, evidenceCount: h.n, tie: h.t,
                         evidence: coalesce([x IN evidenceOf WHERE x.o = h.o | x.strongest][0], [])}] AS page`;
}

/** Which query answers: the stored scores (with or without their total) or the live graph from a start. */
type Path = { maintained: true; withTotal: boolean } | { maintained: false; from: LiveStart };

/** One query text per kind of place (the place's own branch only) and path, built once. */
const QUERIES = new Map<string, string>();
function queryFor(place: PagePlace | undefined, path: Path): string {
  const kind = `${place?.kind ?? "none"}:${path.maintained ? `stored:${path.withTotal}` : path.from}`;
  let text = QUERIES.get(kind);
  if (!text) {
    text = path.maintained
      ? `${maintainedPage(place, path.withTotal)}\n${finish(place, true)}`
      : `${livePage(place, path.from)}\n${finish(place, false)}`;
    QUERIES.set(kind, text);
  }
  return text;
}

export interface WhoWorksOnArgs {
  topic: string;
  includeSubtopics: boolean;
  /** A province (resolved or not) is read in the page's own query, by its code or name. */
  place: PagePlace | undefined;
  scopes: string[];
  includeNational: boolean;
  window: PageWindow;
  /** Count the answers in the page's own query (totalCount is selected); else counted when asked. */
  withTotal?: boolean;
  /** The properties to read (default: all of them). */
  projection?: Projection;
}

/**
 * The live query's start: a circle without national organisations starts from its municipalities
 * (every piece of evidence must lie in it); everything else from the topics.
 */
export function liveStart(args: WhoWorksOnArgs): Exclude<LiveStart, "stored"> {
  return args.place?.kind === "near" && !args.includeNational ? "circle" : "topics";
}

/** Whether a circle's candidates can come from the stored scores (kept with subtopics, no national fallback). */
function storedCircle(args: WhoWorksOnArgs): boolean {
  return liveStart(args) === "circle" && args.includeSubtopics;
}

/**
 * The keys of the stored scores that answer the question, or null when they do not: a circle, national
 * organisations without a place match, a topic without its subtopics, or a backward read. A province's
 * key A is null when only its name is known (the page's query builds it from the code it reads).
 */
export function maintainedKeys(args: WhoWorksOnArgs): { keyA: string | null; keyB: string | null } | null {
  const { place } = args;
  if (!args.includeSubtopics || args.window.backward || args.window.before) return null;
  if (!place) return { keyA: scoreKeyOf(args.topic, ""), keyB: null };
  if (args.includeNational || place.kind === "near") return null;
  if (place.kind === "province")
    return { keyA: place.code ? scoreKeyOf(args.topic, place.code) : null, keyB: null };
  return {
    keyA: scoreKeyOf(args.topic, place.code),
    keyB: place.provinceCode ? scoreKeyOf(args.topic, place.provinceCode + PROVINCE_ONLY_SUFFIX) : null,
  };
}

export class WhoWorksOnRepository {
  constructor(private readonly db: Queryable) {}

  /**
   * The page from the maintained scores when they answer the question and are fresh, else (or when a
   * page's stored score differs from the graph's) from the live graph.
   */
  async find(args: WhoWorksOnArgs): Promise<WhoWorksOnResult> {
    return (await this.findMaintained(args)) ?? this.findLive(args);
  }

  /**
   * From the maintained scores; null when they cannot answer (see maintainedKeys) or are stale.
   * `requireFresh: false` reads them even after writes that went around the maintenance (tests, PROFILE).
   */
  async findMaintained(args: WhoWorksOnArgs, requireFresh = true): Promise<WhoWorksOnResult | null> {
    const keys = maintainedKeys(args);
    if (!keys) return storedCircle(args) ? this.findLive(args, "stored", requireFresh) : null;
    const withTotal = args.withTotal === true;
    const rows = await this.db.read(queryFor(args.place, { maintained: true, withTotal }), {
      ...this.params(args),
      ...keys,
      requireFresh,
    });
    const row = rows[0];
    if (!row || row.stale === true) return null;
    const counted = Number(row.total ?? 0);
    const province = row.province as { code: string } | null;
    // A province asked by name: its key from the code the page read.
    const countKeys = province ? { keyA: scoreKeyOf(args.topic, province.code), keyB: null } : keys;
    const total = withTotal
      ? async () => counted
      : async () => {
          const more = await this.db.read(
            `WITH $keyA AS keyA, $keyB AS keyB\n${MAINTAINED_TOTAL}\nRETURN inA + inB AS total`,
            { ...countKeys, scopes: args.scopes },
          );
          return Number(more[0]?.total ?? 0);
        };
    return this.result(row, args, total);
  }

  /** The exact query and parameters of a page (null: not answerable from the stored scores), for PROFILE. */
  static statement(
    args: WhoWorksOnArgs,
    maintained: boolean,
    from: LiveStart = liveStart(args),
  ): { cypher: string; params: Record<string, unknown> } | null {
    const keys = maintainedKeys(args);
    const stored = maintained && !keys && storedCircle(args);
    if (maintained && !keys && !stored) return null;
    const repo = new WhoWorksOnRepository({ read: async () => [], write: async () => undefined as never });
    const path: Path =
      maintained && !stored
        ? { maintained: true, withTotal: args.withTotal === true }
        : { maintained: false, from: stored ? "stored" : from };
    return {
      cypher: queryFor(args.place, path),
      params: { ...repo.params(args), ...(maintained ? { ...keys, requireFresh: false } : {}) },
    };
  }

  /** Scores every candidate from the live graph (`from`: only to compare the starts in tests). */
  async findLive(args: WhoWorksOnArgs, from?: Exclude<LiveStart, "stored">): Promise<WhoWorksOnResult>;
  /** From the stored candidates: null when the stored scores are out of date. */
  async findLive(
    args: WhoWorksOnArgs,
    from: "stored",
    requireFresh: boolean,
  ): Promise<WhoWorksOnResult | null>;
  async findLive(
    args: WhoWorksOnArgs,
    from: LiveStart = liveStart(args),
    requireFresh = true,
  ): Promise<WhoWorksOnResult | null> {
    const rows = await this.db.read(queryFor(args.place, { maintained: false, from }), {
      ...this.params(args),
      requireFresh,
    });
    if (from === "stored" && !rows[0]) return null;
    const total = Number(rows[0]?.total ?? 0);
    return this.result(rows[0], args, async () => total);
  }

  private params(args: WhoWorksOnArgs): Record<string, unknown> {
    const { place } = args;
    const projection = args.projection ?? EVERY_PROPERTY;
    const evidence = projection.evidence;
    return {
      topic: args.topic,
      deep: args.includeSubtopics,
      scopes: args.scopes,
      includeNational: args.includeNational,
      roleWeights: W.role,
      ...(place?.kind === "province"
        ? {
            ...placeParams(undefined),
            placeKind: "province",
            askedCode: place.code,
            askedKey: "nameKey" in place ? place.nameKey : null,
          }
        : placeParams(place)),
      ...windowParams(args.window),
      backward: args.window.backward,
      [PROPS.organisation]: projection.organisation,
      [PROPS.evidenceTopic]: evidence?.topic ?? null,
      [PROPS.place]: evidence?.place ?? null,
      [PROPS.experience]: evidence?.experience ?? null,
      [PROPS.initiative]: evidence?.initiative ?? null,
      evidenceLimit: evidence ? 10 : 0,
    };
  }

  private result(
    row: Record<string, unknown> | undefined,
    args: WhoWorksOnArgs,
    total: () => Promise<number>,
  ): WhoWorksOnResult {
    const projection = args.projection ?? EVERY_PROPERTY;
    const props = projection.evidence;
    type Picked = Omit<WhoWorksOnRow, "organisation" | "evidence"> & {
      organisation: unknown;
      evidence: (Omit<EvidenceRow, "topic" | "place" | "experience" | "initiative"> &
        Record<"topic" | "place" | "experience" | "initiative", unknown>)[];
    };
    const hits = ((row?.page ?? []) as Picked[]).map((h): WhoWorksOnRow => ({
      ...h,
      organisation: unpick(h.organisation, projection.organisation) ?? {},
      score: Number(h.score),
      evidenceCount: Number(h.evidenceCount),
      evidence: h.evidence.map((e) => ({
        ...e,
        topic: unpick(e.topic, props?.topic ?? null) ?? {},
        place: unpick(e.place, props?.place ?? null),
        experience: unpick(e.experience, props?.experience ?? null),
        initiative: unpick(e.initiative, props?.initiative ?? null),
      })),
    }));
    const page = pageOf(hits, args.window);
    const topic = (row?.topic ?? null) as Props | null;
    const province = (row?.province ?? null) as WhoWorksOnResult["province"];
    return { ...page, topic, rows: page.items, total, province };
  }
}
