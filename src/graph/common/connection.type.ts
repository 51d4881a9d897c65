import { type ClassType, Field, Int, ObjectType } from "type-graphql";
import type { ComplexityEstimatorArgs } from "graphql-query-complexity";
import { badInput } from "../../errors";
import { decodeCursor, type Position } from "./cursor";
import { maxFanout } from "./fanout.repository";

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

@ObjectType({ description: "Relay page information (Relay cursor connections specification)." })
export class PageInfo {
  @Field({
    description:
      "Reading forward (`first`): more items follow this page. Reading backward (`last`): true when `before` was given (the item at `before` follows).",
  })
  hasNextPage!: boolean;

  @Field({
    description:
      "Reading backward (`last`): more items precede this page. Reading forward: true when `after` was given (the item at `after` precedes).",
  })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

export interface PageFlags {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

/** One page as repositories return it, in list order. */
export interface Page<T> extends PageFlags {
  items: T[];
}

/**
 * Which part of a list to read: `size` items after `after` (forward) or, reading backward, the `size`
 * items just before `before` (or the last `size` when no `before` is given). Both bounds may be set.
 */
export interface PageWindow {
  size: number;
  after?: Position;
  before?: Position;
  backward: boolean;
}

/** The paging arguments of a connection, checked: `first` and `last` are not taken together. */
export function pageWindow(
  cursorName: string,
  args: { first?: number | null; after?: string | null; last?: number | null; before?: string | null },
): PageWindow {
  if (args.first != null && args.last != null) {
    throw badInput("Give first or last, not both: first reads forward, last reads backward.", "last");
  }
  const backward = args.last != null;
  return {
    size: backward ? pageSize(args.last, "last") : pageSize(args.first),
    after: decodeCursor(cursorName, args.after, "after"),
    before: decodeCursor(cursorName, args.before, "before"),
    backward,
  };
}

/**
 * The page out of the rows read in the window's direction (`size + 1` rows were asked for, to learn
 * whether more follow): back in list order, with Relay's flags.
 */
export function pageOf<T>(rows: T[], window: PageWindow): Page<T> {
  const more = rows.length > window.size;
  const items = rows.slice(0, window.size);
  if (window.backward) {
    return { items: items.reverse(), hasPreviousPage: more, hasNextPage: window.before !== undefined };
  }
  return { items, hasNextPage: more, hasPreviousPage: window.after !== undefined };
}

export interface EdgeShape<TNode> {
  node: TNode;
  cursor: string;
}

/** The connection's state; `count` runs only when a client selects `totalCount`. */
export abstract class ConnectionBase<TEdge> {
  edges!: TEdge[];
  pageInfo!: PageInfo;
  count!: () => Promise<number>;
}

export function Connection<TNode extends object>(NodeClass: ClassType<TNode>, name = NodeClass.name) {
  @ObjectType(`${name}Edge`)
  class EdgeClass implements EdgeShape<TNode> {
    @Field(() => NodeClass)
    node!: TNode;

    @Field({ description: "Opaque cursor of this edge, for `after` or `before`." })
    cursor!: string;
  }
  return ConnectionOf<TNode, EdgeClass>(EdgeClass);
}

/** A connection over a custom edge type (edges that carry a role, a score or evidence). */
export function ConnectionOf<TNode, TEdge extends EdgeShape<TNode>>(EdgeClass: ClassType<TEdge>) {
  @ObjectType()
  abstract class ConnectionClass extends ConnectionBase<TEdge> {
    @Field(() => [EdgeClass])
    declare edges: TEdge[];

    @Field(() => PageInfo)
    declare pageInfo: PageInfo;

    @Field(() => Int, { description: "Number of items in the whole list; computed only when selected." })
    totalCount(): Promise<number> {
      return this.count();
    }
  }
  return ConnectionClass;
}

/** Builds a connection instance from a page. */
export function toConnection<TNode, TEdge extends EdgeShape<TNode>, C extends ConnectionBase<TEdge>>(
  ConnectionType: new () => C,
  edges: TEdge[],
  flags: PageFlags,
  count: () => Promise<number>,
): C {
  const connection = new ConnectionType();
  connection.edges = edges;
  connection.pageInfo = {
    hasNextPage: flags.hasNextPage,
    hasPreviousPage: flags.hasPreviousPage,
    startCursor: edges[0]?.cursor ?? null,
    endCursor: edges[edges.length - 1]?.cursor ?? null,
  };
  connection.count = count;
  return connection;
}

/** Validates `first` (default 20, 0..100). */
export function pageSize(first: number | null | undefined, argument = "first"): number {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) {
    throw badInput(`${argument} must be between 0 and ${MAX_PAGE_SIZE} (got ${size}).`, argument);
  }
  return size;
}

/** The page size a connection field asks for (`first` or `last`), clamped as pageWindow would. */
function askedItems(args: ComplexityEstimatorArgs["args"]): number {
  const asked = typeof args.first === "number" ? args.first : args.last;
  return typeof asked === "number" ? Math.min(Math.max(asked, 0), MAX_PAGE_SIZE) : DEFAULT_PAGE_SIZE;
}

/** Cost of a connection field: each item costs its selection; the field itself costs one. */
export function connectionComplexity({ args, childComplexity }: ComplexityEstimatorArgs): number {
  const first = askedItems(args);
  return 1 + first * Math.max(childComplexity, 1);
}

/**
 * Cost of a relation's connection: `first` capped by the relation's known fan-out (the most related
 * nodes any parent has, kept by the service), so that natural screens are priced by what can come
 * back; without statistics, by `first`.
 */
export function relationComplexity(relation: string) {
  return ({ args, childComplexity }: ComplexityEstimatorArgs): number => {
    const first = askedItems(args);
    const known = maxFanout(relation);
    const items = known === undefined ? first : Math.min(first, known);
    return 1 + items * Math.max(childComplexity, 1);
  };
}

/** Cost of a small list field (bounded lists such as conditions). */
export function listComplexity(expected: number) {
  return ({ childComplexity }: ComplexityEstimatorArgs): number =>
    1 + expected * Math.max(childComplexity, 1);
}
