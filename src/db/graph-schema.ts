import { readFileSync } from "node:fs";
import { projectPath } from "../paths";
import type { Database } from "./database";

const SCHEMA_FILE = projectPath("schema/graph-schema.cypher");

/** The statements of schema/graph-schema.cypher, comments removed. */
export function graphSchemaStatements(file = SCHEMA_FILE): string[] {
  const text = readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => !line.trim().startsWith("//"))
    .join("\n");
  return text
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Creates constraints and indexes (idempotent) and waits until the indexes are online. */
export async function applyGraphSchema(db: Database): Promise<number> {
  const statements = graphSchemaStatements();
  for (const statement of statements) {
    await db.write((tx) => tx.run(statement));
  }
  await db.write((tx) => tx.run("CALL db.awaitIndexes(300)"), 310_000);
  return statements.length;
}
