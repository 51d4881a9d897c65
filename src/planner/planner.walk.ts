import {
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  GraphQLIncludeDirective,
  type GraphQLObjectType,
  type GraphQLSchema,
  GraphQLSkipDirective,
  type OperationDefinitionNode,
  SchemaMetaFieldDef,
  type SelectionNode,
  type SelectionSetNode,
  TypeMetaFieldDef,
  TypeNameMetaFieldDef,
  getDirectiveValues,
  getNamedType,
  isAbstractType,
  isCompositeType,
  isInterfaceType,
  isObjectType,
} from "graphql";
import { getArgumentValues } from "graphql/execution/values";
import { AppError, ErrorCode, badInput } from "../errors";

/**
 * The one walk of an operation's selection (variables applied: `@include`/`@skip` decided, fragments
 * expanded, arguments coerced). The cost analysis prices it and the planner plans from it, so a request
 * walks its document once; both keep the document's structure (a field selected twice is two entries,
 * fragments stay nodes with their type condition) because the cost counts per selection, not per key.
 */

/** One selected field with its coerced arguments; `selections` below a field of composite type. */
export interface WalkedField {
  kind: "field";
  responseKey: string;
  /** The definition on the type it was selected on (an interface's, inside an abstract selection). */
  def: GraphQLField<unknown, unknown>;
  /** The type it was selected on. */
  parent: GraphQLCompositeType;
  node: FieldNode;
  args: Record<string, unknown>;
  selections: readonly WalkedSelection[] | undefined;
}

/** An inline fragment or a spread of a named one: its selections apply where `on` applies. */
export interface WalkedFragment {
  kind: "fragment";
  on: GraphQLCompositeType;
  selections: readonly WalkedSelection[];
}

export type WalkedSelection = WalkedField | WalkedFragment;

export interface OperationWalk {
  root: GraphQLObjectType;
  selections: readonly WalkedSelection[];
  /** The coerced variables the walk applied (to coerce a concrete type's arguments where they differ). */
  variables: Record<string, unknown>;
}

/**
 * At most this many selections are visited, fragments counted at every spread: bounds the walk of a
 * fragment "bomb" (a few hundred tokens can spread into millions of fields). The same bound, counted the
 * same way, as graphql-query-complexity's `maxQueryNodes` default, which priced operations before.
 */
export const MAX_WALKED_SELECTIONS = 10_000;

interface State {
  schema: GraphQLSchema;
  fragments: Readonly<Record<string, FragmentDefinitionNode>>;
  variables: Record<string, unknown>;
  visited: number;
}

/** The named fragments of a document, by name. */
export function fragmentsOf(
  definitions: readonly { kind: string }[],
): Record<string, FragmentDefinitionNode> {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of definitions) {
    if (definition.kind === "FragmentDefinition") {
      const fragment = definition as FragmentDefinitionNode;
      fragments[fragment.name.value] = fragment;
    }
  }
  return fragments;
}

/**
 * Walks a validated operation with its coerced variables. Throws QUERY_TOO_COMPLEX beyond
 * MAX_WALKED_SELECTIONS, and BAD_USER_INPUT when an argument cannot take its variable's value (null for
 * a non-null argument whose variable has a default).
 */
export function walkOperation(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
  variables: Record<string, unknown>,
): OperationWalk {
  const root =
    operation.operation === "mutation"
      ? schema.getMutationType()
      : operation.operation === "subscription"
        ? schema.getSubscriptionType()
        : schema.getQueryType();
  if (!root) throw badInput(`This schema has no ${operation.operation} type.`);
  const state: State = { schema, fragments, variables, visited: 0 };
  return { root, variables, selections: walkSet(state, operation.selectionSet, root, new Set()) };
}

function included(selection: SelectionNode, variables: Record<string, unknown>): boolean {
  if (!selection.directives?.length) return true;
  if (getDirectiveValues(GraphQLSkipDirective, selection, variables)?.if === true) return false;
  return getDirectiveValues(GraphQLIncludeDirective, selection, variables)?.if !== false;
}

