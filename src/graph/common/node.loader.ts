import type { Context } from "../../context";
import type { NodeType } from "./global-id";
import { nodesByKeys, type Props } from "./node.repository";

const KEY_PROPERTY: Record<NodeType, string> = {
  Organisation: "id",
  Topic: "id",
  Condition: "id",
  Municipality: "code",
  Province: "code",
  Initiative: "id",
  Event: "id",
  Experience: "id",
};

/** Loads one node by key through the per-request loader of its type (batched with its siblings). */
export async function loadNode<T>(
  ctx: Context,
  type: NodeType,
  key: string,
  map: (p: Props) => T,
): Promise<T | null> {
  const loader = ctx.loader<string, Props | undefined>(`node:${type}`, (keys) =>
    nodesByKeys(ctx.db, type, KEY_PROPERTY[type], keys),
  );
  const props = await loader.load(key);
  return props ? map(props) : null;
}
