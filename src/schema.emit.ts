import "reflect-metadata";
import { writeFileSync } from "node:fs";
import { printSchemaFile } from "./schema.print";
import { createSchema } from "./schema";
import { projectPath } from "./paths";

/** `npm run schema:emit`: writes schema/schema.graphql from the code. */
async function main(): Promise<void> {
  const file = projectPath("schema/schema.graphql");
  writeFileSync(file, printSchemaFile(await createSchema()));
  console.log(`wrote ${file}`);
}

void main();
