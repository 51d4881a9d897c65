import {
  type DocumentNode,
  type FieldNode,
  type GraphQLCompositeType,
  GraphQLError,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  getNamedType,
  getVariableValues,
  isAbstractType,
  print,
} from "graphql";
import {
  type OperationWalk,
  type WalkedField,
  type WalkedSelection,
  fragmentsOf,
  walkOperation,
} from "../planner/planner.walk";

/**
 * Checks the request's variables against the operation before anything else uses them, and returns them
 * coerced. graphql-js's own messages quote the offending value (it may be an e-mail address a user
 * typed), so the error names the variable and its type only: safe to log and to show.
 */
export function assertVariables(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
): Record<string, unknown> {
  const definitions = operation.variableDefinitions ?? [];
  const coerced = getVariableValues(schema, definitions, variables ?? {}, { maxErrors: 1 });
  if (!coerced.errors?.length) return coerced.coerced ?? {};
  const message = coerced.errors[0]?.message ?? "";
  const definition =
    definitions.find((d) => message.startsWith(`Variable "$${d.variable.name.value}"`)) ?? definitions[0];
  const name = definition?.variable.name.value ?? "?";
  const type = definition ? print(definition.type) : "?";
  const reason = / was not provided\./.test(message)
    ? "was not provided"
    : / must not be null\./.test(message)
      ? "must not be null"
      : `has a value that is not a valid ${type}`;
  throw new GraphQLError(`Variable "$${name}" of type ${type} ${reason}.`, {
    extensions: { code: "BAD_USER_INPUT", variable: name, http: { status: 400 } },
  });
}

/**
 * What a field's `complexity` (type-graphql's option, kept in the field's extensions) is called with: the
 * shape graphql-query-complexity's estimators take, which the schema's estimator functions are typed by.
 */
interface EstimatorArgs {
  childComplexity: number;
  args: Record<string, unknown>;
  field: GraphQLField<unknown, unknown>;
  node: FieldNode;
  type: GraphQLCompositeType;
  context: undefined;
}

const validNumber = (value: unknown): value is number => typeof value === "number" && !Number.isNaN(value);

/**
 * A field's price: its `complexity` (a number adds to what its selection costs; a function is given the
 * arguments and that cost), else 1 plus its selection's cost.
 */
function fieldCost(schema: GraphQLSchema, field: WalkedField): number {
  const named = getNamedType(field.def.type) as GraphQLCompositeType;
  const childComplexity = field.selections ? selectionCost(schema, field.selections, named) : 0;
  const complexity: unknown = field.def.extensions?.complexity;
  if (typeof complexity === "number" && validNumber(childComplexity + complexity))
    return childComplexity + complexity;
  if (typeof complexity === "function") {
    const args: EstimatorArgs = {
      childComplexity,
      args: field.args,
      field: field.def,
      node: field.node,
      type: field.parent,
      context: undefined,
    };
    const estimate: unknown = (complexity as (args: EstimatorArgs) => unknown)(args);
    if (validNumber(estimate)) return estimate;
  }
  return 1 + childComplexity;
}

const possibleTypes = (schema: GraphQLSchema, type: GraphQLCompositeType): string[] =>
  isAbstractType(type) ? schema.getPossibleTypes(type).map((t) => t.name) : [type.name];

/**
 * A selection's price on a type: summed per possible object type (a fragment counts only for the types it
 * applies to), the dearest type's sum. Every selected field counts, also one selected twice.
 */
function selectionCost(
  schema: GraphQLSchema,
  selections: readonly WalkedSelection[],
  type: GraphQLCompositeType,
): number {
  const sums = new Map<string, number>();
  const add = (cost: number, types: readonly string[]) => {
    for (const name of types) sums.set(name, (sums.get(name) ?? 0) + cost);
  };
  const own = possibleTypes(schema, type);
  for (const selection of selections) {
    if (selection.kind === "field") add(fieldCost(schema, selection), own);
    else add(selectionCost(schema, selection.selections, selection.on), possibleTypes(schema, selection.on));
  }
  let dearest = 0;
  for (const sum of sums.values()) if (sum > dearest) dearest = sum;
  return dearest;
}

