import fc from "fast-check";
import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  getNamedType,
  isAbstractType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from "graphql";

/** A request the fuzzer sends: the JSON body of a POST to /graphql. */
export interface FuzzRequest {
  body: Record<string, unknown>;
  /** The root fields it asks for (mutations among them are refused for anonymous callers). */
  mutation: boolean;
}

/** Marks every free text the fuzzer invents, so that a test can prove none of it was ever stored. */
export const FUZZ_MARKER = "fz9q";

/** Real keys of the seed graph, so that generated requests also reach data, not only NOT_FOUND. */
const KNOWN_KEYS = [
  "iederin",
  "crohn-colitis-nl",
  "toegankelijkheid",
  "openbare-toiletten",
  "GM0363",
  "GM1702",
  "PV30",
  "Noord-Brabant",
  "Sint Anthonis",
  "Arnhem",
  "toiletalliantie",
];

/** Values that must never end up in a log line (see the privacy test). */
export const PLANTED = {
  email: `${FUZZ_MARKER}.jansen@example.nl`,
  bsn: "123456782",
  text: `${FUZZ_MARKER} mijn dochter heeft sinds 2019 een chronische ziekte en woont in Apeldoorn`,
};

const freeText = fc.oneof(
  fc.string({ maxLength: 12 }).map((s) => `${FUZZ_MARKER}${s}`),
  fc.constantFrom(PLANTED.email, PLANTED.bsn, PLANTED.text, "", " ", "%", "*", "'\"\\", "\u0000x", "é"),
  fc.string({ maxLength: 300, unit: "binary" }),
);

const stringValue = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...KNOWN_KEYS) },
  { weight: 2, arbitrary: freeText },
);

const BAD_LEAF = fc.oneof(
  fc.constant(null),
  fc.constant("ten"),
  fc.constant(3.7),
  fc.constant({ nested: true }),
  fc.constant([1, 2]),
  fc.constant(PLANTED.email),
);

/** A JSON value for an input type: mostly valid, sometimes wrong. */
function inputValue(type: GraphQLInputType, depth: number): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return inputValue(type.ofType, depth);
  if (isListType(type)) return fc.array(inputValue(type.ofType, depth + 1), { maxLength: depth > 2 ? 1 : 3 });
  if (isEnumType(type)) {
    return fc.oneof(
      { weight: 9, arbitrary: fc.constantFrom(...type.getValues().map((v) => v.name)) },
      { weight: 1, arbitrary: fc.constant("NOT_A_VALUE") },
    );
  }
  if (isInputObjectType(type)) {
    if (depth > 3) return fc.constant({});
    const fields = Object.values(type.getFields());
    const entries = fields.map((f) =>
      isNonNullType(f.type)
        ? inputValue(f.type, depth + 1).map((v) => [f.name, v] as const)
        : fc.option(
            inputValue(f.type, depth + 1).map((v) => [f.name, v] as const),
            { freq: 2, nil: undefined },
          ),
    );
    return fc
      .tuple(...entries, fc.option(fc.constant(["unknownField", 1] as const), { freq: 40, nil: undefined }))
      .map((pairs) =>
        Object.fromEntries(pairs.filter((p): p is readonly [string, unknown] => p !== undefined)),
      );
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case "Int":
        return fc.oneof(fc.integer({ min: -3, max: 120 }), fc.constantFrom(0, 2_147_483_647, -2_147_483_648));
      case "Float":
        return fc.oneof(fc.double({ min: -200, max: 200, noNaN: true }), fc.constantFrom(52.1, 5.3, 25));
      case "Boolean":
        return fc.boolean();
      case "DateTimeISO":
      case "Date":
      case "LocalDate":
        return fc.oneof(fc.constantFrom("2024-05-01", "2024-05-01T10:00:00Z", "1900-01-01"), freeText);
      default:
        return stringValue;
    }
  }
  return fc.constant(null);
}

