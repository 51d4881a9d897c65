import { type ClassType, Field, Int, ObjectType } from "type-graphql";
import type { ComplexityEstimatorArgs } from "graphql-query-complexity";
import { badInput } from "../../errors";

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

@ObjectType({ description: "Relay page information." })
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field({ description: "Always false: pages are read forward with `first` and `after`." })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

/** One page as repositories return it: `limit + 1` rows were asked to learn whether more follow. */
export interface Page<T> {
  items: T[];
  hasNextPage: boolean;
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

    @Field({ description: "Opaque cursor of this edge, for `after`." })
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
  hasNextPage: boolean,
  count: () => Promise<number>,
): C {
  const connection = new ConnectionType();
  connection.edges = edges;
  connection.pageInfo = {
    hasNextPage,
    hasPreviousPage: false,
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

/** Cost of a connection field: each item costs its selection; the field itself costs one. */
export function connectionComplexity({ args, childComplexity }: ComplexityEstimatorArgs): number {
  const first =
    typeof args.first === "number" ? Math.min(Math.max(args.first, 0), MAX_PAGE_SIZE) : DEFAULT_PAGE_SIZE;
  return 1 + first * Math.max(childComplexity, 1);
}

/** Cost of a small list field (bounded lists such as conditions). */
export function listComplexity(expected: number) {
  return ({ childComplexity }: ComplexityEstimatorArgs): number =>
    1 + expected * Math.max(childComplexity, 1);
}
