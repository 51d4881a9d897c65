import { MaxLength } from "class-validator";
import { ArgsType, Field, ID, ObjectType } from "type-graphql";
import { Role } from "../../auth/auth.user";
import { Connection } from "../../graph/common/connection.type";
import { enumValue } from "../../graph/common/enums";
import { PageArgs } from "../../graph/common/page.args";
import type { Props } from "../../graph/common/node.repository";
import { optStr, str } from "../../graph/common/props";

@ObjectType({ description: "Who made a change: the token's opaque subject and role, never personal data." })
export class AuditActor {
  @Field({ description: "Opaque subject id from the token (e-mail-like subjects are pseudonymised)." })
  subject!: string;

  @Field(() => Role)
  role!: Role;

  @Field(() => String, { nullable: true, description: "Organisation the token was for." })
  organisation!: string | null;
}

@ObjectType({ description: "One change to the graph: who changed what, when. Readable by admins only." })
export class AuditEvent {
  @Field({ description: "The event's own key (unique among audit events; not a Node id)." })
  key!: string;

  @Field({ description: "When, as an ISO 8601 timestamp (UTC)." })
  at!: string;

  @Field({ description: "The mutation, e.g. updateOrganisation." })
  action!: string;

  @Field({ description: "Label of the changed node, e.g. Organisation." })
  targetType!: string;

  @Field({ description: "Key of the changed node (it may have been deleted since)." })
  targetKey!: string;

  @Field(() => AuditActor)
  actor!: AuditActor;

  @Field(() => [String], { description: "Properties and relation fields that changed (names, not values)." })
  changedFields!: string[];

  static from(p: Props): AuditEvent {
    return Object.assign(new AuditEvent(), {
      key: str(p, "id"),
      at: str(p, "at"),
      action: str(p, "action"),
      targetType: str(p, "targetType"),
      targetKey: str(p, "targetId"),
      actor: Object.assign(new AuditActor(), {
        subject: str(p, "actorSubject"),
        role: enumValue(Role, p.actorRole) ?? Role.ANONYMOUS,
        organisation: optStr(p, "actorOrganisation"),
      }),
      changedFields: Array.isArray(p.changedFields) ? p.changedFields.map(String) : [],
    });
  }
}

@ObjectType()
export class AuditEventConnection extends Connection(AuditEvent) {}

@ArgsType()
export class AuditLogArgs extends PageArgs {
  @Field(() => ID, {
    nullable: true,
    description: "Only changes of this node: its global id, or a key (any type).",
  })
  @MaxLength(200)
  target?: string | null;
}
