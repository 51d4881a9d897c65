import { Field, ID, InterfaceType, ObjectType } from "type-graphql";

@InterfaceType({ description: "An object with an opaque global id, fetchable with `node(id)`." })
export abstract class Node {
  @Field(() => ID, { description: "Opaque global id." })
  id!: string;
}

/**
 * The base of a node with a slug key and a name, the fields most entities share; `keyDescription`
 * documents the key where it is also accepted as an id. Not in the schema itself (no query returns it).
 */
export function KeyedNode(keyDescription?: string) {
  @ObjectType()
  abstract class Keyed extends Node {
    @Field({ description: keyDescription })
    key!: string;

    @Field()
    name!: string;
  }
  return Keyed;
}
