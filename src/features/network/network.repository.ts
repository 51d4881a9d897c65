import type { Queryable } from "../../db/database";
import type { Props } from "../../graph/common/node.repository";
import type { ResolvedPlace } from "../../domain";
import { rootMatch } from "../../graph/common/node.repository";
import { type Condition, organisationCondition } from "../../graph/organisation/organisation.repository";
import { NETWORK_LIMITS, NetworkProjection } from "./network.args";

/** What a tie rests on, per projection: a pattern from organisation `o` to the shared thing `x`. */
interface ProjectionSpec {
  relationship: string;
  label: "Initiative" | "Topic" | "Municipality" | "Event";
  key: "id" | "code";
  /** Contribution of one shared thing `x` to the tie's weight. */
  weight: string;
}

const PROJECTIONS: Record<NetworkProjection, ProjectionSpec> = {
  SHARED_INITIATIVES: { relationship: "PARTICIPATES_IN", label: "Initiative", key: "id", weight: "1.0" },
  SHARED_EVENTS: { relationship: "TAKES_PART_IN", label: "Event", key: "id", weight: "1.0" },
  SHARED_PLACES: { relationship: "ACTIVE_IN|BASED_IN", label: "Municipality", key: "code", weight: "1.0" },
  // Rarity (IDF-like): a topic few organisations work on says more about a tie than a common one.
  SHARED_TOPICS: {
    relationship: "WORKS_ON",
    label: "Topic",
    key: "id",
    weight: "1.0 / (log(1 + COUNT { (x)<-[:WORKS_ON]-(:Organisation) }) / log(2))",
  },
};

/** Kinds that make an organisation part of the sociaal domein, whatever conditions it represents. */
export const SOCIAL_KINDS = [
  "adviesraad",
  "gemeente",
  "welzijnsorganisatie",
  "zorgcoöperatie",
  "cliëntondersteuning",
  "bewonersorganisatie",
];
/** Condition-based: a patiëntenvereniging, or representing a condition outside the target groups. */
export const MEDICAL_KINDS = ["patiëntenvereniging"];
export const NON_MEDICAL_CONDITION_GROUPS = ["doelgroep"];

const SECTOR = `CASE
  WHEN o.kind IN $socialKinds THEN 'SOCIAL'
  WHEN o.kind IN $medicalKinds OR EXISTS { (o)-[:REPRESENTS]->(c:Condition) WHERE NOT c.group IN $nonMedicalGroups } THEN 'MEDICAL'
  ELSE 'OTHER' END`;

export interface NetworkSelection {
  topic: string | null;
  includeSubtopics: boolean;
  condition: string | null;
  kinds: string[] | null;
  scopes: string[] | null;
  place: ResolvedPlace | undefined;
  includeInactive: boolean;
}

export interface ProjectionOptions {
  projection: NetworkProjection;
  maxGroupSize: number;
}

export interface NodeRow {
  key: string;
  name: string;
  kind: string;
  scope: string;
  status: string;
  sector: "MEDICAL" | "SOCIAL" | "OTHER";
}

/** One shared thing and the network's organisations that share it (none listed above maxGroupSize). */
export interface GroupRow {
  key: string;
  name: string;
  size: number;
  members: string[];
  /** What sharing it adds to a tie's weight. */
  weight: number;
}

export interface ProjectionResult {
  nodes: NodeRow[];
  groups: GroupRow[];
  sharedLabel: ProjectionSpec["label"];
}

export interface PathRow {
  fromFound: boolean;
  toFound: boolean;
  nodes: { labels: string[]; props: Props }[] | null;
  relationships: { type: string; forward: boolean }[] | null;
}

/** The network's organisations: the same selection as the organisation lists and facets. */
function selectionCondition(s: NetworkSelection): Condition {
  return organisationCondition({
    topic: s.topic,
    includeSubtopics: s.includeSubtopics,
    condition: s.condition,
    places: s.place ? [s.place] : [],
    scopes: s.scopes,
    kinds: s.kinds,
    statuses: s.includeInactive ? null : ["ACTIVE"],
    name: null,
  });
}

/**
 * Organisations within `depth` steps of the centre in the projection, as `orgs`: a breadth-first
 * expansion unrolled per level (depth is 1..3), each level deduplicated by collect(DISTINCT).
 */
function egoSelection(spec: ProjectionSpec, depth: number): string {
  const levels = Array.from({ length: depth + 1 }, (_, i) => `level${i}`);
  const steps = levels.slice(1).map(
    (level, i) => `
  CALL (level${i}) {
    UNWIND level${i} AS a
    MATCH (a)-[:${spec.relationship}]->(x:${spec.label})<-[:${spec.relationship}]-(b:Organisation)
    WHERE b.status = 'ACTIVE' AND COUNT { (x)<-[:${spec.relationship}]-(:Organisation) } <= $maxGroupSize
    RETURN collect(DISTINCT b) AS ${level}
  }
  WITH ${levels.slice(0, i + 2).join(", ")}`,
  );
  return `
  OPTIONAL MATCH (ego:Organisation {id: $ego})
  WITH CASE WHEN ego IS NULL THEN [] ELSE [ego] END AS level0
  ${steps.join("")}
  CALL (${levels.join(", ")}) {
    UNWIND ${levels.join(" + ")} AS o
    RETURN collect(DISTINCT o) AS orgs
  }
  WITH orgs`;
}

