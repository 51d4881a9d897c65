import fc from "fast-check";
import {
  type DocumentNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  GraphQLError,
  type OperationDefinitionNode,
  NoUnusedFragmentsRule,
  NoUnusedVariablesRule,
  getNamedType,
  getVariableValues,
  isAbstractType,
  isCompositeType,
  isEnumType,
  isInterfaceType,
  isLeafType,
  isNonNullType,
  isObjectType,
  isScalarType,
  parse,
  specifiedRules,
  validate,
} from "graphql";
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from "graphql-query-complexity";
import { createSchema } from "../../src/schema";
import { OperationCache, operationCost } from "../../src/server/cost";
import { fuzzRequest } from "../support/fuzz.generator";

/**
 * The cost analysis prices the one walk of the selection (src/planner/planner.walk.ts) with today's
 * prices. graphql-query-complexity, which priced operations before, is the independent oracle here:
 * on operations generated from the schema (fields, arguments as literals and variables, aliases,
 * fields selected twice, inline and named fragments on objects, interfaces and unions, @include/@skip)
 * both must give the same number, and refuse the same operations.
 */

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await createSchema();
});

const oracle = (
  document: DocumentNode,
  operationName: string | undefined,
  variables: Record<string, unknown>,
) =>
  getComplexity({
    schema,
    query: document,
    operationName,
    variables,
    estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
  });

/** Generated documents may leave a fragment or variable unused; everything else must validate. */
const RULES = specifiedRules.filter((r) => r !== NoUnusedVariablesRule && r !== NoUnusedFragmentsRule);

/** Compares both on one request; false when the request is not a valid operation (not compared). */
function compareOne(
  query: string,
  operationName: string | undefined,
  variables: Record<string, unknown>,
): boolean {
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch {
    return false;
  }
  if (validate(schema, document, RULES).length > 0) return false;
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode =>
      d.kind === "OperationDefinition" && (!operationName || d.name?.value === operationName),
  );
  // The service names the operation to run (Apollo refuses several without operationName).
  const operation = operations[0];
  if (!operation || operations.length > 1) return false;
  if (getVariableValues(schema, operation.variableDefinitions ?? [], variables).errors) return false;
  let expected: number | Error;
  try {
    expected = oracle(document, operationName, variables);
  } catch (error) {
    expected = error as Error;
  }
  if (expected instanceof Error) {
    // The oracle refuses (too many nodes, a null argument): so does the walk, with a coded error.
    expect(() => operationCost(schema, document, operationName, variables)).toThrow(GraphQLError);
  } else {
    expect(operationCost(schema, document, operationName, variables)).toBe(expected);
  }
  return true;
}

// ---------------------------------------------------------------- a generator with fragments

interface Piece {
  text: string;
  /** Named fragment definitions the text spreads. */
  fragments: string[];
}

const KEYS = ["iederin", "wonen", "GM0363", "PV30", "toiletalliantie"];
const DIRECTIVES = [
  "",
  "",
  "",
  " @include(if: $yes)",
  " @skip(if: $yes)",
  " @include(if: $no)",
  " @skip(if: false)",
];

/** A literal for a required scalar or enum argument; undefined: the field is not generated. */
function requiredLiteral(field: GraphQLField<unknown, unknown>, index: number): string | undefined {
  const parts: string[] = [];
  for (const arg of field.args) {
    if (!isNonNullType(arg.type) || arg.defaultValue !== undefined) continue;
    const named = getNamedType(arg.type);
    if (isEnumType(named)) parts.push(`${arg.name}: ${named.getValues()[0]!.name}`);
    else if (isScalarType(named) && ["ID", "String"].includes(named.name))
      parts.push(`${arg.name}: "${KEYS[index % KEYS.length]}"`);
    else if (isScalarType(named) && named.name === "Int") parts.push(`${arg.name}: 3`);
    else return undefined;
  }
  return parts.join(", ");
}

/** Arguments of a field: the required ones, and `first`/`last`/`depth`/`maxNodes` as literals or `$n`. */
function argumentsOf(field: GraphQLField<unknown, unknown>): fc.Arbitrary<string> | undefined {
  const optional = field.args.filter(
    (a) => ["first", "last", "depth", "maxNodes"].includes(a.name) && !isNonNullType(a.type),
  );
  return fc
    .tuple(
      fc.nat(KEYS.length),
      fc.subarray(optional, { maxLength: Math.min(1, optional.length) }),
      fc.oneof(fc.integer({ min: 0, max: 150 }).map(String), fc.constant("$n")),
    )
    .map(([key, picked, value]) => {
      const required = requiredLiteral(field, key) ?? "";
      const parts = [required, ...picked.map((a) => `${a.name}: ${value}`)].filter(Boolean);
      return parts.length ? `(${parts.join(", ")})` : "";
    });
}

const generatable = (field: GraphQLField<unknown, unknown>) => requiredLiteral(field, 0) !== undefined;

