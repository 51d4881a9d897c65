import { Field, ObjectType } from "type-graphql";
import { Connection } from "../common/connection.type";
import { toGlobalId } from "../common/global-id";
import { Node } from "../common/node.type";
import type { Props } from "../common/node.repository";
import { optStr, str } from "../common/props";

@ObjectType({
  implements: Node,
  description: "An alliance, campaign, project, network or study organisations take part in.",
})
export class Initiative extends Node {
  @Field()
  key!: string;

  @Field()
  name!: string;

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
    return Object.assign(new Initiative(), {
      id: toGlobalId("Initiative", str(p, "id")),
      key: str(p, "id"),
      name: str(p, "name"),
      kind: str(p, "kind"),
      goal: optStr(p, "goal"),
      startDate: optStr(p, "startDate"),
      endDate: optStr(p, "endDate"),
      status: optStr(p, "status"),
      source: optStr(p, "source"),
    });
  }
}

@ObjectType()
export class InitiativeConnection extends Connection(Initiative) {}
