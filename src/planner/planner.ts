import {
  type GraphQLFieldResolver,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  defaultFieldResolver,
  getNamedType,
  isAbstractType,
  isObjectType,
} from "graphql";
import type { Context } from "../context";
import { MUNICIPALITY_CODE, PROVINCE_CODE } from "../domain";
import { type ConnectionBase, type EdgeShape, toConnection } from "../graph/common/connection.type";
import { encodeCursor } from "../graph/common/cursor";
import { parseKey } from "../graph/common/global-id";
import type { Props } from "../graph/common/node.repository";
import { CATALOGUE, type PlannedType } from "./planner.catalogue";
import { type CompiledQuery, compileByKeys, compileRoot, runPlanned } from "./planner.repository";
import { type NodePlan, Unplannable, planNode } from "./planner.selection";
import {
  type OperationWalk,
  type WalkedField,
  type WalkedSelection,
  collectWalked,
  subSelections,
  walkOperation,
} from "./planner.walk";

/** Values the planner read for an object's relation fields, by response key. */
const PLANNED = Symbol("planned");
type Planned = { [PLANNED]?: Map<string, unknown> };

/** Root fields the planner compiles, with the key their argument names (undefined: let the resolver say why). */
const ROOTS: Record<string, { type: PlannedType; key(args: Record<string, unknown>): string | undefined }> = {
  organisation: { type: "Organisation", key: (a) => idKey("Organisation", a.id) },
  topic: { type: "Topic", key: (a) => idKey("Topic", a.id) },
  condition: { type: "Condition", key: (a) => idKey("Condition", a.id) },
  initiative: { type: "Initiative", key: (a) => idKey("Initiative", a.id) },
  experience: { type: "Experience", key: (a) => idKey("Experience", a.id) },
  event: { type: "Event", key: (a) => idKey("Event", a.id) },
  municipality: { type: "Municipality", key: (a) => code(a.code, MUNICIPALITY_CODE) },
  province: { type: "Province", key: (a) => code(a.code, PROVINCE_CODE) },
};

function idKey(type: PlannedType, id: unknown): string | undefined {
  try {
    return parseKey(type, String(id));
  } catch {
    return undefined;
  }
}

function code(value: unknown, pattern: RegExp): string | undefined {
  const normalised = String(value).trim().toUpperCase();
  return pattern.test(normalised) ? normalised : undefined;
}

interface ItemRow {
  n: Props;
  l?: string[];
  x?: unknown;
  s?: string | number | null;
  /** The tie-breaker (sort key and key), the cursor's key. */
  t?: string;
  [child: string]: unknown;
}

/** Builds the API object of one row (the same `from` the resolvers use) with its planned relations. */
function materialise(plan: NodePlan, row: ItemRow): object {
  const type =
    plan.types.length === 1 ? plan.types[0]! : row.l?.includes("Province") ? "Province" : "Municipality";
  const object = CATALOGUE[type].from(row.n) as Planned;
  attachPlanned(object, plan, row);
  return object;
}

/** Gives an API object the values its relation fields were planned to read (they answer from them). */
function attachPlanned(object: Planned, plan: NodePlan, row: ItemRow): void {
  if (plan.children.length === 0 && plan.computed.length === 0) return;
  const planned = new Map<string, unknown>();
  for (const computed of plan.computed)
    planned.set(computed.responseKey, computed.field.materialise(row[`f${computed.id}`] ?? []));
  for (const child of plan.children) {
    const items = (row[`f${child.id}`] ?? []) as ItemRow[];
    const { field, relation } = child;
    if (field.kind === "list")
      planned.set(
        child.responseKey,
        items.map((i) => materialise(child.node, i)),
      );
    else if (field.kind === "one")
      planned.set(child.responseKey, items[0] ? materialise(child.node, items[0]) : null);
    else {
      const cursorName = `${relation.name}:${relation.ordering.name}`;
      const edges = items.slice(0, child.first).map((i) => ({
        node: materialise(child.node, i),
        cursor: encodeCursor(cursorName, { value: i.s ?? null, key: String(i.t) }),
        ...field.edge?.(i.x),
      }));
      const total = row[`c${child.id}`];
      planned.set(
        child.responseKey,
        toConnection(
          field.connection as new () => ConnectionBase<EdgeShape<object>>,
          edges,
          { hasNextPage: items.length > child.first, hasPreviousPage: child.after !== undefined },
          () =>
            typeof total === "number"
              ? Promise.resolve(total)
              : Promise.reject(new Error("totalCount was not planned")),
        ),
      );
    }
  }
  Object.defineProperty(object, PLANNED, { value: planned, enumerable: false, configurable: true });
}

