import { Field, ObjectType } from "type-graphql";
import { Connection } from "../common/connection.type";
import { toGlobalId } from "../common/global-id";
import { Node } from "../common/node.type";
import type { Props } from "../common/node.repository";
import { optStr, str } from "../common/props";

@ObjectType({ implements: Node, description: "A meeting, congress or inspiration session." })
export class Event extends Node {
  @Field()
  key!: string;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true, description: "ISO date." })
  date!: string | null;

  @Field({ description: "bijeenkomst, congres, inspiratiesessie, …" })
  kind!: string;

  @Field(() => String, { nullable: true })
  source!: string | null;

  static from(p: Props): Event {
    return Object.assign(new Event(), {
      id: toGlobalId("Event", str(p, "id")),
      key: str(p, "id"),
      name: str(p, "name"),
      date: optStr(p, "date"),
      kind: str(p, "kind"),
      source: optStr(p, "source"),
    });
  }
}

@ObjectType()
export class EventConnection extends Connection(Event) {}
