import { nameKeys } from "../domain/name-key";
import type { WriteStep } from "./batch.writer";
import type {
  EventRecord,
  ExperienceRecord,
  InitiativeRecord,
  OrganisationRecord,
  SeedData,
} from "./seed.schema";

/**
 * Turns validated records into write steps. Labels and relationship types are the constants below,
 * never input; every value travels as a parameter (`$rows`).
 */

export type NodeLabel =
  | "Province"
  | "Municipality"
  | "Topic"
  | "Condition"
  | "Organisation"
  | "Initiative"
  | "Event"
  | "Experience";

export type RelationshipType =
  | "IN_PROVINCE"
  | "MERGED_INTO"
  | "SUBTOPIC_OF"
  | "WORKS_ON"
  | "ACTIVE_IN"
  | "BASED_IN"
  | "REPRESENTS"
  | "MEMBER_OF"
  | "SUCCESSOR_OF"
  | "PARTICIPATES_IN"
  | "TAKES_PART_IN"
  | "SHARED"
  | "ABOUT"
  | "CONCERNS"
  | "HELD_IN"
  | "PART_OF"
  | "IN"
  | "FROM";

const KEY: Record<NodeLabel, "id" | "code"> = {
  Province: "code",
  Municipality: "code",
  Topic: "id",
  Condition: "id",
  Organisation: "id",
  Initiative: "id",
  Event: "id",
  Experience: "id",
};

type Props = Record<string, string | number | boolean | null>;
interface Pair {
  from: string;
  to: string;
  props?: Props;
}

function nodeStep(label: NodeLabel, rows: { key: string; props: Props }[], extraSet = ""): WriteStep {
  return {
    kind: "node",
    name: label,
    description: label,
    cypher: `UNWIND $rows AS row
MERGE (n:${label} {${KEY[label]}: row.key})
SET n += row.props${extraSet}
RETURN count(n) AS matched`,
    rows,
  };
}

/**
 * One row per start node with all its targets: a batch of 1000 rows is 1000 entities' relationships,
 * and each start node is looked up once.
 */
function relationshipStep(from: NodeLabel, type: RelationshipType, to: NodeLabel, pairs: Pair[]): WriteStep {
  const withProps = pairs.some((p) => p.props !== undefined);
  const grouped = new Map<string, { to: string; props: Props }[]>();
  for (const p of pairs) {
    const list = grouped.get(p.from);
    const target = { to: p.to, props: p.props ?? {} };
    if (list) list.push(target);
    else grouped.set(p.from, [target]);
  }
  return {
    kind: "relationship",
    name: type,
    description: `${from} -${type}-> ${to}`,
    cypher: `UNWIND $rows AS row
MATCH (a:${from} {${KEY[from]}: row.from})
UNWIND row.targets AS target
MATCH (b:${to} {${KEY[to]}: ${withProps ? "target.to" : "target"}})
MERGE (a)-[r:${type}]->(b)${withProps ? "\nSET r += target.props" : ""}
RETURN count(r) AS matched`,
    rows: [...grouped].map(([key, targets]) => ({
      from: key,
      targets: withProps ? targets : targets.map((t) => t.to),
    })),
    itemsOf: (row) => (row.targets as unknown[]).length,
  };
}

const isProvince = (code: string): boolean => code.startsWith("PV");

type Targets<R> = (record: R) => readonly string[] | string | null;

function targetList(value: readonly string[] | string | null): readonly string[] {
  if (value === null) return [];
  return typeof value === "string" ? [value] : value;
}

/** A relationship from each record (by its id) to each of its targets. */
function links<R extends { id: string }>(
  from: NodeLabel,
  type: RelationshipType,
  to: NodeLabel,
  records: readonly R[],
  targets: Targets<R>,
): WriteStep {
  const pairs = records.flatMap((r) => targetList(targets(r)).map((t) => ({ from: r.id, to: t })));
  return relationshipStep(from, type, to, pairs);
}

