import { InputType } from "type-graphql";
import { NamedUpdateInput, NewNamedInput } from "../common/mutation.inputs";
import * as field from "../common/mutation.validators";

/** Fields that create and update share; absent fields stay as they are, null clears. */
@InputType()
class EventDetails {
  @field.DayField()
  date?: string | null;

  @field.MunicipalityCodeField("CBS code of the municipality it is held in (GM0202).")
  place?: string | null;

  @field.ReferenceField("The initiative it is part of.")
  initiative?: string | null;

  @field.ReferenceListField(20, "Topics it is about.")
  topics?: string[] | null;

  @field.SourceField()
  source?: string | null;
}

@InputType({ description: "A new event. Its id is a slug of the name unless given." })
export class CreateEventInput extends NewNamedInput(EventDetails) {
  @field.TextField(60, { required: true, description: "bijeenkomst, congres, inspiratiesessie, …" })
  kind!: string;
}

@InputType({ description: "Changes to an event; absent fields stay as they are, null clears." })
export class UpdateEventInput extends NamedUpdateInput(EventDetails) {}
