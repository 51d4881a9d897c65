import type { NodeType } from "../../domain";
import type { Props } from "../common/node.repository";
import type { Node } from "../common/node.type";
import { Condition } from "../condition/condition.type";
import { Event } from "../event/event.type";
import { Experience } from "../experience/experience.type";
import { Initiative } from "../initiative/initiative.type";
import { Organisation } from "../organisation/organisation.type";
import { Municipality, Province } from "../place/place.type";
import { Topic } from "../topic/topic.type";

/** The GraphQL object of each registered node type (src/domain/node-types.ts), built from its properties. */
export const NODE_MAPPERS: Record<NodeType, (p: Props) => Node> = {
  Organisation: Organisation.from,
  Topic: Topic.from,
  Condition: Condition.from,
  Municipality: Municipality.from,
  Province: Province.from,
  Initiative: Initiative.from,
  Event: Event.from,
  Experience: Experience.from,
};

export function nodeFrom(type: NodeType, props: Props): Node {
  return NODE_MAPPERS[type](props);
}
