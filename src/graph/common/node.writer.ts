import type { ManagedTransaction } from "neo4j-driver";
import { Neo4jError } from "neo4j-driver";
import type { Props } from "./node.repository";
import { nameKey, nameKeys } from "../../domain/name-key";
import { Rollback, UserErrorCode, type UserError, userError } from "./user-error.type";

/**
 * The write side of the graph, shared by the mutations: every statement runs inside the caller's one
 * transaction; labels and relationship types come from the constants below, every value is a parameter.
 */

export type WritableLabel = "Organisation" | "Initiative" | "Event" | "Experience";
export type TargetLabel = "Organisation" | "Topic" | "Condition" | "Initiative" | "Event" | "Municipality";
export type RelType =
  | "WORKS_ON"
  | "ACTIVE_IN"
  | "BASED_IN"
  | "REPRESENTS"
  | "ABOUT"
  | "CONCERNS"
  | "HELD_IN"
  | "PART_OF"
  | "IN"
  | "FROM"
  | "SHARED";

/** A relation a mutation input sets: `Place` means a municipality or a province, given by CBS code. */
export interface RelationSpec {
  type: RelType;
  target: TargetLabel | "Place";
  /** The relationship points at the written node (e.g. the organisation that shared an experience). */
  incoming?: boolean;
  /** The input field an unknown reference is reported on, when it is not the relation field's name. */
  inputField?: string;
}

export interface NodeSpec {
  label: WritableLabel;
  /** The property nameKey is derived from (writes keep nameKey in step, as the seed does). */
  nameProperty: "name" | "title";
  /** Input field → relation it sets. */
  relations: Record<string, RelationSpec>;
}

export type PropValue = string | number | boolean | null;

/** What an input asks to change: properties (null clears) and relation fields (absent: unchanged). */
export interface NodeChange {
  props: Record<string, PropValue>;
  relations: Record<string, string[]>;
}

const CODE_KEY = { Municipality: "code", Province: "code" } as const;

async function run(tx: ManagedTransaction, cypher: string, params: Props): Promise<Props[]> {
  const result = await tx.run(cypher, params);
  return result.records.map((r) => r.toObject() as Props);
}

export function isConstraintViolation(error: unknown): boolean {
  return error instanceof Neo4jError && error.code === "Neo.ClientError.Schema.ConstraintValidationFailed";
}

export function versionOf(props: Props): number {
  return typeof props.version === "number" ? props.version : 1;
}

/**
 * Takes the node's write lock, then reads it. A concurrent writer of the same node waits at the SET
 * until the first commits and then reads the committed version: the version check that follows cannot
 * be passed by two writers (Neo4j's documented guard against lost updates).
 */
export async function lockNode(
  tx: ManagedTransaction,
  label: WritableLabel,
  id: string,
): Promise<Props | undefined> {
  const rows = await run(
    tx,
    `MATCH (n:${label} {id: $id}) SET n._lock = true REMOVE n._lock RETURN properties(n) AS props`,
    { id },
  );
  return rows[0]?.props as Props | undefined;
}

/** Locks the node and checks `expectedVersion`; NOT_FOUND or CONFLICT roll the transaction back. */
export async function lockVersion(
  tx: ManagedTransaction,
  label: WritableLabel,
  id: string,
  expectedVersion: number,
  fields: { id: string; version: string } = { id: "id", version: "expectedVersion" },
): Promise<Props> {
  const props = await lockNode(tx, label, id);
  if (!props)
    throw new Rollback([userError(fields.id, UserErrorCode.NOT_FOUND, `No ${label} has id "${id}".`)]);
  const current = versionOf(props);
  if (current !== expectedVersion) {
    throw new Rollback([
      userError(
        fields.version,
        UserErrorCode.CONFLICT,
        `${label} "${id}" is at version ${current}, not ${expectedVersion}: someone changed it since you read it. Read it again and retry.`,
      ),
    ]);
  }
  return props;
}