/**
 * The request's walk of its operation: the one the cost analysis made (server/cost.ts), or, when the
 * operation runs without it (tests executing the schema directly), one made here and kept for the
 * request's other root fields. `undefined` when the operation cannot be walked (the resolvers answer).
 */
function walkOf(ctx: Context, info: GraphQLResolveInfo): OperationWalk | undefined {
  if (ctx.walk) return ctx.walk;
  try {
    ctx.walk = walkOperation(info.schema, info.operation, info.fragments, info.variableValues);
  } catch {
    return undefined;
  }
  return ctx.walk;
}

/**
 * What the planner derived from one walk, per root field's response key: walks are memoised per
 * document, operation and variables, so a repeated request plans (and compiles) nothing again.
 * Plans are shared between requests and never changed after they are made.
 */
interface Derived {
  roots: Map<string, WalkedField[]>;
  /** A root list's node type and the selections below its `edges { node }`; null: not a connection. */
  below: Map<string, NodeSelection | null>;
  plans: Map<string, NodePlan | null>;
  compiled: Map<NodePlan, CompiledQuery>;
}
const DERIVED = new WeakMap<OperationWalk, Derived>();

function derivedOf(schema: GraphQLSchema, walk: OperationWalk): Derived {
  let derived = DERIVED.get(walk);
  if (!derived) {
    derived = {
      roots: collectWalked(schema, walk.root, [walk.selections]),
      below: new Map(),
      plans: new Map(),
      compiled: new Map(),
    };
    DERIVED.set(walk, derived);
  }
  return derived;
}

/** The plan of one type for the given selections, made once per walk and key; null: unplannable. */
function planOnce(
  schema: GraphQLSchema,
  walk: OperationWalk,
  key: string,
  type: PlannedType,
  sets: () => readonly (readonly WalkedSelection[])[],
): NodePlan | null {
  const derived = derivedOf(schema, walk);
  const memo = `${key}\u0000${type}`;
  const known = derived.plans.get(memo);
  if (known !== undefined) return known;
  let plan: NodePlan | null;
  try {
    plan = planNode({ schema, variables: walk.variables, next: 1 }, [type], sets());
  } catch (error) {
    if (!(error instanceof Unplannable)) throw error;
    plan = null;
  }
  derived.plans.set(memo, plan);
  return plan;
}

/** Plans and runs one root field; `undefined` when the planner steps aside for the resolver. */
async function planRoot(
  root: (typeof ROOTS)[string],
  args: Record<string, unknown>,
  ctx: Context,
  info: GraphQLResolveInfo,
): Promise<{ value: object | null } | undefined> {
  const key = root.key(args);
  if (key === undefined) return undefined;
  const walk = walkOf(ctx, info);
  if (!walk) return undefined;
  const responseKey = String(info.path.key);
  const plan = planOnce(info.schema, walk, responseKey, root.type, () =>
    subSelections(derivedOf(info.schema, walk).roots.get(responseKey) ?? []),
  );
  if (!plan) return undefined;
  const row = await runPlanned(ctx.db, compiledRoot(info.schema, walk, root.type, plan, key));
  return { value: row ? materialise(plan, row as ItemRow) : null };
}