/** The walk of a validated operation; its errors (too many fields, a null argument) are the client's: 400. */
function walk(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
) {
  try {
    return walkOperation(schema, operation, fragmentsOf(document.definitions), variables);
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    throw new GraphQLError(error.message, { extensions: { ...error.extensions, http: { status: 400 } } });
  }
}

/** The cost of a walked operation. */
export function walkCost(schema: GraphQLSchema, walk: OperationWalk): number {
  return selectionCost(schema, walk.selections, walk.root);
}

function operationOf(document: DocumentNode, operationName: string | undefined | null) {
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === "OperationDefinition",
  );
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  if (!operation || (!operationName && operations.length > 1))
    throw new GraphQLError("The document has no single operation to price.", {
      extensions: { code: "OPERATION_RESOLUTION_FAILURE", http: { status: 400 } },
    });
  return operation;
}

/**
 * The cost of one operation with its variables: the schema's field estimators (`complexity` on each field,
 * connections by `first`). One function for /graphql and for /export, so both spend the same budget.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined | null,
  variables: Record<string, unknown> | undefined,
): number {
  const operation = operationOf(document, operationName);
  const coerced = assertVariables(schema, operation, variables);
  return walkCost(schema, walk(schema, document, operation, coerced));
}

/** One operation with its variables, walked once, and its cost. */
export interface PricedOperation {
  walk: OperationWalk;
  cost: number;
}

/**
 * Memoises the walk and its cost per (document, operation, variables): a repeated screen neither walks
 * nor prices nor plans again (the planner keeps its plans with the walk). Bounded; the oldest goes first.
 */
export class OperationCache {
  private readonly entries = new Map<string, PricedOperation>();
  constructor(private readonly capacity = 2_000) {}

  get(
    schema: GraphQLSchema,
    document: DocumentNode,
    source: string | undefined,
    operation: OperationDefinitionNode,
    variables: Record<string, unknown> | undefined,
  ): PricedOperation {
    // Only documents with their text are cacheable by key; the key holds no more than the request did.
    const key =
      source === undefined
        ? undefined
        : `${operation.name?.value ?? ""}\u0000${JSON.stringify(variables ?? {})}\u0000${source}`;
    const known = key === undefined ? undefined : this.entries.get(key);
    if (known) return known;
    // The variables are checked once per key: a known key had valid ones.
    const coerced = assertVariables(schema, operation, variables);
    const walked = walk(schema, document, operation, coerced);
    const priced = { walk: walked, cost: walkCost(schema, walked) };
    if (key === undefined) return priced;
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, priced);
    return priced;
  }
}

/**
 * What the answer actually cost: one per field value returned, counted the way the estimate counts one
 * per field selected, but over the rows that came back (a `first: 100` page with 4 rows costs 4 rows).
 */
export function actualCost(data: unknown): number {
  if (data === null || typeof data !== "object") return 0;
  // Plain loops: this walks every answer (tens of thousands of values for a large page) on the hot path.
  let sum = 0;
  if (Array.isArray(data)) {
    for (const item of data) sum += actualCost(item);
    return sum;
  }
  const fields = data as Record<string, unknown>;
  for (const key in fields) sum += 1 + actualCost(fields[key]);
  return sum;
}

/** extensions.cost in Shopify's shape; throttleStatus is null when no rate limit is configured. */
export interface CostReport {
  requestedQueryCost: number;
  actualQueryCost: number;
  throttleStatus: { maximumAvailable: number; currentlyAvailable: number; restoreRate: number } | null;
}

export function costReport(
  requested: number,
  data: unknown,
  budget: { limit: number; remaining: number } | undefined,
  windowSeconds = 60,
): CostReport {
  return {
    requestedQueryCost: requested,
    actualQueryCost: actualCost(data),
    throttleStatus: budget
      ? {
          maximumAvailable: budget.limit,
          currentlyAvailable: budget.remaining,
          // Fixed one-minute windows: the whole budget returns at the window's end; as a rate per second.
          restoreRate: Math.round((budget.limit / windowSeconds) * 100) / 100,
        }
      : null,
  };
}
