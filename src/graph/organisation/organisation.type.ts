import { Field, ObjectType } from "type-graphql";
import { Connection } from "../common/connection.type";
import { OrganisationStatus, Scope } from "../common/enums";
import { KeyedNode, Node } from "../common/node.type";
import type { Props } from "../common/node.repository";
import { enumOr, nodeKey, optStr, readNode, str } from "../common/props";

@ObjectType({
  implements: Node,
  description:
    "A patient or disability association, koepel, adviesraad, zorgcoöperatie, knowledge institute, municipality, fund, …",
})
export class Organisation extends KeyedNode(
  "Stable human-readable key (slug), also accepted wherever an id is.",
) {
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
    return readNode(Organisation, "Organisation", p, {
      key: nodeKey,
      name: str,
      kind: str,
      scope: enumOr(Scope, Scope.LOCAL),
      status: enumOr(OrganisationStatus, OrganisationStatus.ACTIVE),
      website: optStr,
      description: optStr,
      source: optStr,
    });
  }
}

@ObjectType()
export class OrganisationConnection extends Connection(Organisation) {}