/** The root's query: compiled once per plan; only the key changes between requests. */
function compiledRoot(
  schema: GraphQLSchema,
  walk: OperationWalk,
  type: PlannedType,
  plan: NodePlan,
  key: string,
): CompiledQuery {
  const { compiled } = derivedOf(schema, walk);
  let query = compiled.get(plan);
  if (!query) {
    query = compileRoot(CATALOGUE[type], key, plan);
    compiled.set(plan, query);
  }
  return { cypher: query.cypher, params: { ...query.params, key } };
}

/** A connection type's edge type and node type (`edges { node }`), or undefined for any other type. */
function connectionShape(
  type: GraphQLNamedType,
): { connection: GraphQLObjectType; edge: GraphQLObjectType; node: GraphQLNamedType } | undefined {
  if (!isObjectType(type)) return undefined;
  const edgesField = type.getFields().edges;
  const edge = edgesField ? getNamedType(edgesField.type) : undefined;
  const nodeField = edge && isObjectType(edge) ? edge.getFields().node : undefined;
  if (!edge || !isObjectType(edge) || !nodeField) return undefined;
  return { connection: type, edge, node: getNamedType(nodeField.type) };
}

interface NodeSelection {
  type: GraphQLNamedType;
  sets: (readonly WalkedSelection[])[];
}

/** The node type of a root list field and the walked selections below its `edges { node }`, once per walk. */
function nodeSelection(
  schema: GraphQLSchema,
  walk: OperationWalk,
  info: GraphQLResolveInfo,
): NodeSelection | null {
  const { below } = derivedOf(schema, walk);
  const responseKey = String(info.path.key);
  let known = below.get(responseKey);
  if (known === undefined) {
    known = collectNodeSelection(schema, walk, info, responseKey);
    below.set(responseKey, known);
  }
  return known;
}

function collectNodeSelection(
  schema: GraphQLSchema,
  walk: OperationWalk,
  info: GraphQLResolveInfo,
  responseKey: string,
): NodeSelection | null {
  const shape = connectionShape(getNamedType(info.returnType));
  if (!shape) return null;
  const fields = derivedOf(schema, walk).roots.get(responseKey) ?? [];
  const edges = [...collectWalked(schema, shape.connection, subSelections(fields)).values()]
    .flat()
    .filter((n) => n.def.name === "edges");
  const nodes = [...collectWalked(schema, shape.edge, subSelections(edges)).values()]
    .flat()
    .filter((n) => n.def.name === "node");
  return { type: shape.node, sets: subSelections(nodes) };
}

/** The catalogue type of one node of a page (abstract node types ask their own resolveType). */
async function typeOf(
  type: GraphQLNamedType,
  node: object,
  ctx: Context,
  info: GraphQLResolveInfo,
): Promise<PlannedType | undefined> {
  const name = isAbstractType(type) ? await type.resolveType?.(node, ctx, info, type) : type.name;
  return typeof name === "string" && name in CATALOGUE ? (name as PlannedType) : undefined;
}

/**
 * After a list resolver (organisations, search, whoWorksOn, …) has read its page: the relation fields of
 * the page's nodes are planned and read in one query per node type, instead of one DataLoader wave per
 * relation and level. Nothing is planned when the nodes select no relation, or the plan steps aside.
 */