/** Keys of `label` that do not exist, in the given order. */
export async function missingKeys(
  tx: ManagedTransaction,
  label: TargetLabel,
  keys: readonly string[],
): Promise<string[]> {
  if (keys.length === 0) return [];
  const key = label === "Municipality" ? "code" : "id";
  const rows = await run(tx, `UNWIND $keys AS k MATCH (n:${label} {${key}: k}) RETURN collect(k) AS found`, {
    keys,
  });
  const found = new Set((rows[0]?.found as string[] | undefined) ?? []);
  return keys.filter((k) => !found.has(k));
}

export interface ResolvedPlaces {
  municipalities: string[];
  provinces: string[];
  missing: string[];
}

/** CBS codes to current places: a former municipality resolves to its legal successor (as the seed does). */
export async function resolvePlaces(
  tx: ManagedTransaction,
  codes: readonly string[],
): Promise<ResolvedPlaces> {
  const resolved: ResolvedPlaces = { municipalities: [], provinces: [], missing: [] };
  if (codes.length === 0) return resolved;
  const rows = await run(
    tx,
    `UNWIND $codes AS code
     OPTIONAL MATCH (p:Province {code: code})
     OPTIONAL MATCH (m:Municipality {code: code})
     OPTIONAL MATCH path = (m)-[:MERGED_INTO*0..4]->(c:Municipality)
     WHERE c.validTo IS NULL AND all(r IN relationships(path) WHERE coalesce(r.legal, true))
     WITH code, p, c ORDER BY length(path)
     WITH code, p, collect(c.code) AS current
     RETURN code, p.code AS province, current[0] AS municipality`,
    { codes },
  );
  const byCode = new Map(rows.map((r) => [r.code as string, r]));
  for (const code of codes) {
    const row = byCode.get(code);
    if (typeof row?.province === "string") resolved.provinces.push(row.province);
    else if (typeof row?.municipality === "string") resolved.municipalities.push(row.municipality);
    else resolved.missing.push(code);
  }
  resolved.municipalities = [...new Set(resolved.municipalities)];
  resolved.provinces = [...new Set(resolved.provinces)];
  return resolved;
}

/** Keys of the nodes `id` points at through `type` (for change detection). */
async function relatedKeys(
  tx: ManagedTransaction,
  label: WritableLabel,
  id: string,
  type: RelType,
  target: TargetLabel | "Province",
): Promise<string[]> {
  const key = target === "Municipality" || target === "Province" ? CODE_KEY[target] : "id";
  const rows = await run(
    tx,
    `MATCH (:${label} {id: $id})-[:${type}]->(b:${target}) RETURN collect(b.${key}) AS keys`,
    { id },
  );
  return ((rows[0]?.keys as string[] | undefined) ?? []).sort();
}

/** Makes the `type` relationships from `id` to `target` exactly `keys` (removing the others). */
async function replaceRelations(
  tx: ManagedTransaction,
  label: WritableLabel,
  id: string,
  type: RelType,
  target: TargetLabel | "Province",
  keys: readonly string[],
): Promise<void> {
  const key = target === "Municipality" || target === "Province" ? CODE_KEY[target] : "id";
  await run(
    tx,
    `MATCH (a:${label} {id: $id})
     CALL (a) { MATCH (a)-[r:${type}]->(b:${target}) WHERE NOT b.${key} IN $keys DELETE r }
     CALL (a) { UNWIND $keys AS k MATCH (b:${target} {${key}: k}) MERGE (a)-[:${type}]->(b) }
     RETURN count(a) AS done`,
    { id, keys },
  );
}

/**
 * Checks that every referenced node exists (places resolved to current codes). Unknown references roll
 * the transaction back with NOT_FOUND, one user error per field (named `path.field`, or `field` without path).
 */
export async function resolveReferences(
  tx: ManagedTransaction,
  spec: NodeSpec,
  change: NodeChange,
  path: string,
): Promise<Map<string, { keys: string[]; provinces?: string[] }>> {
  const resolved = new Map<string, { keys: string[]; provinces?: string[] }>();
  const errors: UserError[] = [];
  for (const [field, keys] of Object.entries(change.relations)) {
    const relation = spec.relations[field];
    if (!relation) continue;
    const at = fieldPath(path, relation.inputField ?? field);
    if (relation.target === "Place") {
      const places = await resolvePlaces(tx, keys);
      if (places.missing.length) errors.push(notFound(at, "place", places.missing));
      resolved.set(field, { keys: places.municipalities, provinces: places.provinces });
    } else {
      const missing = await missingKeys(tx, relation.target, keys);
      if (missing.length) errors.push(notFound(at, relation.target, missing));
      resolved.set(field, { keys: [...new Set(keys)] });
    }
  }
  if (errors.length) throw new Rollback(errors);
  return resolved;
}

