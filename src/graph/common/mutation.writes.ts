import type { ManagedTransaction } from "neo4j-driver";
import type { User } from "../../auth/auth.user";
import { isSourceLabel, maintainAggregates } from "./aggregates.repository";
import { auditActor } from "./audit.writer";
import type { Props } from "./node.repository";
import { nameKeys } from "../../domain/name-key";
import { runCreate } from "./create.writer";
import { keyStored, pendingKey } from "./idempotency.repository";
import {
  type NodeChange,
  type NodeSpec,
  type PropValue,
  alreadyExists,
  changedProperties,
  deleteNode,
  fieldPath,
  idCandidates,
  lockVersion,
  notFound,
} from "./node.writer";
import { runUpdate } from "./update.writer";
import { Rollback, type UserError } from "./user-error.type";

/**
 * Create, update and delete of one node with its relation fields and its audit event, inside the
 * caller's single transaction. Invalid references, a stale version or a taken id roll it all back.
 */

export interface CreateRequest {
  action: string;
  actor: User;
  wantedId: string;
  suffixOnCollision: boolean;
  change: NodeChange;
  now: string;
}

export async function createAudited(
  tx: ManagedTransaction,
  spec: NodeSpec,
  request: CreateRequest,
): Promise<Props> {
  const fields = Object.entries(request.change.props)
    .filter(([, v]) => v !== null)
    .map(([k]) => k);
  // On a new node a relation field changed exactly when it names targets (all of them exist, or nothing is written).
  const relations = Object.entries(request.change.relations)
    .filter(([field, keys]) => spec.relations[field] && keys.length > 0)
    .map(([field]) => field);
  const changedFields = [...fields, ...relations];
  const key = pendingKey(tx);
  const created = await runCreate(tx, spec, {
    candidates: idCandidates(request.wantedId, request.suffixOnCollision),
    props: request.change.props,
    refs: request.change.relations,
    now: request.now,
    audit: { action: request.action, changedFields, actor: request.actor },
    key,
  });
  if (created.id === null) throw new Rollback([alreadyExists(spec.label, request.wantedId, "input.id")]);
  const errors = unknownReferences(spec, request.change, created.missing, "input");
  if (errors.length) throw new Rollback(errors);
  if (!created.props) throw new Error(`The create of a ${spec.label} wrote nothing and gave no reason.`);
  if (key) keyStored(tx, created.id);
  await aggregatesFollow(tx, spec.label, created.id);
  return created.props;
}

/** NOT_FOUND for the relation fields with unknown keys, in the order of the input. */
function unknownReferences(
  spec: NodeSpec,
  change: NodeChange,
  missing: Record<string, string[]>,
  path: string,
): UserError[] {
  return Object.keys(change.relations).flatMap((field) => {
    const relation = spec.relations[field];
    const keys = missing[field] ?? [];
    if (!relation || keys.length === 0) return [];
    const what = relation.target === "Place" ? "place" : relation.target;
    return [notFound(fieldPath(path, relation.inputField ?? field), what, keys)];
  });
}

export interface UpdateRequest {
  action: string;
  actor: User;
  id: string;
  expectedVersion: number;
  change: NodeChange;
  now: string;
  /** Extra check on the locked node (e.g. ownership); throws to refuse. */
  authorize?: (tx: ManagedTransaction, before: Props) => Promise<void>;
  /** Where the relation fields sit in the arguments (user error fields); default "input". */
  path?: string;
}

/**
 * Locks the node, checks the version, applies what differs: two statements, the lock (with the caller's
 * check of the locked node after it) and the rest (update.writer.ts). A change that changes nothing
 * keeps the version and leaves no audit event; otherwise the version counts up by one.
 */
export async function updateAudited(
  tx: ManagedTransaction,
  spec: NodeSpec,
  request: UpdateRequest,
): Promise<{ props: Props; changed: string[] }> {
  const before = await lockVersion(tx, spec.label, request.id, request.expectedVersion);
  await request.authorize?.(tx, before);
  const changedProps = changedProperties(before, request.change.props);
  const patch: Record<string, PropValue> = Object.fromEntries(
    changedProps.map((k) => [k, request.change.props[k] ?? null]),
  );
  const name = patch[spec.nameProperty];
  if (typeof name === "string") Object.assign(patch, nameKeys(name));
  const updated = await runUpdate(tx, spec, {
    id: request.id,
    fields: Object.keys(request.change.relations),
    refs: request.change.relations,
    patch,
    changedProps,
    now: request.now,
    audit: { action: request.action, actor: request.actor },
  });
  const errors = unknownReferences(spec, request.change, updated.missing, request.path ?? "input");
  if (errors.length) throw new Rollback(errors);
  if (updated.changed.length > 0) await aggregatesFollow(tx, spec.label, request.id);
  return { props: updated.props ?? before, changed: updated.changed };
}

export interface DeleteRequest {
  action: string;
  actor: User;
  id: string;
  expectedVersion: number;
  now: string;
  authorize?: (tx: ManagedTransaction, before: Props) => Promise<void>;
}

/** Deletes the node and its relationships; the audit event keeps the fact (not the content). */
export async function deleteAudited(
  tx: ManagedTransaction,
  spec: NodeSpec,
  request: DeleteRequest,
): Promise<void> {
  const before = await lockVersion(tx, spec.label, request.id, request.expectedVersion);
  await request.authorize?.(tx, before);
  await deleteNode(tx, spec.label, request.id, {
    actor: auditActor(request.action, request.actor),
    now: request.now,
  });
  await aggregatesFollow(tx, spec.label, request.id);
}

/**
 * The maintained aggregates follow the write in its transaction (decision 0048). Writes whose audit
 * event is written inline (create, update, delete statements) call this; `recordAudit` does it for the
 * writes that record their audit separately.
 */
async function aggregatesFollow(tx: ManagedTransaction, label: string, id: string): Promise<void> {
  if (isSourceLabel(label)) await maintainAggregates(tx, [{ label, id }]);
}
