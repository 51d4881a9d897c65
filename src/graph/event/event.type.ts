import { Field, ObjectType } from "type-graphql";
import { Connection } from "../common/connection.type";
import { KeyedNode, Node } from "../common/node.type";
import type { Props } from "../common/node.repository";
import { nodeKey, optStr, readNode, str } from "../common/props";

@ObjectType({ implements: Node, description: "A meeting, congress or inspiration session." })
export class Event extends KeyedNode() {
  @Field(() => String, { nullable: true, description: "ISO date." })
  date!: string | null;

  @Field({ description: "bijeenkomst, congres, inspiratiesessie, …" })
  kind!: string;

  @Field(() => String, { nullable: true })
  source!: string | null;

  static from(p: Props): Event {
    const fields = { key: nodeKey, name: str, date: optStr, kind: str, source: optStr };
    return readNode(Event, "Event", p, fields);
  }
}

@ObjectType()
export class EventConnection extends Connection(Event) {}
