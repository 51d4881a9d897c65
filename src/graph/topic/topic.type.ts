import { Field, ObjectType } from "type-graphql";
import { Connection } from "../common/connection.type";
import { toGlobalId } from "../common/global-id";
import { Node } from "../common/node.type";
import type { Props } from "../common/node.repository";
import { optStr, str } from "../common/props";

@ObjectType({
  implements: Node,
  description: "A theme organisations work on (Dutch taxonomy with broader/subtopics).",
})
export class Topic extends Node {
  @Field({ description: "Stable human-readable key (slug)." })
  key!: string;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  static from(p: Props): Topic {
    return Object.assign(new Topic(), {
      id: toGlobalId("Topic", str(p, "id")),
      key: str(p, "id"),
      name: str(p, "name"),
      description: optStr(p, "description"),
    });
  }
}

@ObjectType()
export class TopicConnection extends Connection(Topic) {}
