import { readFileSync } from "node:fs";
import { createSchema } from "../../src/schema";
import { printSchemaFile } from "../../src/schema.print";

describe("the committed schema", () => {
  it("is the one the code emits (run `npm run schema:emit` when this fails)", async () => {
    const committed = readFileSync("schema/schema.graphql", "utf8");
    expect(printSchemaFile(await createSchema())).toBe(committed);
  });
});