/** GraphQL literal text for a JSON value of an input type. */
function literal(type: GraphQLInputType, value: unknown): string {
  if (value === null || value === undefined) return "null";
  const named = getNamedType(type);
  if (Array.isArray(value)) {
    const item = isListType(isNonNullType(type) ? type.ofType : type)
      ? ((isNonNullType(type) ? type.ofType : type) as { ofType: GraphQLInputType }).ofType
      : type;
    return `[${value.map((v) => literal(item, v)).join(", ")}]`;
  }
  if (typeof value === "object") {
    const fields = isInputObjectType(named) ? named.getFields() : {};
    return `{${Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${k}: ${literal(fields[k]?.type ?? type, v)}`)
      .join(", ")}}`;
  }
  if (isEnumType(named) && typeof value === "string" && /^[A-Z_][A-Z0-9_]*$/.test(value)) return value;
  return JSON.stringify(value);
}

interface Built {
  text: string;
  variables: Record<string, unknown>;
  definitions: string[];
}

/** Arguments of one field: some as literals, some as variables (sometimes with a value of the wrong type). */
function argumentsOf(args: readonly GraphQLArgument[], built: Built): fc.Arbitrary<() => string> {
  if (!args.length) return fc.constant(() => "");
  const parts = args.map((arg) =>
    fc.record({
      present: isNonNullType(arg.type) ? fc.boolean().map((b) => b || Math.random() > 0.05) : fc.boolean(),
      value: inputValue(arg.type, 0),
      asVariable: fc.boolean(),
      wrong: fc.option(BAD_LEAF, { freq: 40, nil: undefined }),
    }),
  );
  return fc.tuple(...parts).map((chosen) => () => {
    const text = chosen
      .map((c, i) => {
        const arg = args[i] as GraphQLArgument;
        if (!c.present) return "";
        if (!c.asVariable) return `${arg.name}: ${literal(arg.type, c.value)}`;
        const name = `v${built.definitions.length}`;
        built.definitions.push(`$${name}: ${String(arg.type)}`);
        built.variables[name] = c.wrong !== undefined ? c.wrong : c.value;
        return `${arg.name}: $${name}`;
      })
      .filter(Boolean)
      .join(", ");
    return text ? `(${text})` : "";
  });
}

/** A selection set for an output type, at most `depth` levels deep. */
function selection(type: GraphQLOutputType, depth: number, built: Built): fc.Arbitrary<() => string> {
  const named: GraphQLNamedType = getNamedType(type);
  if (isLeafType(named)) return fc.constant(() => "");
  if (isAbstractType(named)) {
    return fc.constant(() => "{ __typename }");
  }
  if (!isObjectType(named)) return fc.constant(() => "");
  const fields = Object.values((named as GraphQLObjectType).getFields());
  const leaves = fields.filter(
    (f) => isLeafType(getNamedType(f.type)) && !f.args.some((a) => isNonNullType(a.type)),
  );
  const nested = depth > 0 ? fields : [];
  const pick = fc.tuple(
    fc.subarray(leaves.length ? leaves : fields.slice(0, 1), {
      minLength: 1,
      maxLength: Math.min(3, Math.max(1, leaves.length)),
    }),
    fc.subarray(nested, { maxLength: Math.min(2, nested.length) }),
    fc.boolean(),
  );
  return pick.chain(([leafFields, nestedFields, alias]) =>
    fc
      .tuple(
        ...nestedFields.map((f: GraphQLField<unknown, unknown>) =>
          fc.tuple(argumentsOf(f.args, built), selection(f.type, depth - 1, built)),
        ),
      )
      .map((subs) => () => {
        const inner = [
          ...(leaves.length
            ? leafFields.map((f, i) => (alias && i === 0 ? `a${depth}: ${f.name}` : f.name))
            : ["__typename"]),
          ...subs.map(([args, sel], i) => {
            const sub = sel();
            const field = nestedFields[i] as GraphQLField<unknown, unknown>;
            if (!sub && !isLeafType(getNamedType(field.type))) return "__typename";
            return `${field.name}${args()} ${sub}`;
          }),
        ];
        return `{ ${inner.join(" ")} }`;
      }),
  );
}

/** Requests that are broken before GraphQL even starts: syntax, shape, names. */
const brokenRequest: fc.Arbitrary<FuzzRequest> = fc.oneof(
  fc.string({ maxLength: 80 }).map((query) => ({ body: { query }, mutation: false })),
  fc.constant({ body: {}, mutation: false }),
  fc.constant({ body: { query: "{ provinces { name } }", variables: "not an object" }, mutation: false }),
  fc.constant({ body: { query: "{ provinces { name } }", operationName: "Missing" }, mutation: false }),
  fc.constant({
    body: { query: "query A { provinces { name } } query B { provinces { code } }" },
    mutation: false,
  }),
  fc.constant({ body: { query: 42 }, mutation: false }),
  fc.constant({ body: { query: "{ unknownField }" }, mutation: false }),
  fc.constant({
    body: {
      query: `{ ${"organisations { edges { node { memberOf { ".repeat(6)} id ${"} } } }".repeat(6)} }`,
    },
    mutation: false,
  }),
  fc.constant({
    body: {
      query: "{ provinces { name } }",
      extensions: { persistedQuery: { version: 1, sha256Hash: "00" } },
    },
    mutation: false,
  }),
);

/**
 * Schema-driven requests: a root query (or, rarely, a mutation), arguments from the schema's input types,
 * a random selection up to three levels deep, and one request in ten broken on purpose.
 */
export function fuzzRequest(schema: GraphQLSchema): fc.Arbitrary<FuzzRequest> {
  const queryFields = Object.values(schema.getQueryType()?.getFields() ?? {});
  const mutationFields = Object.values(schema.getMutationType()?.getFields() ?? {});
  const operation = (fields: GraphQLField<unknown, unknown>[], kind: "query" | "mutation") =>
    fc.constantFrom(...fields).chain((field) => {
      const built: Built = { text: "", variables: {}, definitions: [] };
      return fc.tuple(argumentsOf(field.args, built), selection(field.type, 2, built)).map(([args, sel]) => {
        built.definitions.length = 0;
        for (const key of Object.keys(built.variables)) delete built.variables[key];
        const body = `${field.name}${args()} ${sel()}`;
        const head = built.definitions.length ? `(${built.definitions.join(", ")})` : "";
        return {
          body: {
            query: `${kind} Fuzz${head} { ${body} }`,
            variables: { ...built.variables },
            operationName: "Fuzz",
          },
          mutation: kind === "mutation",
        };
      });
    });
  return fc.oneof(
    { weight: 16, arbitrary: operation(queryFields, "query") },
    { weight: 2, arbitrary: operation(mutationFields, "mutation") },
    { weight: 2, arbitrary: brokenRequest },
  );
}
