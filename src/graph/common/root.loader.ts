import type { GraphQLResolveInfo } from "graphql";
import type { Context } from "../../context";
import { type ConnectionBase, pageWindow, toConnection } from "./connection.type";
import { encodeCursor } from "./cursor";
import { type Ordering, type Props, rootCount, rootPage } from "./node.repository";
import type { PageArgs } from "./page.args";
import { selectsField } from "./selection";

/** A root-list condition over `n` with its parameters. */
export interface ListCondition {
  where: string;
  params: Props;
  /** Optional starting MATCH that binds `n` (see rootPage). */
  match?: string;
}

export const ALL: ListCondition = { where: "true", params: {} };

/** A root list (organisations, topics, …) as a Relay connection with keyset cursors. */
export async function rootConnection<TNode, C extends ConnectionBase<{ node: TNode; cursor: string }>>(
  ctx: Context,
  list: { name: string; label: string; key: string },
  ordering: Ordering,
  condition: ListCondition,
  page: PageArgs,
  ConnectionType: new () => C,
  map: (p: Props) => TNode,
  info?: GraphQLResolveInfo,
): Promise<C> {
  const cursorName = `${list.name}:${ordering.name}`;
  const window = pageWindow(cursorName, page);
  const withTotal = info !== undefined && selectsField(info, "totalCount");
  const result = await rootPage(ctx.db, list.label, list.key, ordering, condition, window, withTotal);
  const edges = result.items.map((item) => ({
    node: map(item.node),
    cursor: encodeCursor(cursorName, { value: item.sortValue, key: item.tie }),
  }));
  const { total } = result;
  const count =
    total !== undefined ? () => Promise.resolve(total) : () => rootCount(ctx.db, list.label, condition);
  return toConnection(ConnectionType, edges, result, count);
}
