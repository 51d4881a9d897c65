import type { Context } from "../../context";
import { type ConnectionBase, type EdgeShape, pageWindow, toConnection } from "./connection.type";
import { encodeCursor } from "./cursor";
import type { PageArgs } from "./page.args";
import {
  type RelatedItem,
  type RelationSpec,
  relatedCounts,
  relatedLists,
  relatedPages,
} from "./node.repository";

/** A named relation: the name keys its DataLoaders and its cursors. */
export interface NamedRelation extends RelationSpec {
  name: string;
}

/**
 * Resolves a relation as a Relay connection through per-request DataLoaders: all parents asking for the
 * same relation with the same arguments share one Cypher round trip, and so does `totalCount`.
 */
export async function relationConnection<
  TNode,
  TEdge extends EdgeShape<TNode>,
  C extends ConnectionBase<TEdge>,
>(
  ctx: Context,
  relation: NamedRelation,
  parentKey: string,
  args: PageArgs,
  ConnectionType: new () => C,
  toEdge: (item: RelatedItem, cursor: string) => TEdge,
  filter: { where: string; params: Record<string, unknown>; id: string } = {
    where: "true",
    params: {},
    id: "",
  },
): Promise<C> {
  const cursorName = `${relation.name}:${relation.ordering.name}`;
  const window = pageWindow(cursorName, args);
  const pages = ctx.loader<string, Awaited<ReturnType<typeof relatedPages>>[number]>(
    `rel:${relation.name}`,
    (keys) => relatedPages(ctx.db, relation, keys, window, filter.where, filter.params),
    { window, filter: filter.id },
  );
  const page = await pages.load(parentKey);
  const edges = page.items.map((item) =>
    toEdge(item, encodeCursor(cursorName, { value: item.sortValue, key: item.tie })),
  );
  const counts = ctx.loader<string, number>(
    `count:${relation.name}`,
    (keys) => relatedCounts(ctx.db, relation, keys, filter.where, filter.params),
    { filter: filter.id },
  );
  return toConnection(ConnectionType, edges, page, () => counts.load(parentKey));
}

/** Resolves a small relation as a plain list, batched. */
export async function relationList<T>(
  ctx: Context,
  relation: NamedRelation,
  parentKey: string,
  map: (item: RelatedItem) => T,
): Promise<T[]> {
  const lists = ctx.loader<string, RelatedItem[]>(`list:${relation.name}`, (keys) =>
    relatedLists(ctx.db, relation, keys),
  );
  return (await lists.load(parentKey)).map(map);
}

/** Resolves a to-one relation (the first related node, or null). */
export async function relationOne<T>(
  ctx: Context,
  relation: NamedRelation,
  parentKey: string,
  map: (item: RelatedItem) => T,
): Promise<T | null> {
  const [first] = await relationList(ctx, relation, parentKey, map);
  return first ?? null;
}
