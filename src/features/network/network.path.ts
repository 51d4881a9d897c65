import { keyOf, nodeTypeOf } from "../../domain";
import { toGlobalId } from "../../graph/common/global-id";
import { str } from "../../graph/common/props";
import { nodeFrom } from "../../graph/node/node.mappers";
import type { PathRow } from "./network.repository";
import { Path, PathDirection, PathNode, PathRelationship } from "./network.type";

/** The path as the API returns it: the path's nodes (with their own types) and its relationships. */
export function toPath(row: PathRow): Path {
  const nodes = (row.nodes ?? []).map(({ labels, props }) => {
    const type = nodeTypeOf(labels) ?? "Organisation";
    const key = keyOf(type, props);
    return Object.assign(new PathNode(), {
      type,
      nodeId: toGlobalId(type, key),
      key,
      name: str(props, "name") || str(props, "title"),
      node: nodeFrom(type, props),
    });
  });
  const relationships = (row.relationships ?? []).map((r, i) => {
    const [a, b] = [nodes[i]?.nodeId ?? "", nodes[i + 1]?.nodeId ?? ""];
    return Object.assign(new PathRelationship(), {
      type: r.type,
      direction: r.forward ? PathDirection.FORWARD : PathDirection.BACKWARD,
      from: r.forward ? a : b,
      to: r.forward ? b : a,
    });
  });
  return Object.assign(new Path(), { length: relationships.length, nodes, relationships });
}