/** ACTIVE_IN / IN point at a municipality or a province: one step per end label. */
function placeLinks<R extends { id: string }>(
  from: NodeLabel,
  type: RelationshipType,
  records: readonly R[],
  targets: Targets<R>,
): WriteStep[] {
  const municipalities = (r: R): readonly string[] => targetList(targets(r)).filter((c) => !isProvince(c));
  const provinces = (r: R): readonly string[] => targetList(targets(r)).filter(isProvince);
  return [
    links(from, type, "Municipality", records, municipalities),
    links(from, type, "Province", records, provinces),
  ];
}

/** (Organisation)-[:PARTICIPATES_IN|TAKES_PART_IN {role}]->(Initiative|Event). */
function participation(
  type: "PARTICIPATES_IN" | "TAKES_PART_IN",
  to: "Initiative" | "Event",
  records: readonly { id: string; participants: { organisation: string; role: string }[] }[],
): WriteStep {
  const pairs = records.flatMap((r) =>
    r.participants.map((p) => ({ from: p.organisation, to: r.id, props: { role: p.role } })),
  );
  return relationshipStep("Organisation", type, to, pairs);
}

// Municipalities without coordinates (merged-away ones) get no location.
const MUNICIPALITY_LOCATION = `,
    n.location = CASE WHEN row.props.lat IS NULL THEN null
                 ELSE point({latitude: row.props.lat, longitude: row.props.lon}) END`;

/** Nodes and relationships of the reference data: provinces, municipalities, topics, conditions. */
export function referenceSteps(
  data: Pick<SeedData, "provinces" | "municipalities" | "formerMunicipalities" | "topics" | "conditions">,
): {
  nodes: WriteStep[];
  relationships: WriteStep[];
} {
  // Current municipalities have a centroid; former ones a validTo (the date they merged away).
  const municipalityRow = (
    m: { code: string; name: string; source: string },
    place: { lat: number | null; lon: number | null; validTo: string | null },
  ) => ({
    key: m.code,
    props: { code: m.code, name: m.name, ...nameKeys(m.name), ...place, validFrom: null, source: m.source },
  });
  const municipalityRows = [
    ...data.municipalities.map((m) => municipalityRow(m, { lat: m.lat, lon: m.lon, validTo: null })),
    ...data.formerMunicipalities.map((m) => municipalityRow(m, { lat: null, lon: null, validTo: m.validTo })),
  ];
  return {
    nodes: [
      nodeStep(
        "Province",
        data.provinces.map((p) => ({
          key: p.code,
          props: { code: p.code, name: p.name, ...nameKeys(p.name), source: p.source },
        })),
      ),
      nodeStep("Municipality", municipalityRows, MUNICIPALITY_LOCATION),
      nodeStep(
        "Topic",
        data.topics.map((t) => ({
          key: t.id,
          props: {
            id: t.id,
            name: t.name,
            ...nameKeys(t.name),
            description: t.description,
            source: t.source,
          },
        })),
      ),
      nodeStep(
        "Condition",
        data.conditions.map((c) => ({
          key: c.id,
          props: { id: c.id, name: c.name, ...nameKeys(c.name), group: c.group, source: c.source },
        })),
      ),
    ],
    relationships: [
      relationshipStep("Municipality", "IN_PROVINCE", "Province", [
        ...data.municipalities.map((m) => ({ from: m.code, to: m.provinceCode })),
        ...data.formerMunicipalities.map((m) => ({ from: m.code, to: m.provinceCode })),
      ]),
      relationshipStep(
        "Municipality",
        "MERGED_INTO",
        "Municipality",
        data.formerMunicipalities.flatMap((m) =>
          m.successors.map((s) => ({ from: m.code, to: s.code, props: { date: s.date, legal: s.legal } })),
        ),
      ),
      relationshipStep(
        "Topic",
        "SUBTOPIC_OF",
        "Topic",
        data.topics.filter((t) => t.broader !== null).map((t) => ({ from: t.id, to: t.broader as string })),
      ),
    ],
  };
}

/** What organisations, initiatives, events and experiences contribute (seed, import and synthetic). */
export interface GraphEntities {
  organisations: OrganisationRecord[];
  initiatives: InitiativeRecord[];
  events: EventRecord[];
  experiences: ExperienceRecord[];
}

