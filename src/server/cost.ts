import {
  type DocumentNode,
  GraphQLError,
  type GraphQLSchema,
  type OperationDefinitionNode,
  getVariableValues,
  print,
} from "graphql";
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from "graphql-query-complexity";

const ESTIMATORS = [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })];

/**
 * Checks the request's variables against the operation before anything else uses them. graphql-js's own
 * messages quote the offending value (it may be an e-mail address a user typed), so the error names the
 * variable and its type only: safe to log and to show.
 */
export function assertVariables(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
): void {
  const definitions = operation.variableDefinitions ?? [];
  const coerced = getVariableValues(schema, definitions, variables ?? {}, { maxErrors: 1 });
  if (!coerced.errors?.length) return;
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
 * The cost of one operation with its variables: the schema's field estimators (`complexity` on each field,
 * connections by `first`). One function for /graphql and for /export, so both spend the same budget.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined | null,
  variables: Record<string, unknown> | undefined,
): number {
  return getComplexity({
    schema,
    query: document,
    operationName: operationName ?? undefined,
    variables: variables ?? {},
    estimators: ESTIMATORS,
  });
}

/** Memoises costs per (document, operation, variables): repeated screens skip the schema walk. */
export class CostCache {
  private readonly costs = new Map<string, number>();
  constructor(private readonly capacity = 2_000) {}

  cost(
    schema: GraphQLSchema,
    document: DocumentNode,
    source: string | undefined,
    operationName: string | undefined | null,
    variables: Record<string, unknown> | undefined,
  ): number {
    // Only documents with their text are cacheable by key; the key holds no more than the request did.
    if (source === undefined) return operationCost(schema, document, operationName, variables);
    const key = `${operationName ?? ""}\u0000${JSON.stringify(variables ?? {})}\u0000${source}`;
    const known = this.costs.get(key);
    if (known !== undefined) return known;
    const cost = operationCost(schema, document, operationName, variables);
    if (this.costs.size >= this.capacity) this.costs.delete(this.costs.keys().next().value as string);
    this.costs.set(key, cost);
    return cost;
  }
}

/**
 * What the answer actually cost: one per field value returned, counted the way the estimate counts one
 * per field selected, but over the rows that came back (a `first: 100` page with 4 rows costs 4 rows).
 */
export function actualCost(data: unknown): number {
  if (Array.isArray(data)) return data.reduce((sum: number, item) => sum + actualCost(item), 0);
  if (data === null || typeof data !== "object") return 0;
  let sum = 0;
  for (const value of Object.values(data as Record<string, unknown>)) sum += 1 + actualCost(value);
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
