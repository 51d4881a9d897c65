import type { ManagedTransaction } from "neo4j-driver";
import type { User } from "../../auth/auth.user";
import { recordAudit } from "./audit.writer";
import type { Props } from "./node.repository";
import {
  type NodeChange,
  type NodeSpec,
  changedProperties,
  chooseId,
  createNode,
  deleteNode,
  lockVersion,
  readNode,
  resolveReferences,
  updateNode,
  writeRelations,
} from "./node.writer";

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
  /** Extra writes on the new node in the same transaction (e.g. who shared it); returns changed fields. */
  extra?: (tx: ManagedTransaction, id: string) => Promise<string[]>;
}

export async function createAudited(
  tx: ManagedTransaction,
  spec: NodeSpec,
  request: CreateRequest,
): Promise<Props> {
  const id = await chooseId(tx, spec.label, request.wantedId, request.suffixOnCollision, "input.id");
  const resolved = await resolveReferences(tx, spec, request.change, "input");
  await createNode(tx, spec, id, request.change.props, request.now);
  const relations = await writeRelations(tx, spec, id, resolved, true);
  const extra = (await request.extra?.(tx, id)) ?? [];
  const fields = Object.entries(request.change.props)
    .filter(([, v]) => v !== null)
    .map(([k]) => k);
  await recordAudit(
    tx,
    request.actor,
    [
      {
        action: request.action,
        targetType: spec.label,
        targetId: id,
        changedFields: [...fields, ...relations, ...extra],
      },
    ],
    request.now,
  );
  return readNode(tx, spec.label, id);
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
 * Locks the node, checks the version, applies what differs. A change that changes nothing keeps the
 * version and leaves no audit event; otherwise the version counts up by one.
 */
export async function updateAudited(
  tx: ManagedTransaction,
  spec: NodeSpec,
  request: UpdateRequest,
): Promise<{ props: Props; changed: string[] }> {
  const before = await lockVersion(tx, spec.label, request.id, request.expectedVersion);
  await request.authorize?.(tx, before);
  const resolved = await resolveReferences(tx, spec, request.change, request.path ?? "input");
  const properties = changedProperties(before, request.change.props);
  const relations = await writeRelations(tx, spec, request.id, resolved);
  const changed = [...properties, ...relations];
  if (changed.length === 0) return { props: before, changed };
  const patch = Object.fromEntries(properties.map((k) => [k, request.change.props[k] ?? null]));
  await updateNode(tx, spec, request.id, patch, request.now);
  await recordAudit(
    tx,
    request.actor,
    [{ action: request.action, targetType: spec.label, targetId: request.id, changedFields: changed }],
    request.now,
  );
  return { props: await readNode(tx, spec.label, request.id), changed };
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
  await deleteNode(tx, spec.label, request.id);
  await recordAudit(
    tx,
    request.actor,
    [{ action: request.action, targetType: spec.label, targetId: request.id, changedFields: ["deleted"] }],
    request.now,
  );
}
