import { Field, ObjectType } from "type-graphql";
import { Connection } from "../common/connection.type";
import { KeyedNode, Node } from "../common/node.type";
import type { Props } from "../common/node.repository";
import { nodeKey, optStr, readNode, str } from "../common/props";

@ObjectType({
  implements: Node,
  description: "A theme organisations work on (Dutch taxonomy with broader/subtopics).",
})
export class Topic extends KeyedNode("Stable human-readable key (slug).") {
  @Field(() => String, { nullable: true })
  description!: string | null;

  static from(p: Props): Topic {
    return readNode(Topic, "Topic", p, { key: nodeKey, name: str, description: optStr });
  }
}

@ObjectType()
export class TopicConnection extends Connection(Topic) {}
