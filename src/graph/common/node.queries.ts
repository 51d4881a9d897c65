import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, type ClassType, Ctx, ID, Info, Query, Resolver } from "type-graphql";
import type { Context } from "../../context";
import type { NodeType } from "../../domain";
import { type ConnectionBase, connectionComplexity } from "./connection.type";
import { parseKey } from "./global-id";
import { loadNode } from "./node.loader";
import type { Ordering, Props } from "./node.repository";
import { PageArgs } from "./page.args";
import { type NamedRelation, relationConnection } from "./relation.loader";
import { type ListCondition, rootConnection } from "./root.loader";

/** The root list of an entity: `<plural>(first, after, …, filter)`, ordered one way. */
export interface ListQuerySpec<F extends object> {
  filter: ClassType<F>;
  ordering: Ordering;
  /** The filter read into the repository's condition; may resolve names (places) first. */
  condition: (filter: F | null | undefined, ctx: Context) => ListCondition | Promise<ListCondition>;
  description?: string;
}

export interface NodeQueriesOptions<F extends object> {
  /** Description of `<single>(id: ID!)`, the node by global id or key. */
  description?: string;
  list?: ListQuerySpec<F>;
}

/**
 * The root queries every entity has, written once: `condition(id)` and `conditions(…, filter)` for the
 * type "Condition". An entity's resolver extends the class this returns and keeps only its field
 * resolvers; type-graphql names the queries here, so the schema reads as if each resolver declared them.
 */
export function NodeQueries<
  T extends object,
  C extends ConnectionBase<{ node: T; cursor: string }>,
  F extends object,
>(
  type: NodeType,
  node: ClassType<T> & { from(p: Props): T },
  connection: ClassType<C>,
  { description, list }: NodeQueriesOptions<F> = {},
) {
  const single = type.charAt(0).toLowerCase() + type.slice(1);
  const plural = `${single}s`;

  @Resolver()
  abstract class SingleNode {
    @Query(() => node, { name: single, nullable: true, description })
    nodeById(@Arg("id", () => ID) id: string, @Ctx() ctx: Context): Promise<T | null> {
      return loadNode(ctx, type, parseKey(type, id), node.from);
    }
  }
  if (!list) return SingleNode;
  const listed: ListQuerySpec<F> = list;

  @Resolver()
  abstract class NodeList extends SingleNode {
    @Query(() => connection, {
      name: plural,
      complexity: connectionComplexity,
      description: listed.description,
    })
    async nodeList(
      @Ctx() ctx: Context,
      @Args(() => PageArgs) page: PageArgs,
      @Info() info: GraphQLResolveInfo,
      @Arg("filter", () => listed.filter, { nullable: true }) filter?: F | null,
    ): Promise<C> {
      const root = { name: plural, label: type, key: "id" };
      const condition = await listed.condition(filter, ctx);
      return rootConnection(ctx, root, listed.ordering, condition, page, connection, node.from, info);
    }
  }
  return NodeList;
}

/** A relation as a connection whose edges carry only the node (no role), e.g. a condition's experiences. */
export function nodeConnection<T, C extends ConnectionBase<{ node: T; cursor: string }>>(
  ctx: Context,
  relation: NamedRelation,
  parentKey: string,
  page: PageArgs,
  connectionType: new () => C,
  from: (p: Props) => T,
): Promise<C> {
  return relationConnection(ctx, relation, parentKey, page, connectionType, (item, cursor) => ({
    node: from(item.node),
    cursor,
  }));
}
