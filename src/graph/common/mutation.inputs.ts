import { type ClassType, InputType } from "type-graphql";
import { NewKeyField, SuffixOnCollisionField, TextField } from "./mutation.validators";

/**
 * The create input of a named entity: its details plus what every create asks (an id that defaults to a
 * slug of the name, what to do when it is taken, the name itself). Written once for event, initiative
 * and organisation; the input type's own fields (kind with its own description, …) stay in its class.
 */
export function NewNamedInput<TDetails extends ClassType>(Details: TDetails) {
  @InputType()
  abstract class NewNamed extends Details {
    @NewKeyField("name")
    id?: string | null;

    @SuffixOnCollisionField()
    suffixOnCollision!: boolean;

    @TextField(200, { required: true })
    name!: string;
  }
  return NewNamed;
}

/** The update input of a named entity with a kind: both may change, neither may be cleared. */
export function NamedUpdateInput<TDetails extends ClassType>(Details: TDetails) {
  @InputType()
  abstract class NamedUpdate extends Details {
    @TextField(200, { required: true, nullable: true })
    name?: string | null;

    @TextField(60, { required: true, nullable: true })
    kind?: string | null;
  }
  return NamedUpdate;
}
