import type { Database } from "../../src/db/database";
import { nameKeys } from "../../src/domain";

/**
 * Records the auth, mutation, privacy and abuse tests write: every id starts with the test's own prefix,
 * and only those records (and the audit events about them) are removed afterwards.
 */
export interface Fixture {
  prefix: string;
  /** The organisation "own" members act for; it shared `experience` and takes part in `initiative`. */
  own: string;
  other: string;
  experience: string;
  initiative: string;
  event: string;
}

/** The own organisation's name: unique per prefix, so that name filters find only it. */
export function ownName(prefix: string): string {
  return `Eigen vereniging ${prefix}`;
}

export const CONTACT = { email: "info@fixture.example", phone: "+31 30 123 45 67" };

export async function createFixture(db: Database, prefix: string): Promise<Fixture> {
  const f: Fixture = {
    prefix,
    own: `${prefix}-own`,
    other: `${prefix}-other`,
    experience: `${prefix}-ervaring`,
    initiative: `${prefix}-initiatief`,
    event: `${prefix}-bijeenkomst`,
  };
  // Every named node carries the keys the write paths store (nameKey, sortKey), so that no start-up
  // backfill of another test's server process changes a fixture between two snapshots.
  const named = (name: string) => ({ name, ...nameKeys(name) });
  await db.write((tx) =>
    tx.run(
      `CREATE (a:Organisation {id: $own, kind: 'patiëntenvereniging', scope: 'LOCAL', status: 'ACTIVE',
                               contactEmail: $email, contactPhone: $phone}) SET a += $ownNames
       CREATE (b:Organisation {id: $other, kind: 'adviesraad', scope: 'LOCAL', status: 'ACTIVE', contactEmail: $email})
         SET b += $otherNames
       CREATE (x:Experience {id: $experience, title: $experienceTitle, summary: 'Wat we leerden.', kind: 'LESSON'})
         SET x += $experienceKeys
       CREATE (i:Initiative {id: $initiative, kind: 'project', status: 'ACTIVE'}) SET i += $initiativeNames
       CREATE (e:Event {id: $event, kind: 'bijeenkomst'}) SET e += $eventNames
       CREATE (a)-[:SHARED]->(x), (a)-[:PARTICIPATES_IN {role: 'PARTNER'}]->(i), (e)-[:PART_OF]->(i)
       WITH a MATCH (t:Topic {id: 'openbare-toiletten'}) CREATE (a)-[:WORKS_ON]->(t)`,
      {
        ...f,
        ownNames: named(ownName(prefix)),
        otherNames: named("Andere vereniging"),
        experienceTitle: "Een ervaring",
        experienceKeys: nameKeys("Een ervaring"),
        initiativeNames: named("Een initiatief"),
        eventNames: named("Een bijeenkomst"),
        email: CONTACT.email,
        phone: CONTACT.phone,
      },
    ),
  );
  return f;
}

const OWN_NODES = `MATCH (n) WHERE (n:Organisation OR n:Experience OR n:Initiative OR n:Event) AND n.id STARTS WITH $prefix`;

export async function removeFixture(db: Database, prefix: string): Promise<void> {
  await db.write(async (tx) => {
    await tx.run(`${OWN_NODES} DETACH DELETE n`, { prefix });
    await tx.run(`MATCH (a:AuditEvent) WHERE a.targetId STARTS WITH $prefix DELETE a`, { prefix });
  });
}

/** Everything the prefix owns: nodes with their properties and relationships, and the audit events about them. */
export async function snapshot(db: Database, prefix: string): Promise<unknown> {
  const nodes = await db.read(
    `${OWN_NODES}
     OPTIONAL MATCH (n)-[r]-(m)
     WITH n, r, m ORDER BY type(r), coalesce(m.id, m.code)
     WITH n, collect(CASE WHEN r IS NULL THEN null ELSE
       {type: type(r), outgoing: startNode(r) = n, other: coalesce(m.id, m.code), props: properties(r)} END) AS rels
     RETURN n.id AS id, labels(n) AS labels, properties(n) AS props, rels ORDER BY id`,
    { prefix },
  );
  const audit = await db.read(
    `MATCH (a:AuditEvent) WHERE a.targetId STARTS WITH $prefix RETURN count(a) AS n`,
    {
      prefix,
    },
  );
  return { nodes, audit: audit[0]?.n };
}

export async function auditEvents(db: Database, targetId: string): Promise<Record<string, unknown>[]> {
  const rows = await db.read(
    `MATCH (a:AuditEvent {targetId: $targetId}) RETURN properties(a) AS p ORDER BY a.at, a.action`,
    { targetId },
  );
  return rows.map((r) => r.p as Record<string, unknown>);
}
