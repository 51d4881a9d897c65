import { Field, ObjectType } from "type-graphql";
import { Connection } from "../common/connection.type";
import { OrganisationStatus, Scope, enumValue } from "../common/enums";
import { toGlobalId } from "../common/global-id";
import { Node } from "../common/node.type";
import type { Props } from "../common/node.repository";
import { optStr, str } from "../common/props";

@ObjectType({
  implements: Node,
  description:
    "A patient or disability association, koepel, adviesraad, zorgcoöperatie, knowledge institute, municipality, fund, …",
})
export class Organisation extends Node {
  @Field({ description: "Stable human-readable key (slug), also accepted wherever an id is." })
  key!: string;

  @Field()
  name!: string;

  @Field({
    description:
      "Kind in Dutch: patiëntenvereniging, koepel, adviesraad, zorgcoöperatie, kennisinstituut, gemeente, fonds, …",
  })
  kind!: string;

  @Field(() => Scope)
  scope!: Scope;

  @Field(() => OrganisationStatus)
  status!: OrganisationStatus;

  @Field(() => String, { nullable: true })
  website!: string | null;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => String, { nullable: true, description: "Where the facts about this organisation come from." })
  source!: string | null;

  static from(p: Props): Organisation {
    return Object.assign(new Organisation(), {
      id: toGlobalId("Organisation", str(p, "id")),
      key: str(p, "id"),
      name: str(p, "name"),
      kind: str(p, "kind"),
      scope: enumValue(Scope, p.scope) ?? Scope.LOCAL,
      status: enumValue(OrganisationStatus, p.status) ?? OrganisationStatus.ACTIVE,
      website: optStr(p, "website"),
      description: optStr(p, "description"),
      source: optStr(p, "source"),
    });
  }
}

@ObjectType()
export class OrganisationConnection extends Connection(Organisation) {}