export function entitySteps(data: GraphEntities): { nodes: WriteStep[]; relationships: WriteStep[] } {
  const orgs = data.organisations;
  const initiativeIds = new Set(data.initiatives.map((i) => i.id));
  const nodes = [
    nodeStep(
      "Organisation",
      orgs.map((o) => ({
        key: o.id,
        props: {
          id: o.id,
          name: o.name,
          ...nameKeys(o.name),
          kind: o.kind,
          scope: o.scope,
          status: o.status,
          description: o.description,
          website: o.website,
          confidence: o.confidence,
          source: o.source,
        },
      })),
    ),
    nodeStep(
      "Initiative",
      data.initiatives.map((i) => ({
        key: i.id,
        props: {
          id: i.id,
          name: i.name,
          ...nameKeys(i.name),
          kind: i.kind,
          goal: i.goal,
          startDate: i.startDate,
          endDate: i.endDate,
          status: i.status,
          source: i.source,
        },
      })),
    ),
    nodeStep(
      "Event",
      data.events.map((e) => ({
        key: e.id,
        props: {
          id: e.id,
          name: e.name,
          ...nameKeys(e.name),
          date: e.date,
          kind: e.kind,
          source: e.source,
        },
      })),
    ),
    nodeStep(
      "Experience",
      data.experiences.map((x) => ({
        key: x.id,
        props: {
          id: x.id,
          title: x.title,
          ...nameKeys(x.title),
          summary: x.summary,
          date: x.date,
          kind: x.kind,
          source: x.source,
        },
      })),
    ),
  ];
  const fromInitiative = (x: ExperienceRecord): string | null =>
    x.from && initiativeIds.has(x.from) ? x.from : null;
  const fromEvent = (x: ExperienceRecord): string | null =>
    x.from && !initiativeIds.has(x.from) ? x.from : null;
  const relationships = [
    links("Organisation", "WORKS_ON", "Topic", orgs, (o) => o.topics),
    ...placeLinks("Organisation", "ACTIVE_IN", orgs, (o) => o.activeIn),
    links("Organisation", "BASED_IN", "Municipality", orgs, (o) => o.basedIn),
    links("Organisation", "REPRESENTS", "Condition", orgs, (o) => o.conditions),
    links("Organisation", "MEMBER_OF", "Organisation", orgs, (o) => o.memberOf),
    links("Organisation", "SUCCESSOR_OF", "Organisation", orgs, (o) => o.successorOf),
    participation("PARTICIPATES_IN", "Initiative", data.initiatives),
    participation("TAKES_PART_IN", "Event", data.events),
    relationshipStep(
      "Organisation",
      "SHARED",
      "Experience",
      data.experiences.flatMap((x) => x.sharedBy.map((o) => ({ from: o, to: x.id }))),
    ),
    links("Initiative", "ABOUT", "Topic", data.initiatives, (i) => i.topics),
    links("Initiative", "CONCERNS", "Condition", data.initiatives, (i) => i.conditions),
    ...placeLinks("Initiative", "ACTIVE_IN", data.initiatives, (i) => i.places),
    links("Event", "ABOUT", "Topic", data.events, (e) => e.topics),
    links("Event", "HELD_IN", "Municipality", data.events, (e) => e.place),
    links("Event", "PART_OF", "Initiative", data.events, (e) => e.initiative),
    links("Experience", "ABOUT", "Topic", data.experiences, (x) => x.topics),
    links("Experience", "CONCERNS", "Condition", data.experiences, (x) => x.conditions),
    ...placeLinks("Experience", "IN", data.experiences, (x) => x.place),
    links("Experience", "FROM", "Initiative", data.experiences, fromInitiative),
    links("Experience", "FROM", "Event", data.experiences, fromEvent),
  ];
  return { nodes, relationships };
}

/** Nodes first, then relationships; steps without rows are dropped. */
export function orderSteps(...parts: { nodes: WriteStep[]; relationships: WriteStep[] }[]): WriteStep[] {
  return [...parts.flatMap((p) => p.nodes), ...parts.flatMap((p) => p.relationships)].filter(
    (s) => s.rows.length > 0,
  );
}
