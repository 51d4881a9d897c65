import { createUnionType, Field, Float, ObjectType } from "type-graphql";
import { Connection } from "../common/connection.type";
import { Node } from "../common/node.type";
import type { Props } from "../common/node.repository";
import { optNum, optStr, readNode, str } from "../common/props";

@ObjectType({
  implements: Node,
  description: "A Dutch gemeente (CBS code). Merged-away ones have validTo and a successor.",
})
export class Municipality extends Node {
  @Field({ description: "CBS code, e.g. GM0363." })
  code!: string;

  @Field()
  name!: string;

  @Field(() => Float, { nullable: true, description: "Latitude of the centroid (WGS84)." })
  lat!: number | null;

  @Field(() => Float, { nullable: true })
  lon!: number | null;

  @Field(() => String, {
    nullable: true,
    description: "Date it ceased to exist (merged into its successor).",
  })
  validTo!: string | null;

  @Field({ description: "False for municipalities merged away since 2019." })
  current(): boolean {
    return this.validTo === null;
  }

  static from(p: Props): Municipality {
    const fields = { code: str, name: str, lat: optNum, lon: optNum, validTo: optStr };
    return readNode(Municipality, "Municipality", p, fields);
  }
}

@ObjectType({ implements: Node, description: "One of the twelve provinces (CBS code PV20..PV31)." })
export class Province extends Node {
  @Field()
  code!: string;

  @Field()
  name!: string;

  static from(p: Props): Province {
    return readNode(Province, "Province", p, { code: str, name: str });
  }
}

export const Place = createUnionType({
  name: "Place",
  description: "A municipality or a province.",
  types: () => [Municipality, Province] as const,
  resolveType: (value) => (value instanceof Province ? Province : Municipality),
});

/** Maps a node returned with its labels to a Municipality or Province. */
export function placeFrom(props: Props, labels: string[]): Municipality | Province {
  return labels.includes("Province") ? Province.from(props) : Municipality.from(props);
}

@ObjectType()
export class MunicipalityConnection extends Connection(Municipality) {}