/** A selection set on `type`: fields (aliased, twice, with directives), inline and named fragments. */
function selectionOf(type: GraphQLCompositeType, depth: number): fc.Arbitrary<Piece> {
  const own = isObjectType(type) || isInterfaceType(type) ? Object.values(type.getFields()) : [];
  const leaves = own.filter((f) => isLeafType(getNamedType(f.type)) && generatable(f));
  const nested = depth > 0 ? own.filter((f) => isCompositeType(getNamedType(f.type)) && generatable(f)) : [];
  // Fragments on the possible types of an abstract type; on an object type, on itself or its interfaces.
  const conditions: GraphQLCompositeType[] = isAbstractType(type)
    ? [...schema.getPossibleTypes(type)]
    : [type, ...(isObjectType(type) ? type.getInterfaces() : [])];

  const leaf = leaves.length
    ? fc
        .tuple(
          fc.constantFrom(...leaves),
          fc.constantFrom("", "", "x: ", "y: "),
          fc.constantFrom(...DIRECTIVES),
        )
        .map(([f, alias, directive]): Piece => ({ text: `${alias}${f.name}${directive}`, fragments: [] }))
    : fc.constant<Piece>({ text: "__typename", fragments: [] });
  const items: fc.Arbitrary<Piece>[] = [leaf, fc.constant<Piece>({ text: "__typename", fragments: [] })];
  if (nested.length) {
    items.push(
      fc.constantFrom(...nested).chain((f) =>
        fc
          .tuple(
            argumentsOf(f) ?? fc.constant(""),
            fc.constantFrom("", "", "p: "),
            fc.constantFrom(...DIRECTIVES),
            selectionOf(getNamedType(f.type) as GraphQLCompositeType, depth - 1),
          )
          .map(([args, alias, directive, sub]) => ({
            text: `${alias}${f.name}${args}${directive} { ${sub.text} }`,
            fragments: sub.fragments,
          })),
      ),
    );
  }
  if (depth > 0 && conditions.length) {
    items.push(
      fc
        .tuple(
          fc.constantFrom(...conditions),
          fc.constantFrom("inline", "inline", "named", "bare"),
          fc.constantFrom(...DIRECTIVES),
          fc.nat(1_000_000),
        )
        .chain(([on, how, directive, id]) =>
          selectionOf(on, depth - 1).map((sub): Piece => {
            if (how === "bare" && !isAbstractType(type))
              return { text: `...${directive} { ${sub.text} }`, fragments: sub.fragments };
            if (how !== "named")
              return { text: `... on ${on.name}${directive} { ${sub.text} }`, fragments: sub.fragments };
            const name = `F${id}`;
            return {
              text: `...${name}${directive}`,
              fragments: [...sub.fragments, `fragment ${name} on ${on.name} { ${sub.text} }`],
            };
          }),
        ),
    );
  }
  return fc.array(fc.oneof(...items), { minLength: 1, maxLength: 4 }).map((pieces) => ({
    text: pieces.map((p) => p.text).join(" "),
    fragments: pieces.flatMap((p) => p.fragments),
  }));
}

function operationArb(): fc.Arbitrary<{ query: string; variables: Record<string, unknown> }> {
  const query = schema.getQueryType()!;
  return fc
    .tuple(
      selectionOf(query, 4),
      fc.boolean(),
      fc.boolean(),
      fc.option(fc.integer({ min: 0, max: 120 }), { nil: undefined }),
    )
    .map(([piece, yes, no, n]) => ({
      query: `query Cost($yes: Boolean!, $no: Boolean!, $n: Int) { ${piece.text} }\n${piece.fragments.join("\n")}`,
      variables: { yes, no, ...(n === undefined ? {} : { n }) },
    }));
}

