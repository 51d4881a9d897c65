import { createHash } from "node:crypto";
import { Neo4jError, type ManagedTransaction } from "neo4j-driver";
import type { Queryable } from "../../db/database";

/** How long a key is remembered: long enough for any client's retries, short enough to stay small. */
export const IDEMPOTENCY_TTL_HOURS = 24;

export interface IdempotencyRecord {
  fingerprint: string;
  ref: string;
}

const sha256 = (text: string): string => createHash("sha256").update(text, "utf8").digest("hex");

/** The stored id of a key: hashed, so that neither the key nor the caller is readable in the graph. */
export function idempotencyScope(caller: string, operation: string, key: string): string {
  return sha256(`${caller}\u0000${operation}\u0000${key}`);
}

/** What the request asked for: a retry must ask for exactly the same. */
export function requestFingerprint(input: unknown): string {
  return sha256(JSON.stringify(input ?? null));
}

/** A uniqueness violation on an idempotency key (a concurrent request with the same key won). */
export function isKeyCollision(error: unknown): boolean {
  return (
    error instanceof Neo4jError &&
    error.code === "Neo.ClientError.Schema.ConstraintValidationFailed" &&
    error.message.includes("IdempotencyKey")
  );
}

export class IdempotencyRepository {
  constructor(private readonly db: Queryable) {}

  async find(scope: string): Promise<IdempotencyRecord | null> {
    const rows = await this.db.read(
      `MATCH (k:IdempotencyKey {id: $scope}) WHERE k.expiresAt > datetime()
       RETURN k.fingerprint AS fingerprint, k.ref AS ref`,
      { scope },
    );
    const row = rows[0];
    return row ? { fingerprint: String(row.fingerprint), ref: String(row.ref) } : null;
  }

  /** The properties of the node a replayed create answers with. */
  async nodeProps(label: string, id: string): Promise<Record<string, unknown> | null> {
    const rows = await this.db.read(
      `MATCH (n {id: $id}) WHERE $label IN labels(n) RETURN properties(n) AS props`,
      {
        id,
        label,
      },
    );
    return (rows[0]?.props as Record<string, unknown> | undefined) ?? null;
  }
}

/** A key to store with a write: the reference to the result is added by whoever stores it. */
export interface PendingKey {
  scope: string;
  fingerprint: string;
}

interface Offer {
  key: PendingKey;
  /** Set once a write stored the key (with this reference) in its own statement. */
  storedRef?: string;
}

/**
 * Keys offered to the write running in a transaction. A create stores the key in its one statement (its
 * node id is the reference), so that a keyed create needs no statement of its own for the key; the runner
 * stores the key itself when nothing took it.
 */
const offers = new WeakMap<ManagedTransaction, Offer>();

export function offerKey(tx: ManagedTransaction, key: PendingKey): void {
  offers.set(tx, { key });
}

/** The key offered to this transaction that no write stored yet. */
export function pendingKey(tx: ManagedTransaction): PendingKey | null {
  const offer = offers.get(tx);
  return offer && offer.storedRef === undefined ? offer.key : null;
}

export function keyStored(tx: ManagedTransaction, ref: string): void {
  const offer = offers.get(tx);
  if (offer) offer.storedRef = ref;
}

/** The reference a write stored the offered key with, if one did. */
export function storedKeyRef(tx: ManagedTransaction): string | undefined {
  return offers.get(tx)?.storedRef;
}

/** Stores the key in the write's own transaction: the key exists exactly when the write committed. */
export async function recordKey(
  tx: ManagedTransaction,
  scope: string,
  record: IdempotencyRecord,
): Promise<void> {
  await tx.run(
    `CREATE (:IdempotencyKey {id: $scope, fingerprint: $fingerprint, ref: $ref,
       expiresAt: datetime() + duration({hours: $ttl})})
     WITH 1 AS done
     CALL () {
       MATCH (old:IdempotencyKey) WHERE old.expiresAt < datetime()
       WITH old LIMIT 20 DETACH DELETE old
     }`,
    { scope, ...record, ttl: IDEMPOTENCY_TTL_HOURS },
  );
}
