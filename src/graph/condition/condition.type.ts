import { Field, ObjectType } from "type-graphql";
import { Connection } from "../common/connection.type";
import { toGlobalId } from "../common/global-id";
import { Node } from "../common/node.type";
import type { Props } from "../common/node.repository";
import { optStr, str } from "../common/props";

@ObjectType({ implements: Node, description: "A condition or target group organisations represent." })
export class Condition extends Node {
  @Field()
  key!: string;

  @Field()
  name!: string;

  @Field(() => String, {
    nullable: true,
    description: "zintuiglijk, lichamelijk, verstandelijk, psychisch, chronisch somatisch, …, or doelgroep.",
  })
  group!: string | null;

  static from(p: Props): Condition {
    return Object.assign(new Condition(), {
      id: toGlobalId("Condition", str(p, "id")),
      key: str(p, "id"),
      name: str(p, "name"),
      group: optStr(p, "group"),
    });
  }
}

@ObjectType()
export class ConditionConnection extends Connection(Condition) {}
