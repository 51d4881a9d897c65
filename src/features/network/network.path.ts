import { NODE_TYPES, type NodeType, toGlobalId } from "../../graph/common/global-id";
import type { Props } from "../../graph/common/node.repository";
import type { Node } from "../../graph/common/node.type";
import { str } from "../../graph/common/props";
import { Condition } from "../../graph/condition/condition.type";
import { Event } from "../../graph/event/event.type";
import { Experience } from "../../graph/experience/experience.type";
import { Initiative } from "../../graph/initiative/initiative.type";
import { Organisation } from "../../graph/organisation/organisation.type";
import { Municipality, Province } from "../../graph/place/place.type";
import { Topic } from "../../graph/topic/topic.type";
import type { PathRow } from "./network.repository";
import { Path, PathDirection, PathNode, PathRelationship } from "./network.type";

const MAPPERS: Record<NodeType, (p: Props) => Node> = {
  Organisation: Organisation.from,
  Topic: Topic.from,
  Condition: Condition.from,
  Municipality: Municipality.from,
  Province: Province.from,
  Initiative: Initiative.from,
  Event: Event.from,
  Experience: Experience.from,
};

const KEY_OF = (type: NodeType, p: Props): string =>
  type === "Municipality" || type === "Province" ? str(p, "code") : str(p, "id");

/** The path as the API returns it: the path's nodes (with their own types) and its relationships. */
export function toPath(row: PathRow): Path {
  const nodes = (row.nodes ?? []).map(({ labels, props }) => {
    const type = NODE_TYPES.find((t) => labels.includes(t)) ?? "Organisation";
    const key = KEY_OF(type, props);
    return Object.assign(new PathNode(), {
      type,
      id: toGlobalId(type, key),
      key,
      name: str(props, "name") || str(props, "title"),
      node: MAPPERS[type](props),
    });
  });
  const relationships = (row.relationships ?? []).map((r, i) => {
    const [a, b] = [nodes[i]?.id ?? "", nodes[i + 1]?.id ?? ""];
    return Object.assign(new PathRelationship(), {
      type: r.type,
      direction: r.forward ? PathDirection.FORWARD : PathDirection.BACKWARD,
      from: r.forward ? a : b,
      to: r.forward ? b : a,
    });
  });
  return Object.assign(new Path(), { length: relationships.length, nodes, relationships });
}
