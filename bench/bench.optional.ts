import {
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLOutputType,
  type GraphQLSchema,
  astFromValue,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isNonNullType,
  isObjectType,
  isUnionType,
  print,
} from "graphql";
import type { BenchParams, Operation } from "./bench.operations";

/**
 * Operations colleagues are still building (partnerSuggestions, network): measured only when the served
 * schema has them. Their arguments and selection are derived from the schema, so that the bench keeps
 * running while their shape changes. Ours only: there is no hand-written Cypher or peer query for them.
 */

export const OPTIONAL_FIELDS = ["partnerSuggestions", "network"] as const;

/** How deep the derived selection goes below the root field (leaf fields only at the last level). */
const MAX_DEPTH = 3;

function requiredArg(arg: { type: GraphQLInputType; defaultValue?: unknown }): boolean {
  return isNonNullType(arg.type) && arg.defaultValue === undefined;
}

/** A value for an input type with only its required fields filled in, or undefined when unknown. */
function sampleInput(type: GraphQLInputType, p: BenchParams, name: string): unknown {
  const t = getNullableType(type);
  if (isEnumType(t)) return t.getValues()[0]?.value;
  if (isInputObjectType(t)) {
    const out: Record<string, unknown> = {};
    for (const field of Object.values(t.getFields())) {
      const known = knownArgument(field.name, field.type, p);
      if (known !== undefined) out[field.name] = known;
      else if (requiredArg(field)) {
        const value = sampleInput(field.type, p, field.name);
        if (value === undefined) return undefined;
        out[field.name] = value;
      }
    }
    return out;
  }
  const leaf = getNamedType(t).name;
  if (leaf === "Int") return 10;
  if (leaf === "Boolean") return true;
  if (leaf === "String" || leaf === "ID") return name === "text" ? p.text : undefined;
  return undefined;
}

/** Arguments with a known meaning in this API get the bench's parameters. */
function knownArgument(name: string, type: GraphQLInputType, p: BenchParams): unknown {
  const named = getNamedType(type).name;
  if (name === "organisation" || name === "from") return p.organisation;
  if (name === "topic") return p.topic;
  if (name === "province") return p.province;
  if (name === "place" && named === "PlaceInput") return { province: p.province };
  if (name === "first") return 10;
  return undefined;
}

function selection(type: GraphQLOutputType, depth: number): string {
  const named = getNamedType(type);
  if (isLeafType(named)) return "";
  const leafFieldsOf = (fields: GraphQLField<unknown, unknown>[]): string[] =>
    fields.filter((f) => isLeafType(getNamedType(f.type)) && !f.args.some(requiredArg)).map((f) => f.name);
  if (isUnionType(named)) {
    // Members may share a field name with different types ("kind"): alias them per member.
    const parts = named.getTypes().map((member) => {
      const leaves = leafFieldsOf(Object.values(member.getFields())).map((f) => `${member.name}_${f}: ${f}`);
      return `... on ${member.name} { ${leaves.length ? leaves.join(" ") : "__typename"} }`;
    });
    return `{ __typename ${parts.join(" ")} }`;
  }
  if (!isObjectType(named) && !isInterfaceType(named)) return "";
  const parts: string[] = [];
  for (const field of Object.values(named.getFields())) {
    if (field.args.some(requiredArg)) continue;
    if (isLeafType(getNamedType(field.type))) parts.push(field.name);
    else if (depth + 1 < MAX_DEPTH) parts.push(`${field.name} ${selection(field.type, depth + 1)}`);
  }
  return `{ ${parts.length ? parts.join(" ") : "__typename"} }`;
}

/** The size of a derived answer: a list's length, or the length of its first list field. */
function sizeOf(value: unknown): number | undefined {
  if (Array.isArray(value)) return value.length;
  if (value && typeof value === "object") {
    for (const v of Object.values(value)) if (Array.isArray(v)) return v.length;
  }
  return undefined;
}

/** An operation for a root query field derived from the schema, or a reason why it cannot be built. */
export function derivedOperation(schema: GraphQLSchema, name: string): Operation | string | undefined {
  const field = schema.getQueryType()?.getFields()[name];
  if (!field) return undefined;
  const build = (p: BenchParams): string | undefined => {
    const args: string[] = [];
    for (const arg of field.args) {
      let value = knownArgument(arg.name, arg.type, p);
      if (value === undefined && requiredArg(arg)) value = sampleInput(arg.type, p, arg.name);
      // A filter narrows to the bench's topic and place (a coordinator's regional question), not everything.
      if (value === undefined && arg.name === "filter" && isInputObjectType(getNullableType(arg.type))) {
        const filter = sampleInput(arg.type, p, arg.name);
        if (filter && typeof filter === "object" && Object.keys(filter).length > 0) value = filter;
      }
      if (value === undefined) {
        if (requiredArg(arg)) return undefined;
        continue;
      }
      const ast = astFromValue(value, arg.type);
      if (!ast) return undefined;
      args.push(`${arg.name}: ${print(ast)}`);
    }
    return `query ${name[0]?.toUpperCase()}${name.slice(1)} { ${name}${args.length ? `(${args.join(", ")})` : ""} ${selection(field.type, 0)} }`;
  };
  const probe = build({
    organisation: "x",
    topic: "x",
    province: "PV20",
    municipality: "GM0000",
    near: { lat: 52, lon: 5, radiusKm: 10 },
    text: "x",
  });
  if (!probe) return `${name}: a required argument has no sample value`;
  return {
    name,
    title: `${name} (arguments and selection derived from the schema)`,
    growth: "growing",
    nested: false,
    ours: (p) => ({ query: build(p) ?? "", variables: {} }),
    size: {
      ours: (data) => sizeOf((data as Record<string, unknown> | null)?.[name]),
      raw: () => undefined,
      peer: () => undefined,
    },
  };
}
