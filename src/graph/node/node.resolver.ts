import { Arg, Ctx, ID, Query, Resolver } from "type-graphql";
import type { Context } from "../../context";
import { badInput } from "../../errors";
import { type NodeType, fromGlobalId, truncate } from "../common/global-id";
import { loadNode } from "../common/node.loader";
import { Node } from "../common/node.type";
import { NODE_MAPPERS as MAPPERS } from "./node.mappers";

const MAX_NODES = 100;

function decode(id: string, argument: string): { type: NodeType; key: string } {
  const global = fromGlobalId(id);
  if (!global) throw badInput(`${argument} "${truncate(id)}" is not a valid global id.`, argument);
  return global;
}

@Resolver()
export class NodeResolver {
  @Query(() => Node, {
    nullable: true,
    description: "Any object by its global id; null when it does not exist.",
  })
  node(@Arg("id", () => ID) id: string, @Ctx() ctx: Context): Promise<Node | null> {
    const { type, key } = decode(id, "id");
    return loadNode(ctx, type, key, MAPPERS[type]);
  }

  @Query(() => [Node], {
    nullable: "items",
    description: "Objects by global ids (at most 100), in the same order; null for unknown ones.",
  })
  async nodes(@Arg("ids", () => [ID]) ids: string[], @Ctx() ctx: Context): Promise<(Node | null)[]> {
    if (ids.length > MAX_NODES)
      throw badInput(`ids may hold at most ${MAX_NODES} ids (got ${ids.length}).`, "ids");
    const decoded = ids.map((id, i) => decode(id, `ids[${i}]`));
    return Promise.all(decoded.map(({ type, key }) => loadNode(ctx, type, key, MAPPERS[type])));
  }
}
