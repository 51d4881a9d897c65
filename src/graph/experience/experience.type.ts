import { Field, ObjectType } from "type-graphql";
import { Connection } from "../common/connection.type";
import { ExperienceKind, enumValue } from "../common/enums";
import { toGlobalId } from "../common/global-id";
import { Node } from "../common/node.type";
import type { Props } from "../common/node.repository";
import { optStr, str } from "../common/props";

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
    return Object.assign(new Experience(), {
      id: toGlobalId("Experience", str(p, "id")),
      key: str(p, "id"),
      title: str(p, "title"),
      summary: optStr(p, "summary"),
      date: optStr(p, "date"),
      kind: enumValue(ExperienceKind, p.kind) ?? ExperienceKind.STORY,
      source: optStr(p, "source"),
    });
  }
}

@ObjectType()
export class ExperienceConnection extends Connection(Experience) {}
