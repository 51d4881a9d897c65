import { Field, ObjectType } from "type-graphql";
import { ConnectionOf } from "./connection.type";
import { EventRole, ParticipationRole } from "./enums";
import { Organisation } from "../organisation/organisation.type";
import { Initiative } from "../initiative/initiative.type";
import { Event } from "../event/event.type";

/** Edges that carry the role of the relationship (PARTICIPATES_IN / TAKES_PART_IN {role}). */

@ObjectType()
export class ParticipantEdge {
  @Field(() => Organisation)
  node!: Organisation;

  @Field()
  cursor!: string;

  @Field(() => ParticipationRole)
  role!: ParticipationRole;
}

@ObjectType()
export class ParticipantConnection extends ConnectionOf<Organisation, ParticipantEdge>(ParticipantEdge) {}

@ObjectType()
export class ParticipationEdge {
  @Field(() => Initiative)
  node!: Initiative;

  @Field()
  cursor!: string;

  @Field(() => ParticipationRole)
  role!: ParticipationRole;
}

@ObjectType()
export class ParticipationConnection extends ConnectionOf<Initiative, ParticipationEdge>(ParticipationEdge) {}

@ObjectType()
export class EventParticipationEdge {
  @Field(() => Event)
  node!: Event;

  @Field()
  cursor!: string;

  @Field(() => EventRole)
  role!: EventRole;
}

@ObjectType()
export class EventParticipationConnection extends ConnectionOf<Event, EventParticipationEdge>(
  EventParticipationEdge,
) {}

@ObjectType({ description: "An organisation taking part in an event, with its role." })
export class EventParticipant {
  @Field(() => Organisation)
  organisation!: Organisation;

  @Field(() => EventRole)
  role!: EventRole;
}