/**
 * From `orgs` to the projection's raw material: every shared thing with the organisations of the
 * network that share it (its weight per tie included), and the nodes. Things shared by more than
 * maxGroupSize organisations come back without members. Folding the groups into weighted pairs
 * happens in network.projection.ts: Cypher needs ~20 µs per pair (minutes for 400,000 pairs), the
 * fold a fraction of a microsecond (docs/decisions/0006).
 */
function projectionBody(spec: ProjectionSpec): string {
  return `
  CALL (orgs) {
    UNWIND orgs AS o
    MATCH (o)-[:${spec.relationship}]->(x:${spec.label})
    WITH x, collect(DISTINCT o.id) AS members
    WHERE size(members) >= 2
    RETURN collect({key: x.${spec.key}, name: x.name, size: size(members),
                    members: CASE WHEN size(members) <= $maxGroupSize THEN members ELSE [] END,
                    weight: ${spec.weight}}) AS groups
  }
  CALL (orgs) {
    UNWIND orgs AS o
    RETURN collect({key: o.id, name: o.name, kind: o.kind, scope: o.scope, status: o.status, sector: ${SECTOR}}) AS nodes
  }`;
}

const SHORTEST_PATH = `
OPTIONAL MATCH (a:Organisation {id: $from})
OPTIONAL MATCH (b:Organisation {id: $to})
OPTIONAL CALL (a, b) {
  WITH a, b WHERE a IS NOT NULL AND b IS NOT NULL AND a <> b
  MATCH p = shortestPath((a)-[*..${NETWORK_LIMITS.maxPathLength}]-(b))
  RETURN p
  UNION
  WITH a, b WHERE a IS NOT NULL AND a = b
  MATCH p = (a)
  RETURN p
}
WITH a, b, collect(p)[0] AS p
RETURN a IS NOT NULL AS fromFound, b IS NOT NULL AS toFound,
  CASE WHEN p IS NULL THEN null ELSE [n IN nodes(p) | {labels: labels(n), props: properties(n)}] END AS nodes,
  CASE WHEN p IS NULL THEN null ELSE [i IN range(0, length(p) - 1) |
    {type: type(relationships(p)[i]), forward: startNode(relationships(p)[i]) = nodes(p)[i]}] END AS relationships`;

const BASE_PARAMS = {
  socialKinds: SOCIAL_KINDS,
  medicalKinds: MEDICAL_KINDS,
  nonMedicalGroups: NON_MEDICAL_CONDITION_GROUPS,
};

export class NetworkRepository {
  constructor(private readonly db: Queryable) {}

  /** The filtered organisations and their ties in one round trip. */
  async project(selection: NetworkSelection, options: ProjectionOptions): Promise<ProjectionResult> {
    const spec = PROJECTIONS[options.projection];
    const condition = selectionCondition(selection);
    const cypher = `
  ${rootMatch("Organisation", condition.match)} WHERE ${condition.where}
  WITH collect(n) AS orgs
  ${projectionBody(spec)}
  RETURN nodes, groups`;
    const rows = await this.db.read(cypher, {
      ...BASE_PARAMS,
      ...condition.params,
      maxGroupSize: options.maxGroupSize,
    });
    return toResult(rows[0], spec);
  }

  /** The organisations within `depth` steps of `ego` and their ties in one round trip. */
  async projectEgo(ego: string, depth: number, options: ProjectionOptions): Promise<ProjectionResult> {
    const spec = PROJECTIONS[options.projection];
    const cypher = `${egoSelection(spec, depth)}
  ${projectionBody(spec)}
  RETURN nodes, groups`;
    const rows = await this.db.read(cypher, { ...BASE_PARAMS, ego, maxGroupSize: options.maxGroupSize });
    return toResult(rows[0], spec);
  }

  /** A shortest path between two organisations over any relationships, undirected, in one round trip. */
  async shortestPath(from: string, to: string): Promise<PathRow> {
    const rows = await this.db.read(SHORTEST_PATH, { from, to });
    const row = rows[0];
    return {
      fromFound: Boolean(row?.fromFound),
      toFound: Boolean(row?.toFound),
      nodes: (row?.nodes as PathRow["nodes"]) ?? null,
      relationships: (row?.relationships as PathRow["relationships"]) ?? null,
    };
  }
}

function toResult(row: Record<string, unknown> | undefined, spec: ProjectionSpec): ProjectionResult {
  return {
    nodes: (row?.nodes ?? []) as NodeRow[],
    groups: ((row?.groups ?? []) as GroupRow[]).map((g) => ({
      ...g,
      key: String(g.key),
      name: String(g.name ?? g.key),
      size: Number(g.size),
      weight: Number(g.weight),
    })),
    sharedLabel: spec.label,
  };
}
