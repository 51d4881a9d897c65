import { type GraphQLSchema, lexicographicSortSchema, printSchema } from "graphql";

const HEADER =
  "# Emitted from the code by `npm run schema:emit`. Do not edit; a test fails when it is stale.\n\n";

export function printSchemaFile(schema: GraphQLSchema): string {
  return `${HEADER}${printSchema(lexicographicSortSchema(schema))}\n`;
}
