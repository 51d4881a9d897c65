import { Field, ObjectType } from "type-graphql";
import { Connection } from "../common/connection.type";
import { KeyedNode, Node } from "../common/node.type";
import type { Props } from "../common/node.repository";
import { nodeKey, optStr, readNode, str } from "../common/props";

@ObjectType({
  implements: Node,
  description: "An alliance, campaign, project, network or study organisations take part in.",
})
export class Initiative extends KeyedNode() {
  @Field({ description: "alliantie, campagne, project, netwerk, onderzoek" })
  kind!: string;

  @Field(() => String, { nullable: true })
  goal!: string | null;

  @Field(() => String, { nullable: true, description: "ISO date." })
  startDate!: string | null;

  @Field(() => String, { nullable: true, description: "ISO date." })
  endDate!: string | null;

  @Field(() => String, { nullable: true })
  status!: string | null;

  @Field(() => String, { nullable: true })
  source!: string | null;

  static from(p: Props): Initiative {
    return readNode(Initiative, "Initiative", p, {
      key: nodeKey,
      name: str,
      kind: str,
      goal: optStr,
      startDate: optStr,
      endDate: optStr,
      status: optStr,
      source: optStr,
    });
  }
}

@ObjectType()
export class InitiativeConnection extends Connection(Initiative) {}
