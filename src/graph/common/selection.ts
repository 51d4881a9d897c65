import { type GraphQLResolveInfo, getNamedType, isObjectType } from "graphql";
import { collectSubfields } from "graphql/execution/collectFields";

/**
 * Whether the client selected `name` directly under the field being resolved (through aliases,
 * fragments and @include/@skip, as graphql-js itself collects them). Lets a resolver fetch a total in
 * the same query as its page instead of a second round trip later.
 */
export function selectsField(info: GraphQLResolveInfo, name: string): boolean {
  const type = getNamedType(info.returnType);
  if (!isObjectType(type)) return false;
  const fields = collectSubfields(info.schema, info.fragments, info.variableValues, type, info.fieldNodes);
  for (const nodes of fields.values()) if (nodes.some((n) => n.name.value === name)) return true;
  return false;
}
