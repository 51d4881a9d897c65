import { Field, ObjectType } from "type-graphql";
import { Connection } from "../common/connection.type";
import { KeyedNode, Node } from "../common/node.type";
import type { Props } from "../common/node.repository";
import { nodeKey, optStr, readNode, str } from "../common/props";

@ObjectType({ implements: Node, description: "A condition or target group organisations represent." })
export class Condition extends KeyedNode() {
  @Field(() => String, {
    nullable: true,
    description: "zintuiglijk, lichamelijk, verstandelijk, psychisch, chronisch somatisch, …, or doelgroep.",
  })
  group!: string | null;

  static from(p: Props): Condition {
    return readNode(Condition, "Condition", p, { key: nodeKey, name: str, group: optStr });
  }
}

@ObjectType()
export class ConditionConnection extends Connection(Condition) {}
