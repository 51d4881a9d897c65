import type { Context } from "../../context";
import { type NodeType, keyProperty } from "../../domain";
import { nodesByKeys, type Props } from "./node.repository";

/** Loads one node by key through the per-request loader of its type (batched with its siblings). */
export async function loadNode<T>(
  ctx: Context,
  type: NodeType,
  key: string,
  map: (p: Props) => T,
): Promise<T | null> {
  const loader = ctx.loader<string, Props | undefined>(`node:${type}`, (keys) =>
    nodesByKeys(ctx.db, type, keyProperty(type), keys),
  );
  const props = await loader.load(key);
  return props ? map(props) : null;
}
