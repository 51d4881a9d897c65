import type { Database } from "../../src/db/database";
import { loadSyntheticReference, removeSynthetic, writeSynthetic } from "../../src/seed/synthetic.store";
import { generateSynthetic, type SyntheticReference } from "../../src/seed/synthetic";

/**
 * A synthetic graph on topics of its own ("syn-…": other synthetic loads never draw them) over the
 * real places, so that its organisations never show up in other files' questions about the seed's
 * topics, and every match of its topics is its own.
 */
export interface OwnTopicGraph {
  /** The root topics' ids. */
  roots: string[];
  /** Adds `organisations` more (ids starting with `prefix`, which must start with "syn-"). */
  add(organisations: number, seed: number, prefix: string): Promise<void>;
  /** Removes everything added and the topics. */
  remove(): Promise<void>;
}

/** Creates the topic tree (keys like "r1", "r1-a": the dash names the broader one) under `prefix`. */
export async function ownTopicGraph(db: Database, prefix: string, keys: string[]): Promise<OwnTopicGraph> {
  const tree = keys.map((k) => ({
    id: `${prefix}topic-${k}`,
    name: `Thema ${k}`,
    broader: k.includes("-") ? `${prefix}topic-${k.slice(0, k.lastIndexOf("-"))}` : null,
  }));
  await db.write((tx) =>
    tx.run(
      `UNWIND $tree AS t CREATE (:Topic {id: t.id, name: t.name, nameKey: t.id, sortKey: t.id})
       WITH collect(t) AS tree UNWIND tree AS t
       MATCH (n:Topic {id: t.id}), (b:Topic {id: t.broader}) CREATE (n)-[:SUBTOPIC_OF]->(b)`,
      { tree },
    ),
  );
  const reference: SyntheticReference = { ...(await loadSyntheticReference(db)), topics: tree };
  const prefixes: string[] = [];
  return {
    roots: tree.filter((t) => t.broader === null).map((t) => t.id),
    async add(organisations, seed, orgPrefix) {
      prefixes.push(orgPrefix);
      await writeSynthetic(db, generateSynthetic(reference, { organisations, seed, prefix: orgPrefix }));
    },
    async remove() {
      for (const p of prefixes) await removeSynthetic(db, p);
      await db.write((tx) =>
        tx.run("MATCH (t:Topic) WHERE t.id STARTS WITH $prefix DETACH DELETE t", { prefix }),
      );
    },
  };
}