async function planBelowList(page: unknown, ctx: Context, info: GraphQLResolveInfo): Promise<void> {
  const edges = (page as { edges?: unknown } | null)?.edges;
  if (!Array.isArray(edges) || edges.length === 0) return;
  const walk = walkOf(ctx, info);
  if (!walk) return;
  const below = nodeSelection(info.schema, walk, info);
  if (!below || below.sets.length === 0) return;
  const groups = new Map<PlannedType, Planned[]>();
  for (const edge of edges) {
    const node = (edge as { node?: unknown } | null)?.node;
    if (!node || typeof node !== "object") continue;
    const type = await typeOf(below.type, node, ctx, info);
    if (type) groups.set(type, [...(groups.get(type) ?? []), node as Planned]);
  }
  await Promise.all(
    [...groups].map(async ([type, nodes]) => {
      const plan = planOnce(info.schema, walk, `${String(info.path.key)}\u0000below`, type, () => below.sets);
      if (!plan || (plan.children.length === 0 && plan.computed.length === 0)) return;
      const entry = CATALOGUE[type];
      const keyField = entry.key === "code" ? "code" : "key";
      const byKey = new Map<string, Planned[]>();
      for (const node of nodes) {
        const key = String((node as Record<string, unknown>)[keyField]);
        byKey.set(key, [...(byKey.get(key) ?? []), node]);
      }
      const query = compileByKeys(entry, [...byKey.keys()], plan);
      const rows = await ctx.db.read(query.cypher, query.params);
      for (const row of rows) {
        for (const node of byKey.get(String(row.key)) ?? []) attachPlanned(node, plan, row.root as ItemRow);
      }
    }),
  );
}

/** Query fields answering with a connection of catalogue nodes (directly or through a union). */
function isNodeList(schema: GraphQLSchema, type: GraphQLNamedType): boolean {
  const nodeType = connectionShape(type)?.node;
  const members: readonly GraphQLObjectType[] =
    nodeType === undefined
      ? []
      : isAbstractType(nodeType)
        ? schema.getPossibleTypes(nodeType)
        : isObjectType(nodeType)
          ? [nodeType]
          : [];
  return members.some((m) => m.name in CATALOGUE);
}

/**
 * Installs the planner on a built schema: root fields of the catalogue compile their selection into one
 * query; relation fields answer from what that query read and call their resolver (DataLoader) for
 * anything it did not plan. Wrapping only these fields keeps every other field's resolution untouched.
 */
export function installPlanner(schema: GraphQLSchema): GraphQLSchema {
  const query = schema.getQueryType();
  for (const [name, root] of Object.entries(ROOTS)) {
    const field = query?.getFields()[name];
    if (!field) continue;
    const resolve = (field.resolve ?? defaultFieldResolver) as GraphQLFieldResolver<unknown, Context>;
    field.resolve = async (source, args: Record<string, unknown>, ctx: Context, info) => {
      if (!ctx.usePlanner) return resolve(source, args, ctx, info);
      const planned = await planRoot(root, args, ctx, info);
      return planned ? planned.value : resolve(source, args, ctx, info);
    };
  }
  for (const [name, field] of Object.entries(query?.getFields() ?? {})) {
    if (name in ROOTS || !isNodeList(schema, getNamedType(field.type))) continue;
    const resolve = (field.resolve ?? defaultFieldResolver) as GraphQLFieldResolver<unknown, Context>;
    field.resolve = async (source, args: Record<string, unknown>, ctx: Context, info) => {
      const page: unknown = await resolve(source, args, ctx, info);
      if (ctx.usePlanner) await planBelowList(page, ctx, info);
      return page;
    };
  }
  for (const [typeName, entry] of Object.entries(CATALOGUE)) {
    const type = schema.getType(typeName);
    if (!type || !isObjectType(type)) continue;
    for (const name of [...Object.keys(entry.relations), ...Object.keys(entry.custom)]) {
      const field = type.getFields()[name];
      if (!field) continue;
      const resolve = (field.resolve ?? defaultFieldResolver) as GraphQLFieldResolver<unknown, Context>;
      field.resolve = (source, args, ctx: Context, info) => {
        const planned = (source as Planned | null)?.[PLANNED];
        if (planned?.has(info.path.key as string)) return planned.get(info.path.key as string);
        return resolve(source, args, ctx, info);
      };
    }
  }
  return schema;
}