describe("the cost of the walk equals graphql-query-complexity's", () => {
  it("on operations with fragments, aliases, repeated fields and directives generated from the schema", () => {
    let compared = 0;
    let withNamed = 0;
    let withAbstract = 0;
    fc.assert(
      fc.property(operationArb(), ({ query, variables }) => {
        if (!compareOne(query, "Cost", variables)) return;
        compared++;
        if (query.includes("\nfragment ")) withNamed++;
        if (/ on Node\b/.test(query)) withAbstract++;
      }),
      { numRuns: 250 },
    );
    // Not vacuous: most generated operations are valid, and fragments of each kind were priced.
    expect(compared).toBeGreaterThan(125);
    expect(withNamed).toBeGreaterThan(12);
    expect(withAbstract).toBeGreaterThan(3);
  });

  it("on the fuzz test's requests (arguments as literals and variables, some of the wrong type)", () => {
    let compared = 0;
    fc.assert(
      fc.property(fuzzRequest(schema), ({ body }) => {
        const { query, operationName, variables } = body as {
          query?: unknown;
          operationName?: string;
          variables?: unknown;
        };
        if (typeof query !== "string" || (variables !== undefined && typeof variables !== "object")) return;
        if (compareOne(query, operationName, (variables ?? {}) as Record<string, unknown>)) compared++;
      }),
      { numRuns: 300 },
    );
    expect(compared).toBeGreaterThan(60);
  });

  it("on the cases where the two ways of counting could part", () => {
    const cases: [string, Record<string, unknown>][] = [
      // One response key selected twice is priced twice (the cost counts selections, not keys).
      [
        `{ a: organisations(first: 5) { edges { node { name } } } a: organisations(first: 5) { edges { node { kind } } } }`,
        {},
      ],
      // Interface and union fragments: the dearest possible type counts.
      [
        `{ search(text: "zorg", first: 7) { edges { node { __typename ... on Node { id } ... on Organisation { name topics { name } } ... on Topic { name } } } } }`,
        {},
      ],
      [
        `{ node(id: "x") { ... on Organisation { members(first: 9) { edges { node { name } } } } ... on Topic { subtopics { name } } } }`,
        {},
      ],
      // A fragment on an interface inside a union, with an object fragment the union does not hold.
      [
        `{ search(text: "zorg") { edges { node { ... on Node { ... on Municipality { name organisations(first: 50) { totalCount } } } } } } }`,
        {},
      ],
      // Named fragments spread twice, @skip/@include on spreads, variables for first.
      [
        `query ($n: Int, $yes: Boolean!) { organisations(first: $n) { edges { node { ...O ...O @include(if: $yes) } } } }
         fragment O on Organisation { name initiatives(first: $n) { edges { node { name } } } }`,
        { n: 40, yes: false },
      ],
      // Defaults of variables and arguments, and a page above the maximum (priced as the maximum).
      [
        `query ($n: Int = 70) { topics(first: $n) { edges { node { name } } } organisations(first: 500) { totalCount } }`,
        {},
      ],
      // The export's equivalent and a network's price by maxNodes.
      [
        `{ networkExport(projection: SHARED_INITIATIVES, format: GEXF, maxNodes: 4000) { content } egoNetwork(organisation: "iederin", depth: 2) { summary { edges density } } }`,
        {},
      ],
      [`{ __typename __schema { types { name fields { name } } } }`, {}],
    ];
    for (const [query, variables] of cases)
      expect([query, compareOne(query, undefined, variables)]).toEqual([query, true]);
  });

  it("refuses a fragment bomb at the same size as the oracle did, with QUERY_TOO_COMPLEX", () => {
    // Each level spreads the one below ten times; fragments count at every spread.
    const bomb = (leaves: number) =>
      parse(`{ organisations { edges { node { ...A } } } }
        fragment A on Organisation { ${"...B ".repeat(10)} }
        fragment B on Organisation { ${"...C ".repeat(10)} }
        fragment C on Organisation { ${"name ".repeat(leaves)} }`);
    // 4 + 10 × (1 + 10 × (1 + leaves)) selections: 9,714 at 95 leaves, 10,114 at 99.
    expect(operationCost(schema, bomb(95), undefined, {})).toBe(oracle(bomb(95), undefined, {}));
    expect(() => oracle(bomb(99), undefined, {})).toThrow(/maximum allowed number of nodes/);
    let refused: unknown;
    try {
      operationCost(schema, bomb(99), undefined, {});
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(GraphQLError);
    expect((refused as GraphQLError).extensions).toMatchObject({
      code: "QUERY_TOO_COMPLEX",
      http: { status: 400 },
    });
  });
});

describe("the walk is made once per document, operation and variables", () => {
  const source = `query A($n: Int) { topics(first: $n) { edges { node { name } } } } query B { provinces { name } }`;
  const document = parse(source);
  const [a, b] = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === "OperationDefinition",
  );

  it("answers a repeated request from memory and a changed one with a new walk and price", () => {
    const cache = new OperationCache(10);
    const first = cache.get(schema, document, source, a!, { n: 10 });
    expect(cache.get(schema, document, source, a!, { n: 10 })).toBe(first);
    const other = cache.get(schema, document, source, a!, { n: 30 });
    expect(other).not.toBe(first);
    expect(other.cost).toBeGreaterThan(first.cost);
    expect(cache.get(schema, document, source, b!, { n: 10 }).walk.selections).not.toEqual(
      first.walk.selections,
    );
  });

  it("keeps at most its capacity, dropping the oldest", () => {
    const cache = new OperationCache(2);
    const one = cache.get(schema, document, source, a!, { n: 1 });
    cache.get(schema, document, source, a!, { n: 2 });
    cache.get(schema, document, source, a!, { n: 3 });
    expect(cache.get(schema, document, source, a!, { n: 1 })).not.toBe(one);
  });

  it("checks the variables of a new key (BAD_USER_INPUT naming the variable, never its value)", () => {
    const cache = new OperationCache(10);
    expect(() => cache.get(schema, document, source, a!, { n: "ten@example.nl" })).toThrow(
      /Variable "\$n" of type Int has a value that is not a valid Int\.$/,
    );
  });
});
