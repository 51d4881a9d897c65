import { Field, ObjectType } from "type-graphql";
import { Connection } from "../common/connection.type";
import { ExperienceKind } from "../common/enums";
import { Node } from "../common/node.type";
import type { Props } from "../common/node.repository";
import { enumOr, nodeKey, optStr, readNode, str } from "../common/props";

@ObjectType({ implements: Node, description: "A shared best practice, lesson, story or result." })
export class Experience extends Node {
  @Field()
  key!: string;

  @Field()
  title!: string;

  @Field(() => String, { nullable: true })
  summary!: string | null;

  @Field(() => String, { nullable: true, description: "ISO date." })
  date!: string | null;

  @Field(() => ExperienceKind)
  kind!: ExperienceKind;

  @Field(() => String, { nullable: true })
  source!: string | null;

  static from(p: Props): Experience {
    return readNode(Experience, "Experience", p, {
      key: nodeKey,
      title: str,
      summary: optStr,
      date: optStr,
      kind: enumOr(ExperienceKind, ExperienceKind.STORY),
      source: optStr,
    });
  }
}

@ObjectType()
export class ExperienceConnection extends Connection(Experience) {}