export function fieldPath(path: string, field: string): string {
  return path ? `${path}.${field}` : field;
}

export function notFound(field: string, what: string, keys: string[]): UserError {
  const list = keys.map((k) => `"${k}"`).join(", ");
  return userError(field, UserErrorCode.NOT_FOUND, `Unknown ${what}${keys.length > 1 ? "s" : ""}: ${list}.`);
}

/** Sets the relation fields of a change; returns the fields whose targets actually changed. */
export async function writeRelations(
  tx: ManagedTransaction,
  spec: NodeSpec,
  id: string,
  resolved: Map<string, { keys: string[]; provinces?: string[] }>,
): Promise<string[]> {
  const changed: string[] = [];
  for (const [field, { keys, provinces }] of resolved) {
    const relation = spec.relations[field];
    if (!relation) continue;
    const targets: [TargetLabel | "Province", string[]][] =
      relation.target === "Place"
        ? [
            ["Municipality", keys],
            ["Province", provinces ?? []],
          ]
        : [[relation.target, keys]];
    let differs = false;
    for (const [target, wanted] of targets) {
      const before = await relatedKeys(tx, spec.label, id, relation.type, target);
      if (before.join("\n") === [...wanted].sort().join("\n")) continue;
      differs = true;
      await replaceRelations(tx, spec.label, id, relation.type, target, wanted);
    }
    if (differs) changed.push(field);
  }
  return changed;
}

/** Properties of the patch whose value differs from the node's. */
export function changedProperties(before: Props, patch: Record<string, PropValue>): string[] {
  return Object.keys(patch).filter((k) => (before[k] ?? null) !== (patch[k] ?? null));
}

/** Applies a property patch (null removes), keeps nameKey and sortKey in step and counts the version up by one. */
export async function updateNode(
  tx: ManagedTransaction,
  spec: NodeSpec,
  id: string,
  patch: Record<string, PropValue>,
  now: string,
): Promise<void> {
  const name = patch[spec.nameProperty];
  const props: Record<string, PropValue> = { ...patch, updatedAt: now };
  if (typeof name === "string") Object.assign(props, nameKeys(name));
  await run(tx, `MATCH (n:${spec.label} {id: $id}) SET n += $props, n.version = coalesce(n.version, 1) + 1`, {
    id,
    props,
  });
}

export async function readNode(tx: ManagedTransaction, label: WritableLabel, id: string): Promise<Props> {
  const rows = await run(tx, `MATCH (n:${label} {id: $id}) RETURN properties(n) AS props`, { id });
  return (rows[0]?.props as Props | undefined) ?? {};
}

export async function deleteNode(tx: ManagedTransaction, label: WritableLabel, id: string): Promise<void> {
  await run(tx, `MATCH (n:${label} {id: $id}) DETACH DELETE n`, { id });
}

/** A readable id from a name: nameKey's letters and digits joined by hyphens, at most 60 characters. */
export function slugFrom(text: string): string {
  return nameKey(text)
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+/, "")
    .slice(0, 60)
    .replace(/-+$/, "");
}

function randomSuffix(): string {
  return Math.random().toString(36).slice(2, 8).padEnd(6, "0");
}

/** Ids a create may take, in order: the wanted one, then (when allowed) five with a short random suffix. */
export function idCandidates(wanted: string, suffixOnCollision: boolean): string[] {
  const suffixed = suffixOnCollision
    ? Array.from({ length: 5 }, () => `${wanted.slice(0, 120)}-${randomSuffix()}`)
    : [];
  return [wanted, ...suffixed];
}

export function alreadyExists(label: WritableLabel, id: string, field: string): UserError {
  return userError(
    field,
    UserErrorCode.ALREADY_EXISTS,
    `A ${label} with id "${id}" already exists; give another id or set suffixOnCollision.`,
  );
}