function definitionOf(type: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
  if (name === SchemaMetaFieldDef.name) return SchemaMetaFieldDef;
  if (name === TypeMetaFieldDef.name) return TypeMetaFieldDef;
  if (name === TypeNameMetaFieldDef.name) return TypeNameMetaFieldDef;
  return isObjectType(type) || isInterfaceType(type) ? type.getFields()[name] : undefined;
}

function argumentsOf(
  def: GraphQLField<unknown, unknown>,
  node: FieldNode,
  variables: Record<string, unknown>,
): Record<string, unknown> {
  if (!node.arguments?.length && def.args.length === 0) return {};
  try {
    return getArgumentValues(def, node, variables);
  } catch (error) {
    // Validation and variable coercion passed, so only a null for a non-null argument is left.
    throw badInput(error instanceof Error ? error.message : "An argument has no valid value.");
  }
}

function walkSet(
  state: State,
  set: SelectionSetNode,
  type: GraphQLCompositeType,
  active: Set<string>,
): WalkedSelection[] {
  const walked: WalkedSelection[] = [];
  for (const selection of set.selections) {
    if (++state.visited >= MAX_WALKED_SELECTIONS) {
      throw new AppError(
        ErrorCode.QUERY_TOO_COMPLEX,
        `The operation selects more than ${MAX_WALKED_SELECTIONS} fields (fragments counted at every spread); ask for fewer.`,
      );
    }
    if (!included(selection, state.variables)) continue;
    if (selection.kind === "Field") {
      const def = definitionOf(type, selection.name.value);
      if (!def) continue; // validation reports unknown fields
      const named = getNamedType(def.type);
      const args = argumentsOf(def, selection, state.variables);
      walked.push({
        kind: "field",
        responseKey: selection.alias?.value ?? selection.name.value,
        def,
        parent: type,
        node: selection,
        args,
        selections:
          isCompositeType(named) && selection.selectionSet
            ? walkSet(state, selection.selectionSet, named, active)
            : undefined,
      });
    } else if (selection.kind === "InlineFragment") {
      const on = selection.typeCondition ? state.schema.getType(selection.typeCondition.name.value) : type;
      if (!isCompositeType(on)) continue;
      walked.push({ kind: "fragment", on, selections: walkSet(state, selection.selectionSet, on, active) });
    } else {
      const name = selection.name.value;
      const fragment = state.fragments[name];
      // Unknown or cyclic spreads are validation errors; skipped here so a walk always ends.
      if (!fragment || active.has(name)) continue;
      const on = state.schema.getType(fragment.typeCondition.name.value);
      if (!isCompositeType(on)) continue;
      active.add(name);
      walked.push({ kind: "fragment", on, selections: walkSet(state, fragment.selectionSet, on, active) });
      active.delete(name);
    }
  }
  return walked;
}

/** Whether selections under a fragment on `on` apply to objects of `type`. */
export function appliesTo(schema: GraphQLSchema, on: GraphQLCompositeType, type: GraphQLObjectType): boolean {
  return on.name === type.name || (isAbstractType(on) && schema.isSubType(on, type));
}

/** GraphQL's CollectFields over walked selections, for objects of one type: response key → fields. */
export function collectWalked(
  schema: GraphQLSchema,
  type: GraphQLObjectType,
  sets: readonly (readonly WalkedSelection[])[],
  into = new Map<string, WalkedField[]>(),
): Map<string, WalkedField[]> {
  for (const set of sets) {
    for (const selection of set) {
      if (selection.kind === "field") {
        const known = into.get(selection.responseKey);
        if (known) known.push(selection);
        else into.set(selection.responseKey, [selection]);
      } else if (appliesTo(schema, selection.on, type)) {
        collectWalked(schema, type, [selection.selections], into);
      }
    }
  }
  return into;
}

/** The selections below the given fields (those of composite type). */
export const subSelections = (fields: readonly WalkedField[]): (readonly WalkedSelection[])[] =>
  fields.flatMap((f) => (f.selections ? [f.selections] : []));
