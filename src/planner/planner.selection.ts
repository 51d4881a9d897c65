import {
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  getNamedType,
  isLeafType,
  isObjectType,
} from "graphql";
import { getArgumentValues } from "graphql/execution/values";
import { pageSize } from "../graph/common/connection.type";
import { type Position, decodeCursor } from "../graph/common/cursor";
import type { NamedRelation } from "../graph/common/relation.loader";
import {
  CATALOGUE,
  type CustomField,
  type PlannedType,
  type RelationField,
  targetTypes,
} from "./planner.catalogue";
import { type WalkedField, type WalkedSelection, collectWalked, subSelections } from "./planner.walk";

/** Lists read this many related nodes at most, as `relationList` does. */
export const LIST_CAP = 200;

/** What to read of one node (or of each node of a related list). */
export interface NodePlan {
  types: PlannedType[];
  /** Node properties to project; `undefined` means all (a field the catalogue does not map). */
  props: Set<string> | undefined;
  labels: boolean;
  children: ChildPlan[];
  computed: ComputedPlan[];
}

/** A catalogue field computed by a feature's subquery (CustomField), with its arguments. */
export interface ComputedPlan {
  id: number;
  responseKey: string;
  field: CustomField;
  args: Record<string, unknown>;
}

/** A relation field the planner compiles, keyed by its response key (alias or name). */
export interface ChildPlan {
  id: number;
  responseKey: string;
  field: RelationField;
  relation: NamedRelation;
  /** Page size (connections) or cap (lists); the query asks one more to learn hasNextPage. */
  first: number;
  after: Position | undefined;
  count: boolean;
  node: NodePlan;
}

/** Planning state: the schema, the walk's variables, and a counter for query variables. */
export interface Walk {
  schema: GraphQLSchema;
  variables: Record<string, unknown>;
  next: number;
}

/** The selection conflicts in a way the planner does not merge (same key, different fields). */
export class Unplannable extends Error {}

function objectType(walk: Walk, name: string): GraphQLObjectType {
  const type = walk.schema.getType(name);
  if (!type || !isObjectType(type)) throw new Unplannable(`no object type ${name}`);
  return type;
}

/**
 * The arguments of one field; all fields of a response key must agree (else the planner steps aside).
 * The walk coerced them against the definition where they were selected; an interface's may differ.
 */
function argumentsOf(walk: Walk, def: GraphQLField<unknown, unknown>, fields: readonly WalkedField[]) {
  const values = fields.map((f) => (f.def === def ? f.args : getArgumentValues(def, f.node, walk.variables)));
  const first = JSON.stringify(values[0]);
  if (values.some((v) => JSON.stringify(v) !== first)) throw new Unplannable("arguments differ");
  return values[0] ?? {};
}

/** Plans what to read of nodes of `types` for the given selection sets. */
export function planNode(
  walk: Walk,
  types: PlannedType[],
  sets: readonly (readonly WalkedSelection[])[],
): NodePlan {
  const plan: NodePlan = { types, props: new Set(), labels: types.length > 1, children: [], computed: [] };
  for (const typeName of types) {
    const entry = CATALOGUE[typeName];
    plan.props?.add(entry.key);
    const type = objectType(walk, typeName);
    for (const [responseKey, nodes] of collectWalked(walk.schema, type, sets)) {
      const name = nodes[0]!.def.name;
      if (nodes.some((n) => n.def.name !== name)) throw new Unplannable("one key, two fields");
      if (name.startsWith("__")) continue;
      const def = type.getFields()[name];
      if (!def) continue;
      const custom = entry.custom[name];
      if (custom && types.length === 1) {
        const args = argumentsOf(walk, def, nodes);
        if (custom.accepts(args)) plan.computed.push({ id: walk.next++, responseKey, field: custom, args });
        continue;
      }
      const relation = entry.relations[name];
      if (relation) {
        // Relations under a union (Place) stay with their resolvers.
        if (types.length === 1) {
          const child = planChild(walk, responseKey, relation, def, nodes);
          if (child) plan.children.push(child);
        }
        continue;
      }
      const property = entry.props[name];
      if (property) plan.props?.add(property);
      else if (isLeafType(getNamedType(def.type))) plan.props = undefined; // unmapped: read them all
    }
  }
  return plan;
}

function planChild(
  walk: Walk,
  responseKey: string,
  field: RelationField,
  def: GraphQLField<unknown, unknown>,
  nodes: readonly WalkedField[],
): ChildPlan | undefined {
  const args = argumentsOf(walk, def, nodes);
  const relation = field.relation(args);
  if (!relation) return undefined;
  const targets = targetTypes(field.target);
  let first = field.kind === "one" ? 1 : LIST_CAP;
  let after: Position | undefined;
  let count = false;
  let nodeSets = subSelections(nodes);
  if (field.kind === "connection") {
    try {
      first = pageSize(args.first as number | null | undefined);
      after = decodeCursor(`${relation.name}:${relation.ordering.name}`, args.after as string | undefined);
    } catch {
      return undefined; // the resolver reports the bad argument at its own path
    }
    const connectionType = objectType(walk, getNamedType(def.type).name);
    const fields = [...collectWalked(walk.schema, connectionType, nodeSets).values()].flat();
    count = fields.some((n) => n.def.name === "totalCount");
    const edgeNodes = fields.filter((n) => n.def.name === "edges");
    const edgeType = objectType(walk, getNamedType(connectionType.getFields().edges!.type).name);
    const nodeNodes = [...collectWalked(walk.schema, edgeType, subSelections(edgeNodes)).values()]
      .flat()
      .filter((n) => n.def.name === "node");
    nodeSets = subSelections(nodeNodes);
  }
  return {
    id: walk.next++,
    responseKey,
    field,
    relation,
    first,
    after,
    count,
    node: planNode(walk, targets, nodeSets),
  };
}
