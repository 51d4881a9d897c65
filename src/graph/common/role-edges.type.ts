import { type ClassType, Field, ObjectType } from "type-graphql";
import { ConnectionOf } from "./connection.type";
import { EventRole, ParticipationRole } from "./enums";
import { Organisation } from "../organisation/organisation.type";
import { Initiative } from "../initiative/initiative.type";
import { Event } from "../event/event.type";

/** Edges that carry the role of the relationship (PARTICIPATES_IN / TAKES_PART_IN {role}). */
function RoleEdge<TNode extends object, TRole extends string>(
  name: string,
  node: ClassType<TNode>,
  role: object,
) {
  @ObjectType(name)
  class Edge {
    @Field(() => node)
    node!: TNode;

    @Field()
    cursor!: string;

    @Field(() => role)
    role!: TRole;
  }
  return Edge;
}

const ParticipantEdge = RoleEdge<Organisation, ParticipationRole>(
  "ParticipantEdge",
  Organisation,
  ParticipationRole,
);
const ParticipationEdge = RoleEdge<Initiative, ParticipationRole>(
  "ParticipationEdge",
  Initiative,
  ParticipationRole,
);
const EventParticipationEdge = RoleEdge<Event, EventRole>("EventParticipationEdge", Event, EventRole);

@ObjectType()
export class ParticipantConnection extends ConnectionOf(ParticipantEdge) {}

@ObjectType()
export class ParticipationConnection extends ConnectionOf(ParticipationEdge) {}

@ObjectType()
export class EventParticipationConnection extends ConnectionOf(EventParticipationEdge) {}

@ObjectType({ description: "An organisation taking part in an event, with its role." })
export class EventParticipant {
  @Field(() => Organisation)
  organisation!: Organisation;

  @Field(() => EventRole)
  role!: EventRole;
}
