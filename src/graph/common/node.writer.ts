import type { ManagedTransaction } from "neo4j-driver";
import { Neo4jError } from "neo4j-driver";
import { type AuditActor, auditEvent } from "./audit.writer";
import type { Props } from "./node.repository";
import { nameKey } from "../../domain/name-key";
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

export function fieldPath(path: string, field: string): string {
  return path ? `${path}.${field}` : field;
}

export function notFound(field: string, what: string, keys: string[]): UserError {
  const list = keys.map((k) => `"${k}"`).join(", ");
  return userError(field, UserErrorCode.NOT_FOUND, `Unknown ${what}${keys.length > 1 ? "s" : ""}: ${list}.`);
}

/** Properties of the patch whose value differs from the node's. */
export function changedProperties(before: Props, patch: Record<string, PropValue>): string[] {
  return Object.keys(patch).filter((k) => (before[k] ?? null) !== (patch[k] ?? null));
}

export async function readNode(tx: ManagedTransaction, label: WritableLabel, id: string): Promise<Props> {
  const rows = await run(tx, `MATCH (n:${label} {id: $id}) RETURN properties(n) AS props`, { id });
  return (rows[0]?.props as Props | undefined) ?? {};
}

/** Deletes the node and its relationships and records the audit event, in one statement. */
export async function deleteNode(
  tx: ManagedTransaction,
  label: WritableLabel,
  id: string,
  audit: { actor: AuditActor; now: string },
): Promise<void> {
  await run(
    tx,
    `MATCH (n:${label} {id: $id}) DETACH DELETE n
     WITH count(*) AS deleted
     CREATE ${auditEvent("$actor", "$label", "$id", "['deleted']")}`,
    { id, label, actor: audit.actor, now: audit.now },
  );
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
